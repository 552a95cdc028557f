/* thread_late_exit.c - a thread's life released again after glibc's TSD
 * destructors (see thread_late_exit.h).  glibc calls the destructors of a
 * thread's non-NULL key values after its start routine has returned (or
 * pthread_exit has unwound it), so after the thread's exit edge, in rounds
 * while values remain, at most PTHREAD_DESTRUCTOR_ITERATIONS.
 *
 * A runtime key whose value counts the rounds: its destructor sets it
 * again until glibc's last round, which it so always reaches, and there
 * releases the thread's life once more under its pthread_t, where a join
 * acquires it (thread_hb.h).  Every destructor of an earlier round, and
 * those of the last round whose keys number below this one (made before
 * it), are thus ordered before the join.  A detached thread releases nothing, as at its exit edge.
 * pthread_key_create and pthread_setspecific are not intercepted: the calls
 * here add no edges.
 */
#include "thread_late_exit.h"

#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>

#include "posix_threads.h"
#include "syncobj.h"
#include "thread_hb.h"

static pthread_key_t tle_key;
static int tle_key_state; /* 0 none, 1 being made, 2 made, 3 failed */

/* p: the round glibc is in, from 1. */
static void tle_round(void *p)
{
    uintptr_t round = (uintptr_t)p;
    if (round < PTHREAD_DESTRUCTOR_ITERATIONS) {
        pthread_setspecific(tle_key, (void *)(round + 1));
        return;
    }
    if (!gs_posix_self_detached())
        gs_pthread_sync((const void *)pthread_self(), GS_SYNC_THREAD, GS_SYNC_OP_RELEASE);
}

/* Not pthread_once: that is intercepted, and would add an edge. */
static bool tle_key_made(void)
{
    int expect = 0;
    if (__atomic_compare_exchange_n(&tle_key_state, &expect, 1, false, __ATOMIC_ACQUIRE,
                                    __ATOMIC_ACQUIRE)) {
        int made = pthread_key_create(&tle_key, tle_round) == 0;
        __atomic_store_n(&tle_key_state, made ? 2 : 3, __ATOMIC_RELEASE);
    }
    while (__atomic_load_n(&tle_key_state, __ATOMIC_ACQUIRE) == 1)
        sched_yield();
    return __atomic_load_n(&tle_key_state, __ATOMIC_ACQUIRE) == 2;
}

void gs_thread_late_exit_arm(void)
{
    if (gs_thread_hb_caller() && tle_key_made())
        pthread_setspecific(tle_key, (void *)1);
}
