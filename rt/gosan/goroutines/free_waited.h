/* free_waited.h - the `free of object with blocked goroutines` misuse
 * (free_waited.c): the hook table tells which sync objects goroutines
 * block on, the malloc interceptor asks at each free.
 */
#ifndef GOSAN_FREE_WAITED_H
#define GOSAN_FREE_WAITED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "go_hooks.h"

/* The running goroutine blocks on / stops waiting for obj for reason r
 * (only waits on Mutex, RWMutex, WaitGroup and Cond are kept). */
void gs_freewait_block(go_wait_reason r, const void *obj);
void gs_freewait_unblock(go_wait_reason r, const void *obj);
/* The program frees [lo, lo+size) at ret_pc (a return address): reports
 * if goroutines are blocked on an object there.  One load when none is. */
void gs_freewait_check_free(uintptr_t lo, size_t size, uintptr_t ret_pc);
/* The report: obj is in [lo, lo+size); sure: the library saw a waiter
 * itself (a channel's queue), so report even if the snapshot catches it
 * before its park is complete. */
void gs_report_free_waited(const void *obj, uintptr_t lo, size_t size, uintptr_t ret_pc, bool sure);

#endif
