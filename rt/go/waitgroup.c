/* waitgroup.c - go_wg, Go's sync.WaitGroup.
 *
 * _count is the counter, changed atomically with no lock.  Waiters queue
 * under _lock on _waiters (a singly linked stack: all are woken at once, so
 * order does not matter).  A waiter checks _count under _lock, and the
 * goroutine that brings _count to zero takes _lock afterwards to wake the
 * queue, so a waiter either sees zero or is queued in time to be woken.
 * _gen counts completed rounds (debugging aid).  The group is reusable as
 * soon as Wait returns: the waker empties the queue before any new round.
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

static inline _Atomic int64_t *wg_count(go_wg *wg)
{
    return (_Atomic int64_t *)(void *)&wg->_count;
}

static void wg_wake_all(go_wg *wg)
{
    golock *l = golock_of(&wg->_lock);
    golock_lock(l);
    semaq_waiter *list = wg->_waiters;
    wg->_waiters = NULL;
    wg->_gen++;
    golock_unlock(l);
    semaq_ready_list(list);
}

static void wg_add(go_wg *wg, int delta, void *pc)
{
    go_hb_read(&wg->_count, sizeof wg->_count, GO_OBJ_WAITGROUP, pc);
    if (delta < 0)
        go_hb_release(wg, pc);
    int64_t v = atomic_fetch_add_explicit(wg_count(wg), delta, memory_order_acq_rel) + delta;
    if (v < 0) {
        go_hb_misuse(GO_MISUSE_NEGATIVE_WG, wg, pc);
        go_fatal("sync: negative WaitGroup counter");
    }
    if (delta > 0 && v == delta)
        go_hb_read(&wg->_gen, sizeof wg->_gen, GO_OBJ_WAITGROUP, pc);
    if (v == 0 && delta != 0)
        wg_wake_all(wg);
}

void go_wg_add(go_wg *wg, int delta)
{
    wg_add(wg, delta, GO_CALLER_PC());
}

void go_wg_done(go_wg *wg)
{
    wg_add(wg, -1, GO_CALLER_PC());
}

void go_wg_wait(go_wg *wg)
{
    void *pc = GO_CALLER_PC();
    go_hb_read(&wg->_count, sizeof wg->_count, GO_OBJ_WAITGROUP, pc);
    if (atomic_load_explicit(wg_count(wg), memory_order_acquire) != 0) {
        golock *l = golock_of(&wg->_lock);
        golock_lock(l);
        if (atomic_load_explicit(wg_count(wg), memory_order_acquire) == 0) {
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
