/* semaq.c - the counting semaphore of semaq.h (RWMutex's reader semaphore).
 * A release that finds no waiter is banked in *count so that a waiter that
 * has committed to waiting (Go's "readerCount went negative") but not yet
 * queued still gets through. */
#include "semaq.h"

void semaq_acquire(golock *l, semaq *q, uint32_t *count, go_wait_reason why, const void *obj,
                   void *pc)
{
    golock_lock(l);
    if (*count > 0) {
        (*count)--;
        golock_unlock(l);
        return;
    }
    semaq_waiter w = {.g = go_self()};
    semaq_push_back(q, &w);
    go_park(why, obj, l, pc);
}

void semaq_release_n(golock *l, semaq *q, uint32_t *count, uint32_t n)
{
    semaq_waiter *list = NULL, **tail = &list;
    golock_lock(l);
    while (n > 0) {
        semaq_waiter *w = semaq_pop_front(q);
        if (!w)
            break;
        w->woken = true;
        *tail = w;
        tail = &w->next;
        n--;
    }
    *count += n;
    golock_unlock(l);
    semaq_ready_list(list);
}

void semaq_ready_list(semaq_waiter *list)
{
    while (list) {
        semaq_waiter *next = list->next;
        go_ready(list->g);
        list = next;
    }
}
