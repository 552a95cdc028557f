/* semaq.c - the counting semaphore of semaq.h (RWMutex's reader semaphore).
 * A release that finds no waiter is banked in *count so that a waiter that
 * has committed to waiting (Go's "readerCount went negative") but not yet
 * queued still gets through. */
#include "semaq.h"

#include "pprof_hooks.h"

void semaq_acquire(golock *l, semaq *q, uint32_t *count, go_wait_reason why, const void *obj,
                   void *pc)
{
    golock_lock(l);
    if (*count > 0) {
        (*count)--;
        golock_unlock(l);
        return;
    }
    /* since: for the mutex profile only (go_now() is not free) */
    semaq_waiter w = {.g = go_self(), .since = go_pprof_mutex_on() ? go_now() : 0};
    semaq_push_back(q, &w);
    go_park(why, obj, l, pc);
}

void semaq_release_n(golock *l, semaq *q, uint32_t *count, uint32_t n)
{
    semaq_waiter *list = NULL, **tail = &list;
    int64_t oldest = 0; /* the mutex profile: one event, the longest wait */
    golock_lock(l);
    while (n > 0) {
        semaq_waiter *w = semaq_pop_front(q);
        if (!w)
            break;
        if (w->since && (!oldest || w->since < oldest))
            oldest = w->since;
        w->woken = true;
        *tail = w;
        tail = &w->next;
        n--;
    }
    *count += n;
    golock_unlock(l);
    semaq_ready_list(list);
    if (oldest)
        go_pprof_mutex_wake(oldest);
}

void semaq_ready_list(semaq_waiter *list)
{
    while (list) {
        semaq_waiter *next = list->next;
        go_ready(list->g);
        list = next;
    }
}
