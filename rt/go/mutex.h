/* mutex.h - go_mutex's internal entry points, for the primitives built on it
 * (rwmutex.c's writer mutex, once.c, cond.c).
 *
 * gomu_* are the bare lock algorithm: no checker events and no misuse
 * report, so an RWMutex's or a Once's embedded mutex stays invisible to the
 * checker.  gomu_user_* are the public operations on behalf of the user's
 * call site pc (events, access, misuse), for cond.c's unlock and relock.
 */
#ifndef GOSAN_GO_MUTEX_H
#define GOSAN_GO_MUTEX_H

#include <stdatomic.h>
#include <stdbool.h>

#include "sched.h"

/* _state bits; the rest of the word counts queued waiters. */
enum {
    GOMU_LOCKED = 1u,   /* held */
    GOMU_WOKEN = 2u,    /* a woken waiter is on its way: unlock need not wake another */
    GOMU_STARVING = 4u, /* handoff mode: no barging, unlock hands over to the head */
    GOMU_WAITER_SHIFT = 3,
};

static inline _Atomic uint32_t *gomu_state(go_mutex *m)
{
    return (_Atomic uint32_t *)(void *)&m->_state;
}

void gomu_lock_slow(go_mutex *m, go_wait_reason why, const void *obj, void *pc);
bool gomu_unlock_slow(go_mutex *m);

/* Parks with reason `why` on `obj` (what dumps show) when contended. */
static inline void gomu_lock(go_mutex *m, go_wait_reason why, const void *obj, void *pc)
{
    uint32_t unlocked = 0;
    if (__builtin_expect(atomic_compare_exchange_strong_explicit(
                             gomu_state(m), &unlocked, GOMU_LOCKED, memory_order_acquire,
                             memory_order_relaxed),
                         1))
        return;
    gomu_lock_slow(m, why, obj, pc);
}

static inline bool gomu_trylock(go_mutex *m)
{
    uint32_t s = atomic_load_explicit(gomu_state(m), memory_order_relaxed);
    if (s & (GOMU_LOCKED | GOMU_STARVING))
        return false;
    return atomic_compare_exchange_strong_explicit(gomu_state(m), &s, s | GOMU_LOCKED,
                                                   memory_order_acquire, memory_order_relaxed);
}

/* Returns false if m was not locked (the caller reports the misuse). */
static inline bool gomu_unlock(go_mutex *m)
{
    uint32_t locked = GOMU_LOCKED;
    if (__builtin_expect(atomic_compare_exchange_strong_explicit(
                             gomu_state(m), &locked, 0, memory_order_release,
                             memory_order_relaxed),
                         1))
        return true;
    return gomu_unlock_slow(m);
}

void gomu_user_lock(go_mutex *m, void *pc);
void gomu_user_unlock(go_mutex *m, void *pc);

#endif /* GOSAN_GO_MUTEX_H */
