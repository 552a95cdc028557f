/* pprof_hooks.h - the mutex and block profiles' hook points in the
 * scheduler and the primitives (pprof_contention.c): one relaxed load and
 * a not-taken branch each while the profiles are off. */
#ifndef GOSAN_GO_PPROF_HOOKS_H
#define GOSAN_GO_PPROF_HOOKS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "sched.h"

extern _Atomic int go_pprof_mutex_rate;
extern _Atomic int64_t go_pprof_block_rate;
void go_pprof_mutex_event(int64_t since);
void go_pprof_block_event(int64_t since);

/* Before a park: the time it starts, or 0 when the block profile is off
 * (sleeping is not blocking, as in Go). */
static inline int64_t go_pprof_block_begin(go_wait_reason why)
{
    return atomic_load_explicit(&go_pprof_block_rate, memory_order_relaxed) && why != GO_WAIT_SLEEP ? go_now() : 0;
}

static inline void go_pprof_block_end(int64_t t0)
{
    if (t0)
        go_pprof_block_event(t0);
}

static inline bool go_pprof_mutex_on(void)
{
    return atomic_load_explicit(&go_pprof_mutex_rate, memory_order_relaxed) != 0;
}

/* An unlock woke a waiter queued since `since` (go_now()). */
static inline void go_pprof_mutex_wake(int64_t since)
{
    if (atomic_load_explicit(&go_pprof_mutex_rate, memory_order_relaxed))
        go_pprof_mutex_event(since);
}

#endif /* GOSAN_GO_PPROF_HOOKS_H */
