/* cond.c - go_cond, Go's sync.Cond.
 *
 * go_cond_init binds the mutex (_l); waiters queue FIFO on _head/_tail
 * under _lock.  Wait enqueues itself BEFORE unlocking the user's mutex, so
 * a signal sent after that unlock (e.g. by the goroutine that takes the
 * mutex next) always finds it: no lost wake-up.  It parks only after the
 * unlock, so between the two a signaller may already have dequeued it; the
 * `woken` / `parked` flags (both under _lock) settle who does what: a
 * signaller readies only a waiter that has parked, and a waiter already
 * woken does not park.  signal wakes the oldest waiter, broadcast all.
 *
 * Checker model: a signal or broadcast orders the signaller before each
 * waiter it wakes, as it was when it dequeued that waiter: it releases into
 * the waiter's own record (&w) under _lock, and the woken Wait acquires
 * that before relocking, then forgets it.  A clock shared by the whole Cond
 * would be read by the woken goroutine whenever it runs, after a later
 * signal perhaps, and so order the signaller's writes made after the
 * signal that woke it (a missed race).  init is a write of the Cond (so
 * re-initialising one in use is a race), the other calls read it.
 */
#include "hb.h"
#include "mutex.h"
#include "semaq.h"

_Static_assert(offsetof(go_cond, _tail) == offsetof(go_cond, _head) + sizeof(void *),
               "go_cond's queue must be a head/tail pair");

void go_cond_init(go_cond *c, go_mutex *l)
{
    go_hb_write(c, sizeof *c, GO_OBJ_COND, GO_CALLER_PC());
    c->_l = l;
    c->_lock = 0;
    c->_pad = 0;
    c->_head = c->_tail = NULL;
}

void go_cond_wait(go_cond *c)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    if (!c->_l)
        go_fatal("sync: go_cond_wait on a go_cond without a mutex (call go_cond_init first)");
    go_hb_read(c, GO_HB_OBJ_READ_SIZE, GO_OBJ_COND, pc);
    golock *cl = golock_of(&c->_lock);
    semaq_waiter w = {.g = go_self()};
    golock_lock(cl);
    semaq_push_back(SEMAQ_OF(c, _head), &w);
    golock_unlock(cl);

    gomu_user_unlock(c->_l, pc);

    golock_lock(cl);
    if (w.woken) {
        golock_unlock(cl);
    } else {
        w.parked = true;
        go_park(GO_WAIT_COND, c, cl, pc);
    }
    go_hb_acquire(&w, pc);
    go_hb_sync_free(&w, sizeof w);
    gomu_user_lock(c->_l, pc);
}

void go_cond_signal(go_cond *c)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    go_hb_read(c, GO_HB_OBJ_READ_SIZE, GO_OBJ_COND, pc);
    golock *cl = golock_of(&c->_lock);
    golock_lock(cl);
    semaq_waiter *w = semaq_pop_front(SEMAQ_OF(c, _head));
    go_g *g = NULL;
    if (w) {
        go_hb_release(w, pc); /* before woken: an unparked waiter goes on once it sees it */
        w->woken = true;
        if (w->parked)
            g = w->g;
    }
    golock_unlock(cl);
    if (g)
        go_ready(g);
}

void go_cond_broadcast(go_cond *c)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    go_hb_read(c, GO_HB_OBJ_READ_SIZE, GO_OBJ_COND, pc);
    golock *cl = golock_of(&c->_lock);
    semaq_waiter *parked = NULL, **tail = &parked;
    golock_lock(cl);
    semaq_waiter *w;
    while ((w = semaq_pop_front(SEMAQ_OF(c, _head)))) {
        go_hb_release(w, pc);
        w->woken = true;
        if (w->parked) { /* an unparked one may vanish once we unlock */
            *tail = w;
            tail = &w->next;
        }
    }
    golock_unlock(cl);
    semaq_ready_list(parked);
}
