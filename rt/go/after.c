/* after.c - time outs (gosan extensions): go_after (Go's time.After), and
 * send, receive and select with a timeout.
 *
 * No thread per timer: each uses a go_timer from the scheduler's heap.  A
 * go_after channel has capacity 1 and its timer does a non-blocking send of
 * go_now(), so the tick is never lost and the timer never blocks.  The timed
 * operations are one-case (or n-case) selects with a deadline.
 *
 * Happens-before, as Go's race mode does for time.After (startTimer
 * releases the timer, the timer's run acquires it and sends the tick): the
 * go_after call releases its channel's timer address, and a receive that
 * takes the tick acquires it (the channel's recv_sync), so what the caller
 * did before go_after is ordered before whatever follows that receive.
 */
#include "chan.h"
#include "hb.h"

int64_t chan_deadline(int64_t ns)
{
    int64_t now = go_now();
    if (ns > INT64_MAX - now)
        return INT64_MAX;
    return now + ns;
}

/* Runs on a worker or the monitor: no goroutine of its own, so no hooks
 * (the receiver acquires what go_after released: recv_sync). */
static void after_fire(void *arg)
{
    go_chan *c = arg;
    int64_t now = go_now();
    go_g *wake = NULL;
    golock_lock(&c->lock);
    (void)chan_send_locked(c, &now, &wake, false, NULL); /* full or closed: dropped */
    golock_unlock(&c->lock);
    if (wake)
        go_ready(wake);
    atomic_store_explicit(&c->after_exited, 1, memory_order_release);
}

go_chan *go_after(int64_t ns)
{
    go_chan *c = go_chan_make(sizeof(int64_t), 1);
    if (!c)
        return NULL;
    c->is_after = true;
    c->recv_sync = &c->after_timer;
    go_hb_release(c->recv_sync, GO_CALLER_PC());
    go_timer_start(&c->after_timer, chan_deadline(ns > 0 ? ns : 0), after_fire, c);
    return c;
}

int go_select_timeout(go_case *cases, size_t n, int64_t timeout_ns)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    int r;
    if (timeout_ns <= 0)
        r = chan_select(cases, n, CHAN_SEL_POLL, 0, GO_WAIT_SELECT, pc);
    else
        r = chan_select(cases, n, CHAN_SEL_DEADLINE, chan_deadline(timeout_ns), GO_WAIT_SELECT, pc);
    return r == -1 ? GO_ETIMEDOUT : r;
}

/* One case, waiting as a plain send or receive would. */
static int after_one(go_case *cs, int64_t timeout_ns, go_wait_reason reason, void *pc)
{
    int r;
    if (timeout_ns <= 0)
        r = chan_select(cs, 1, CHAN_SEL_POLL, 0, reason, pc);
    else
        r = chan_select(cs, 1, CHAN_SEL_DEADLINE, chan_deadline(timeout_ns), reason, pc);
    return r == -1 ? GO_ETIMEDOUT : r;
}

int go_chan_recv_timeout(go_chan *c, void *elem, int64_t timeout_ns)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    go_case cs = {c, GO_RECV, elem, false};
    int r = after_one(&cs, timeout_ns, GO_WAIT_CHAN_RECV, pc);
    if (r < 0)
        return r;
    return cs.ok ? 1 : 0;
}

int go_chan_send_timeout(go_chan *c, const void *elem, int64_t timeout_ns)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    go_case cs = {c, GO_SEND, (void *)elem, false};
    int r = after_one(&cs, timeout_ns, GO_WAIT_CHAN_SEND, pc);
    if (r < 0)
        return r;
    return cs.ok ? 0 : GO_ECLOSED;
}
