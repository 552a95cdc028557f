/* engine_api.h - what the report/interceptor modules (heap, libc_intercept,
 * location) need from the happens-before engine.  Declared weak so either
 * side compiles alone; the engine defines them.  Every one
 * must be safe before __gosan_init and on threads the runtime does not know
 * (then: do nothing / return 0). */
#ifndef GOSAN_ENGINE_API_H
#define GOSAN_ENGINE_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "stackdepot.h"

/* A heap block [p, p+n) was just allocated / is about to be freed: forget
 * the shadow history of every granule it touches (it owns them: see
 * gs_shadow_clear_granules); a free is also checked as a write. */
__attribute__((weak)) void gs_engine_on_alloc(void *p, size_t n);
__attribute__((weak)) void gs_engine_on_free(void *p, size_t n);
/* The running goroutine's current call stack (from func entry/exit) as a
 * call node, with pc as its frame 0 (0: none).  0 if unknown.  malloc.c
 * passes its caller's return address minus one, so frame 0 symbolizes to
 * the malloc call's line when printed as an access pc. */
__attribute__((weak)) uint32_t gs_engine_current_node(uintptr_t pc);
/* The running goroutine's id, 0 if none (unknown thread, before init). */
__attribute__((weak)) uint64_t gs_engine_current_goid(void);
/* libc touched [addr, addr+n) on the program's behalf: check it as the
 * program's access at pc.  Respects ignore state and "not initialised".
 * pc is the libc call site in the program: the interceptor's return address
 * minus one, so it symbolizes as is, like an instrumented access's pc. */
__attribute__((weak)) void gs_access_range(const void *addr, size_t n, bool is_write, uintptr_t pc);
/* Happens-before for the pthread interceptors (posix_threads.c),
 * done by thread_hb.c: operation op (a gs_sync_op) on sync address addr (tag:
 * GS_SYNC_PLAIN or GS_SYNC_RW_READERS; both in syncobj.h), by the running
 * goroutine or thread. */
__attribute__((weak)) void gs_engine_sync(const void *addr, int tag, int op);
/* Who created a thread, and where (a call node), for its reports. */
typedef struct gs_thread_origin {
    uint64_t parent;
    uint32_t node;
} gs_thread_origin;
/* A thread is about to be created: its birth record is key (unique while
 * the child lives).  Called by the parent, pc the pthread_create call's
 * return address. */
__attribute__((weak)) gs_thread_origin gs_engine_thread_birth(const void *key, void *pc);
/* First thing on the child: the parent's past is acquired when the child
 * first needs a state, so threads that never reach a checked event cost
 * nothing. */
__attribute__((weak)) void gs_engine_thread_start(const void *key, gs_thread_origin origin);
/* Last thing on the child (returned or pthread_exit): its life is released
 * for a joiner under self (its pthread_t; NULL for a detached thread); the
 * birth record is dropped. */
__attribute__((weak)) void gs_engine_thread_exit(const void *key, const void *self);
/* A join of the thread whose pthread_t is self succeeded. */
__attribute__((weak)) void gs_engine_thread_joined(const void *self);
/* A pthread lock event, as the library's mutex events (go_hooks.h's
 * go_mutex_event numbers): for the lock-order graph and wait cycles.  pc
 * is the interceptor's return address. */
__attribute__((weak)) void gs_engine_mutex_event(int ev, const void *m, bool is_rw, void *pc);
/* The running goroutine's stack bounds [lo, hi), false if unknown. */
__attribute__((weak)) bool gs_engine_current_stack_range(uintptr_t *lo, uintptr_t *hi);

#endif
