/* thread_hb.h - happens-before for POSIX threads and their objects, asked
 * for by the pthread interceptors (intercept/posix_threads.c) and done by
 * thread_hb.c.  Every function is safe before start-up and in the
 * library's scheduler (a worker between goroutines): it then does nothing.
 */
#ifndef GOSAN_THREAD_HB_H
#define GOSAN_THREAD_HB_H

#include <stdint.h>

#include "thread_state.h"

/* The state the calling goroutine or thread acts as, or NULL: before
 * start-up, and in the library's scheduler. */
gs_thr *gs_thread_hb_caller(void);

/* Operation op (a gs_sync_op) on sync address addr (tag: GS_SYNC_PLAIN or
 * GS_SYNC_RW_READERS; both in syncobj.h), by the running goroutine or
 * thread. */
void gs_pthread_sync(const void *addr, int tag, int op);

/* Who created a thread, and where (a call node), for its reports. */
typedef struct gs_thread_origin {
    uint64_t parent;
    uint32_t node;
} gs_thread_origin;
/* A thread is about to be created: its birth record is key (unique while
 * the child lives).  Called by the parent, pc the pthread_create call's
 * return address. */
gs_thread_origin gs_thread_birth(const void *key, void *pc);
/* First thing on the child: the parent's past is acquired when the child
 * first needs a state, so threads that never reach a checked event cost
 * nothing. */
void gs_thread_start(const void *key, gs_thread_origin origin);
/* Last thing on the child (returned or pthread_exit): its life is released
 * for a joiner under self (its pthread_t; NULL for a detached thread); the
 * birth record is dropped. */
void gs_thread_exit(const void *key, const void *self);
/* A join of the thread whose pthread_t is self succeeded. */
void gs_thread_joined(const void *self);

#endif
