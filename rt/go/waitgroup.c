/* waitgroup.c - go_wg, Go's sync.WaitGroup.
 *
 * _count holds two numbers changed together atomically, as in Go: the
 * counter in its high 32 bits and the number of registered (queued) waiters
 * in its low 32 bits.  A waiter registers under _lock with a CAS that fails
 * once the counter is zero, then queues itself on _waiters (a singly linked
 * stack: all are woken at once) and parks, releasing _lock.  The Add or Done
 * that brings the counter to zero wakes the queue only if waiters were
 * registered, and touches the group no more otherwise.
 *
 * Invariant: once the counter is zero, the group's memory is touched only
 * while a registered waiter is still parked in Wait.  So a Wait that returns
 * leaves nothing in flight on the group: it may be reused or freed at once
 * (a group on the waiter's stack is the common case).  The waker takes the
 * queue, takes its waiters off the count and releases _lock before readying
 * anyone.
 * _gen counts wakeups (debugging aid).
 *
 * Checker model (Go's): Done releases the group's clock (address wg) and
 * Wait acquires it.  "Add from zero must happen before Wait" is modelled on
 * the word &wg->_gen: an Add that raises the counter from zero reads it and
 * the first waiter to block writes it, so concurrent Adds (reads) never race
 * each other, and Adds/Dones from non-zero touch only _count (reads).
 */
#include <stdatomic.h>

#include "hb.h"
#include "semaq.h"

#define WG_COUNTER_ONE ((int64_t)1 << 32)

static inline _Atomic int64_t *wg_state(go_wg *wg)
{
    return (_Atomic int64_t *)(void *)&wg->_count;
}

static inline int32_t wg_counter(int64_t state) { return (int32_t)(state >> 32); }
static inline uint32_t wg_nwaiters(int64_t state) { return (uint32_t)state; }

static void wg_wake_all(go_wg *wg)
{
    golock *l = golock_of(&wg->_lock);
    golock_lock(l);
    semaq_waiter *list = wg->_waiters;
    wg->_waiters = NULL;
    wg->_gen++;
    /* Every registered waiter is in list (they register under l). */
    int64_t n = 0;
    for (semaq_waiter *w = list; w; w = w->next)
        n++;
    atomic_fetch_sub_explicit(wg_state(wg), n, memory_order_relaxed);
    golock_unlock(l);
    semaq_ready_list(list);
}

static void wg_add(go_wg *wg, int delta, void *pc)
{
    go_hb_read(&wg->_count, sizeof wg->_count, GO_OBJ_WAITGROUP, pc);
    if (delta < 0)
        go_hb_release(wg, pc);
    int64_t d = (int64_t)delta * WG_COUNTER_ONE;
    int64_t state = atomic_fetch_add_explicit(wg_state(wg), d, memory_order_acq_rel) + d;
    int32_t v = wg_counter(state);
    if (v < 0) {
        go_hb_misuse(GO_MISUSE_NEGATIVE_WG, wg, pc);
        go_fatal("sync: negative WaitGroup counter");
    }
    if (delta > 0 && v == delta)
        go_hb_read(&wg->_gen, sizeof wg->_gen, GO_OBJ_WAITGROUP, pc);
    if (v == 0 && delta != 0 && wg_nwaiters(state) != 0)
        wg_wake_all(wg);
}

void go_wg_add(go_wg *wg, int delta)
{
    go_det_point();
    wg_add(wg, delta, GO_CALLER_PC());
}

void go_wg_done(go_wg *wg)
{
    go_det_point();
    wg_add(wg, -1, GO_CALLER_PC());
}

/* Registers the caller as a waiter unless the counter is zero. */
static bool wg_register(go_wg *wg)
{
    int64_t state = atomic_load_explicit(wg_state(wg), memory_order_acquire);
    while (wg_counter(state) != 0)
        if (atomic_compare_exchange_weak_explicit(wg_state(wg), &state, state + 1, memory_order_acq_rel,
                                                  memory_order_acquire))
            return true;
    return false;
}

void go_wg_wait(go_wg *wg)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    go_hb_read(&wg->_count, sizeof wg->_count, GO_OBJ_WAITGROUP, pc);
    if (wg_counter(atomic_load_explicit(wg_state(wg), memory_order_acquire)) != 0) {
        golock *l = golock_of(&wg->_lock);
        golock_lock(l);
        if (!wg_register(wg)) {
            golock_unlock(l);
        } else {
            if (!wg->_waiters)
                go_hb_write(&wg->_gen, sizeof wg->_gen, GO_OBJ_WAITGROUP, pc);
            semaq_waiter w = {.g = go_self(), .next = wg->_waiters};
            wg->_waiters = &w;
            go_park(GO_WAIT_WAITGROUP, wg, l, pc);
        }
    }
    go_hb_acquire(wg, pc);
}
