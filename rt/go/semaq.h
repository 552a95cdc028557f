/* semaq.h - the wait queues of the sync primitives (mutex.c, rwmutex.c,
 * waitgroup.c, cond.c): an intrusive FIFO of waiters living on the parked
 * goroutines' stacks, guarded by the object's golock, plus a counting
 * semaphore built on one (Go's semacquire/semrelease).
 *
 * Invariants:
 *  - every operation on a queue runs with its golock held;
 *  - a waiter is linked at most once; head->prev and tail->next are NULL;
 *  - once a waker has unlinked a waiter and set `woken`, only the waiter's
 *    own goroutine touches it again, except that a waker may still call
 *    go_ready(w->g) for a waiter it knows is parked (read under the lock);
 *  - a waiter that enqueues and parks in one critical section is always
 *    fully parked when a waker finds it (go_park releases the lock only
 *    after switching away), so wakers may go_ready it unconditionally.
 *
 * These queues are private to the sync package (sync waiters are never part
 * of a select), so they do not use go_waitq's claim protocol.
 */
#ifndef GOSAN_GO_SEMAQ_H
#define GOSAN_GO_SEMAQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sched.h"

typedef struct semaq_waiter {
    go_g *g;
    struct semaq_waiter *next, *prev;
    int64_t since; /* go_now() of the first enqueue (mutex starvation) */
    bool parked;   /* set under the lock right before go_park (cond.c) */
    bool woken;    /* set by the waker under the lock when it unlinks us */
    bool handoff;  /* mutex: the unlocker handed the lock over directly */
} semaq_waiter;

/* The queue overlays the `void *_head, *_tail` pair of a public struct. */
typedef struct semaq {
    semaq_waiter *head, *tail;
} semaq;

#define SEMAQ_OF(obj, headfield)                                                          \
    ((semaq *)(void *)&(obj)->headfield)

static inline void semaq_push_back(semaq *q, semaq_waiter *w)
{
    w->next = NULL;
    w->prev = q->tail;
    if (q->tail)
        q->tail->next = w;
    else
        q->head = w;
    q->tail = w;
}

static inline void semaq_push_front(semaq *q, semaq_waiter *w)
{
    w->prev = NULL;
    w->next = q->head;
    if (q->head)
        q->head->prev = w;
    else
        q->tail = w;
    q->head = w;
}

static inline semaq_waiter *semaq_pop_front(semaq *q)
{
    semaq_waiter *w = q->head;
    if (!w)
        return NULL;
    q->head = w->next;
    if (q->head)
        q->head->prev = NULL;
    else
        q->tail = NULL;
    w->next = w->prev = NULL;
    return w;
}

/* Counting semaphore: *count holds releases that found no waiter.
 * semaq_acquire parks until a release; semaq_release_n wakes up to n
 * waiters in FIFO order and banks the rest. */
void semaq_acquire(golock *l, semaq *q, uint32_t *count, go_wait_reason why, const void *obj,
                   void *pc);
void semaq_release_n(golock *l, semaq *q, uint32_t *count, uint32_t n);

/* Readies every waiter of a singly linked list built by a waker (through
 * `next`), reading each link before the waiter can run and vanish. */
void semaq_ready_list(semaq_waiter *list);

#endif /* GOSAN_GO_SEMAQ_H */
