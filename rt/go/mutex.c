/* mutex.c - go_mutex, Go's sync.Mutex.
 *
 * Algorithm (Go's two modes, on a golock-guarded FIFO instead of a sema):
 *  - Fast path: CAS _state 0 -> LOCKED; unlock CAS LOCKED -> 0.
 *  - Normal mode: a contended locker spins briefly (only with more than one
 *    worker), then queues at the tail and parks.  Unlock wakes the head
 *    waiter, which competes with newcomers (barging keeps throughput high);
 *    a woken waiter that loses re-queues at the FRONT, so waiters are served
 *    in FIFO order.  WOKEN marks a woken waiter in flight, so unlocks do not
 *    wake a second one meanwhile.
 *  - Starvation mode: a woken waiter that has waited more than 1 ms sets
 *    STARVING when it re-queues.  Then nobody barges and unlock hands the
 *    lock directly to the head waiter (which sets LOCKED itself).  The mode
 *    ends when a handed-over waiter is the last one or waited under 1 ms.
 *
 * Invariants: the waiter count in _state equals the queue length whenever
 * the queue's golock (_lock) is free - both change only under it.  A
 * waiter only queues while LOCKED or STARVING is set, so some current or
 * future unlock is bound to see it.  The fast paths never touch _lock.
 */
#include "mutex.h"

#include "hb.h"
#include "pprof_hooks.h"
#include "semaq.h"

#define GOMU_WAITER (1u << GOMU_WAITER_SHIFT)
#define GOMU_STARVE_NS 1000000
#define GOMU_SPIN_ROUNDS 4
#define GOMU_SPIN_PAUSES 30

_Static_assert(offsetof(go_mutex, _tail) == offsetof(go_mutex, _head) + sizeof(void *),
               "go_mutex's queue must be a head/tail pair");

static bool mu_spin(int *round)
{
    if (*round >= GOMU_SPIN_ROUNDS || go_maxprocs(0) <= 1)
        return false;
    (*round)++;
    for (int i = 0; i < GOMU_SPIN_PAUSES; i++)
        gosan_cpu_relax();
    return true;
}

/* The waiter was handed the lock: take it, and leave starvation mode if
 * nobody is left behind it or it did not wait long. */
static void mu_take_handoff(_Atomic uint32_t *st, const semaq_waiter *w)
{
    bool short_wait = go_now() - w->since < GOMU_STARVE_NS;
    uint32_t s = atomic_load_explicit(st, memory_order_relaxed);
    for (;;) {
        uint32_t n = s | GOMU_LOCKED;
        if ((s >> GOMU_WAITER_SHIFT) == 0 || short_wait)
            n &= ~GOMU_STARVING;
        if (atomic_compare_exchange_weak_explicit(st, &s, n, memory_order_acquire,
                                                  memory_order_relaxed))
            return;
    }
}

/* Under the queue lock: counts the caller as a waiter if the mutex is
 * still unavailable.  Returns false if it became free (retry barging). */
static bool mu_register_waiter(_Atomic uint32_t *st, semaq_waiter *w, bool requeue)
{
    uint32_t s = atomic_load_explicit(st, memory_order_relaxed);
    for (;;) {
        if (!(s & (GOMU_LOCKED | GOMU_STARVING)))
            return false;
        uint32_t n = s + GOMU_WAITER;
        if (requeue) {
            n &= ~GOMU_WOKEN;
            if (go_now() - w->since > GOMU_STARVE_NS)
                n |= GOMU_STARVING;
        }
        if (atomic_compare_exchange_weak_explicit(st, &s, n, memory_order_relaxed,
                                                  memory_order_relaxed))
            return true;
    }
}

void gomu_lock_slow(go_mutex *m, go_wait_reason why, const void *obj, void *pc)
{
    _Atomic uint32_t *st = gomu_state(m);
    golock *ql = golock_of(&m->_lock);
    semaq *q = SEMAQ_OF(m, _head);
    semaq_waiter w = {0};
    bool requeue = false; /* we were woken once and lost the race */
    int round = 0;
    for (;;) {
        uint32_t s = atomic_load_explicit(st, memory_order_relaxed);
        if (!(s & (GOMU_LOCKED | GOMU_STARVING))) {
            uint32_t n = s | GOMU_LOCKED;
            if (requeue)
                n &= ~GOMU_WOKEN;
            if (atomic_compare_exchange_weak_explicit(st, &s, n, memory_order_acquire,
                                                      memory_order_relaxed))
                return;
            continue;
        }
        if (!(s & GOMU_STARVING) && mu_spin(&round))
            continue;
        golock_lock(ql);
        if (!mu_register_waiter(st, &w, requeue)) {
            golock_unlock(ql);
            continue;
        }
        w.g = go_self();
        w.handoff = false;
        if (requeue) {
            semaq_push_front(q, &w);
        } else {
            w.since = go_now();
            semaq_push_back(q, &w);
        }
        go_park(why, obj, ql, pc);
        if (w.handoff) {
            mu_take_handoff(st, &w);
            return;
        }
        requeue = true;
        round = 0;
    }
}

