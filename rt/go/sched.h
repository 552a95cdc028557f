/* sched.h - the scheduler's internal interface, used by the primitives
 * (chan.c, select.c, mutex.c, rwmutex.c, waitgroup.c, once.c, cond.c).
 *
 * The parking protocol (Go's gopark/goready):
 *   1. the primitive takes its object's golock, decides it must wait, links a
 *      go_waiter describing the wait into the object's queue;
 *   2. it calls go_park(reason, obj, &lock): the scheduler switches away
 *      from the goroutine and only then releases `lock`, so a waker that
 *      takes the lock always finds the goroutine fully parked;
 *   3. a waker takes the lock, unlinks the waiter, fills in its result and
 *      calls go_ready(w->g) (possibly after releasing the lock);
 *   4. go_park returns on the woken goroutine, on any worker thread.
 * A goroutine parked in a select is linked into several queues; the waker
 * that wins go_waiter_claim() on its shared `select_done` word owns it.
 *
 * Locks: golock is a short spin-then-futex lock for library-internal state.
 * It is never held across go_park except as the `unlock` argument, and
 * never taken in a signal handler.
 */
#ifndef GOSAN_GO_SCHED_H
#define GOSAN_GO_SCHED_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "detsched.h"
#include "go_hooks.h"
#include "gosan_platform.h"
#include <gosan/go.h>

/* ---- golock: internal spin/futex lock.  Zero is unlocked. */
typedef struct golock {
    _Atomic uint32_t word;
} golock;
void golock_lock(golock *l);
void golock_unlock(golock *l);
bool golock_trylock(golock *l);
/* The lock words embedded in public sync structs are plain uint32_t. */
static inline golock *golock_of(uint32_t *w) { return (golock *)(void *)w; }

/* ---- goroutines */
typedef struct go_g go_g; /* defined in g.h, private to the scheduler */

/* The running goroutine (adopts a foreign thread).  NULL on a worker's
 * scheduler context, i.e. inside a timer callback: callbacks must not block. */
go_g *go_self(void);
void *go_g_checker_ctx(const go_g *g); /* the checker's context, for hooks */

/* Parks the running goroutine: see the protocol above.  `unlock` may be NULL.
 * obj is what it waits on (for dumps and deadlock reports). */
void go_park(go_wait_reason reason, const void *obj, golock *unlock, void *pc);
/* Same, for a select: objs are all the channels it waits on, and every
 * lock in locks[0..nlocks) is released after switching away (a select parks
 * holding all its channels' locks). */
void go_park_multi_locks(go_wait_reason reason, const void *const *objs, size_t nobjs,
                         golock *const *locks, size_t nlocks, void *pc);
/* go_park calls the checker's block hook (with pc, the user's call site) before
 * parking and its unblock hook after resuming: primitives do not call them. */
/* A go_ready that arrives before the goroutine has finished parking (a timer
 * firing early) is kept: that park returns at once.  So a waker never waits
 * for the parker, but must only ready a goroutine whose wait it claimed.
 * Makes a parked goroutine runnable (on the current worker's run queue, in
 * its "run next" slot, as Go's goready does).  Callable from any goroutine,
 * from a timer callback and from a foreign thread. */
void go_ready(go_g *g);

/* ---- waiters (Go's sudog): one per goroutine per queue it waits in. */
typedef struct go_waiter {
    go_g *g;
    struct go_waiter *next, *prev; /* links in one object's queue */
    void *elem;                    /* value to send, or where to put a received one */
    void *obj;                     /* the object waited on */
    _Atomic uint32_t *select_done; /* shared by all waiters of one select, or NULL */
    int case_index;                /* which select case this waiter is */
    bool success;                  /* out: true if woken by a real send/recv, false by close */
    bool is_select;
} go_waiter;

/* For a select waiter: returns true if the caller won the right to complete
 * this select (sets *select_done from 0 to 1).  Always true for plain waiters. */
static inline bool go_waiter_claim(go_waiter *w) {
    if (!w->select_done) return true;
    uint32_t expect = 0;
    return atomic_compare_exchange_strong(w->select_done, &expect, 1);
}

/* A FIFO queue of waiters, the object's lock held for every operation. */
typedef struct go_waitq {
    go_waiter *head, *tail;
} go_waitq;
void go_waitq_push(go_waitq *q, go_waiter *w);
/* Pops the first waiter that can be claimed (skipping select waiters already
 * won elsewhere), or NULL. */
go_waiter *go_waitq_pop_claimed(go_waitq *q);
void go_waitq_remove(go_waitq *q, go_waiter *w); /* no-op if w is not linked */

/* ---- timers: a min-heap serviced by the workers and the monitor. */
typedef struct go_timer {
    int64_t when;             /* go_now() deadline */
    void (*fn)(void *arg);    /* runs on a worker or the monitor; must not block */
    void *arg;
    int32_t heap_index;       /* -1 when not in the heap */
    uint32_t _pad;
} go_timer;
void go_timer_start(go_timer *t, int64_t when, void (*fn)(void *), void *arg);
/* Returns true if the timer was stopped before it fired.  After it returns
 * false, fn has either run or is running; callers synchronise with fn through
 * their own state (e.g. the select_done word). */
bool go_timer_stop(go_timer *t);

/* ---- misc */
uint32_t go_fastrand(void);  /* per-worker xorshift, for select's random order */
/* fastrand.c: a generator's first state for stream (a worker id), from the
 * process seed (AT_RANDOM, or GOSAN_SEED); never 0. */
uint32_t go_fastrand_init(uint64_t stream);
/* Prints "fatal error: MSG" with the goroutine list and aborts; for misuse
 * Go cannot go on from (unlock of unlocked, negative WaitGroup counter). */
_Noreturn void go_fatal(const char *msg);

#endif /* GOSAN_GO_SCHED_H */
