/* api_access.h - accesses the runtime makes to the program's memory on its
 * behalf inside an intercepted call (pthread_mutex_init writes the mutex,
 * pthread_mutex_lock reads it), recorded and checked like the program's own
 * accesses, under an api frame (api_frame.h) that names the call above the
 * program's call site: `#0 pthread_mutex_lock`, `#1 worker file:line`.
 */
#ifndef GOSAN_API_ACCESS_H
#define GOSAN_API_ACCESS_H

#include <stddef.h>
#include <stdint.h>

#include "api_frame.h"
#include "thread_state.h"

/* The access [addr, addr+size) of kind (GS_K_* of access.h) by t, made by
 * the intercepted call `call` that the program called from the return
 * address ret.  Nothing for t NULL. */
void gs_api_access(gs_thr *t, const void *addr, size_t size, uint64_t kind, const gs_api_call *call,
                   void *ret);

/* A lock object's read by its call (lock_access.h), likewise. */
void gs_api_lock_read(gs_thr *t, const void *obj, const gs_api_call *call, void *ret);

#endif
