/* waitq.c - FIFO queues of go_waiter (Go's waitq of sudogs).  Every call is
 * made with the owning object's golock held. */
#include "g.h"

void go_waitq_push(go_waitq *q, go_waiter *w)
{
    w->next = NULL;
    w->prev = q->tail;
    if (q->tail)
        q->tail->next = w;
    else
        q->head = w;
    q->tail = w;
}

void go_waitq_remove(go_waitq *q, go_waiter *w)
{
    if (w->prev)
        w->prev->next = w->next;
    else if (q->head == w)
        q->head = w->next;
    else
        return; /* not linked */
    if (w->next)
        w->next->prev = w->prev;
    else
        q->tail = w->prev;
    w->next = w->prev = NULL;
}

go_waiter *go_waitq_pop_claimed(go_waitq *q)
{
    for (;;) {
        go_waiter *w = q->head;
        if (!w)
            return NULL;
        go_waitq_remove(q, w);
        /* A select waiter whose select already completed elsewhere is stale:
         * that select removes its other waiters itself, under their locks. */
        if (go_waiter_claim(w))
            return w;
    }
}