/* Starvation mode: give the lock to the head waiter without releasing it
 * to anyone else (LOCKED stays clear, STARVING keeps bargers out). */
static void mu_handoff(go_mutex *m, _Atomic uint32_t *st)
{
    golock *ql = golock_of(&m->_lock);
    golock_lock(ql);
    semaq_waiter *w = semaq_pop_front(SEMAQ_OF(m, _head));
    if (!w) { /* cannot happen by the invariants; do not wedge the mutex */
        atomic_fetch_and_explicit(st, ~(uint32_t)GOMU_STARVING, memory_order_relaxed);
        golock_unlock(ql);
        return;
    }
    atomic_fetch_sub_explicit(st, GOMU_WAITER, memory_order_relaxed);
    w->handoff = true;
    w->woken = true;
    go_g *g = w->g;
    int64_t since = w->since;
    golock_unlock(ql);
    go_ready(g);
    go_pprof_mutex_wake(since);
}

/* Normal mode: wake the head waiter unless a woken one is already on its
 * way or someone took the lock (its unlock will do the waking). */
static void mu_wake_one(go_mutex *m, _Atomic uint32_t *st)
{
    golock *ql = golock_of(&m->_lock);
    golock_lock(ql);
    uint32_t s = atomic_load_explicit(st, memory_order_relaxed);
    for (;;) {
        if ((s >> GOMU_WAITER_SHIFT) == 0 ||
            (s & (GOMU_LOCKED | GOMU_WOKEN | GOMU_STARVING))) {
            golock_unlock(ql);
            return;
        }
        if (atomic_compare_exchange_weak_explicit(st, &s, (s - GOMU_WAITER) | GOMU_WOKEN,
                                                  memory_order_relaxed, memory_order_relaxed))
            break;
    }
    semaq_waiter *w = semaq_pop_front(SEMAQ_OF(m, _head));
    w->woken = true;
    go_g *g = w->g;
    int64_t since = w->since;
    golock_unlock(ql);
    go_ready(g);
    go_pprof_mutex_wake(since);
}

bool gomu_unlock_slow(go_mutex *m)
{
    _Atomic uint32_t *st = gomu_state(m);
    uint32_t old = atomic_fetch_sub_explicit(st, GOMU_LOCKED, memory_order_release);
    if (!(old & GOMU_LOCKED))
        return false;
    uint32_t s = old - GOMU_LOCKED;
    if (s & GOMU_STARVING)
        mu_handoff(m, st);
    else if ((s >> GOMU_WAITER_SHIFT) != 0 && !(s & (GOMU_LOCKED | GOMU_WOKEN)))
        mu_wake_one(m, st);
    return true;
}

/* ---------------------------------------------------------------- public */

static _Noreturn void mu_unlock_misuse(go_mutex *m, void *pc)
{
    go_hb_misuse(GO_MISUSE_UNLOCK_UNLOCKED, m, pc);
    go_fatal("sync: unlock of unlocked mutex");
}

void gomu_user_lock(go_mutex *m, void *pc)
{
    go_hb_read(m, GO_HB_OBJ_READ_SIZE, GO_OBJ_MUTEX, pc);
    go_hb_mutex(GO_MUTEX_PRE_LOCK, m, false, pc);
    gomu_lock(m, GO_WAIT_MUTEX, m, pc);
    go_hb_mutex(GO_MUTEX_LOCKED, m, false, pc);
}

void gomu_user_unlock(go_mutex *m, void *pc)
{
    go_hb_read(m, GO_HB_OBJ_READ_SIZE, GO_OBJ_MUTEX, pc);
    /* Report the plain case before the UNLOCK event so the checker never
     * sees an unlock of a mutex nobody holds. */
    if (!(atomic_load_explicit(gomu_state(m), memory_order_relaxed) & GOMU_LOCKED))
        mu_unlock_misuse(m, pc);
    go_hb_mutex(GO_MUTEX_UNLOCK, m, false, pc);
    if (!gomu_unlock(m))
        mu_unlock_misuse(m, pc);
}

void go_mutex_lock(go_mutex *m)
{
    go_det_point();
    gomu_user_lock(m, GO_CALLER_PC());
}

void go_mutex_unlock(go_mutex *m)
{
    go_det_point();
    gomu_user_unlock(m, GO_CALLER_PC());
}

bool go_mutex_trylock(go_mutex *m)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    go_hb_read(m, GO_HB_OBJ_READ_SIZE, GO_OBJ_MUTEX, pc);
    if (!gomu_trylock(m))
        return false;
    go_hb_mutex(GO_MUTEX_LOCKED, m, false, pc);
    return true;
}
