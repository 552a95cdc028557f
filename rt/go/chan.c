/* chan.c - channels: make/free, send, receive, close, len, cap (Go's chan.go).
 *
 * An unbuffered send hands its value straight to a parked receiver (or a
 * receive takes it straight from a parked sender); a buffered channel is a
 * FIFO ring of cap slots.  Close wakes every parked receiver (zeroed value,
 * ok == false) and every parked sender (GO_ECLOSED); receives drain the
 * buffer before they report closed.  A NULL channel blocks forever.
 *
 * Happens-before for the checker, as Go's race mode does it:
 *  - the channel's race address is the struct: a send reads it, a close
 *    writes it, so an unordered send and close race;
 *  - a buffered send or receive does release+acquire on its slot's sync
 *    address: send k -> receive k, and receive k -> send k+cap;
 *  - an unbuffered rendezvous orders both parties (chan_hb_rendezvous);
 *  - close releases the struct, a receive that sees "closed" acquires it;
 *  - a receive that takes a value acquires recv_sync when the channel has
 *    one (a timer's: its sender, the timer heap, releases nothing).
 * The slot and rendezvous addresses are used only under the channel's lock,
 * which is why their calls are go_hb_serial: the checker then skips a lock
 * of its own per call (four per item through a buffered channel).
 * Every memory the checker's leak scan must see (struct, buffer) is malloc'd.
 */
#include <stdlib.h>
#include <string.h>

#include "chan.h"
#include "check.h"
#include "hb.h"

/* ------------------------------------------------------------ helpers */

static inline bool chan_closed(const go_chan *c)
{
    return atomic_load_explicit(&c->closed, memory_order_relaxed) != 0;
}

static inline void chan_set_count(go_chan *c, size_t n)
{
    atomic_store_explicit(&c->count, n, memory_order_relaxed);
}

static inline size_t chan_count(const go_chan *c)
{
    return atomic_load_explicit(&c->count, memory_order_relaxed);
}

/* The sync address of buffer slot i. */
static const void *chan_slot_sync(const go_chan *c, size_t i)
{
    if (c->elem_size)
        return c->buf + i * c->elem_size;
    if (c->slot_sync)
        return c->slot_sync + i;
    return &c->sync0; /* no per-slot addresses: all slots share one (over-orders) */
}

/* Zero-size elements have no buffer (buf is NULL): no slot to point at. */
static inline void *chan_slot(const go_chan *c, size_t i) { return c->buf ? c->buf + i * c->elem_size : NULL; }

/* Copies one element; src NULL means the zero value, dst NULL discards. */
static inline void chan_copy(const go_chan *c, void *dst, const void *src)
{
    if (!c->elem_size || !dst)
        return;
    if (src)
        memcpy(dst, src, c->elem_size);
    else
        memset(dst, 0, c->elem_size);
}

static inline size_t chan_next(const go_chan *c, size_t i) { return i + 1 == c->cap ? 0 : i + 1; }

/* The ring (c locked): count values from recvx, ending just before sendx. */
static inline __attribute__((unused)) bool chan_ring_ok(const go_chan *c) /* DCHECKs only */
{
    size_t n = chan_count(c);
    if (c->cap == 0)
        return n == 0 && c->sendx == 0 && c->recvx == 0;
    return n <= c->cap && c->sendx < c->cap && c->recvx < c->cap && (c->recvx + n) % c->cap == c->sendx;
}

/* Orders an unbuffered rendezvous both ways: everything the running party
 * and the parked party w did before it happens before either completes. */
static void chan_hb_rendezvous(go_chan *c, go_waiter *w, void *pc)
{
    if (!GO_CHECKER_ON())
        return;
    void *ctx = go_g_checker_ctx(w->g);
    go_hb_serial(GO_HB_RELEASE_STORE, NULL, &c->sync0, pc);
    if (ctx)
        go_hb_serial(GO_HB_RELEASE_ACQUIRE, ctx, &c->sync0, pc);
    go_hb_serial(GO_HB_ACQUIRE, NULL, &c->sync0, pc);
}

/* A buffered handoff through slot i: the running party passes the slot,
 * then the parked party w does (Go's racenotify for both). */
static void chan_hb_slot_pair(go_chan *c, size_t i, go_waiter *w, void *pc)
{
    if (!GO_CHECKER_ON())
        return;
    const void *s = chan_slot_sync(c, i);
    go_hb_serial(GO_HB_RELEASE_ACQUIRE, NULL, s, pc);
    void *ctx = go_g_checker_ctx(w->g);
    if (ctx)
        go_hb_serial(GO_HB_RELEASE_ACQUIRE, ctx, s, pc);
}

go_g *chan_fire(go_waiter *w, bool success)
{
    w->success = success;
    if (w->select_done) {
        chan_select_state *st = (chan_select_state *)(void *)((char *)w->select_done -
                                                              offsetof(chan_select_state, done));
        st->winner = w->case_index;
    }
    return w->g;
}

_Noreturn void chan_park_forever(go_wait_reason reason, void *pc)
{
    for (;;)
        go_park(reason, NULL, NULL, pc);
}

/* ------------------------------------------------------------ make / free */

go_chan *go_chan_make(size_t elem_size, size_t cap)
{
    if (cap && elem_size > (SIZE_MAX / 2) / cap)
        return NULL;
    go_chan *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->cap = cap;
    c->elem_size = elem_size;
    c->after_timer.heap_index = -1;
    if (cap && elem_size) {
        c->buf = malloc(cap * elem_size);
        if (!c->buf) {
            free(c);
            return NULL;
        }
    } else if (cap && GO_CHECKER_ON()) {
        c->slot_sync = malloc(cap); /* on failure slots share sync0: still correct HB, fewer races */
    }
    return c;
}

/* A waiter nobody has claimed: a goroutine still blocked on the channel.
 * (A select woken through another channel stays linked here, claimed,
 * until it runs again and unlinks itself under our lock.) */
static bool chan_has_blocked(const go_waitq *q)
{
    for (const go_waiter *w = q->head; w; w = w->next)
        if (!w->select_done || !atomic_load_explicit(w->select_done, memory_order_relaxed))
            return true;
    return false;
}

/* Freeing a channel that goroutines are blocked on would leave them asleep
 * on freed memory (a later send, close or select would take its lock):
 * like Go's fatal errors, a misuse the program cannot go on from.  The
 * checker reports it first, with the blocked goroutines' stacks. */
static _Noreturn void chan_free_misuse(go_chan *c, void *pc)
{
    go_hb_misuse(GO_MISUSE_FREE_WAITED, c, pc);
    go_fatal("go_chan_free of a channel that goroutines are blocked on");
}

/* Returns once nobody is linked in c's queues: waits for selects that
 * were woken elsewhere to unlink themselves, dies on a blocked waiter. */
static void chan_free_quiesce(go_chan *c, void *pc)
{
    for (;;) {
        golock_lock(&c->lock);
        bool blocked = chan_has_blocked(&c->recvq) || chan_has_blocked(&c->sendq);
        bool linked = c->recvq.head || c->sendq.head;
        golock_unlock(&c->lock);
        if (blocked)
            chan_free_misuse(c, pc);
        if (!linked)
            return;
        go_yield();
    }
}

void go_chan_free(go_chan *c)
{
    void *pc = GO_CALLER_PC();
    if (!c)
        return;
    if (c->is_after && !go_timer_stop(&c->after_timer)) {
        /* It fired: wait until its callback is done sending into c. */
        while (!atomic_load_explicit(&c->after_exited, memory_order_acquire))
            go_yield();
    }
    chan_free_quiesce(c, pc);
    go_hb_free(c, sizeof *c, GO_OBJ_CHAN, pc);
    go_hb_sync_free(c, sizeof *c);
    if (c->buf)
        go_hb_sync_free(c->buf, c->cap * c->elem_size);
    if (c->slot_sync)
        go_hb_sync_free(c->slot_sync, c->cap);
    free(c->buf);
    free(c->slot_sync);
    free(c);
}

/* ------------------------------------------------------------ send */

int chan_send_locked(go_chan *c, const void *elem, go_g **wake, bool hb, void *pc)
{
    if (chan_closed(c))
        return CHAN_CLOSED;
    go_waiter *w = go_waitq_pop_claimed(&c->recvq);
    if (w) {
        /* A parked receiver means the buffer is empty: hand over directly. */
        GO_DCHECK(chan_count(c) == 0 && chan_ring_ok(c));
        if (!hb && c->recv_sync && GO_CHECKER_ON() && go_g_checker_ctx(w->g))
            go_hooks_active->acquire(go_g_checker_ctx(w->g), c->recv_sync, pc);
        if (c->cap == 0) {
            if (hb)
                chan_hb_rendezvous(c, w, pc);
        } else {
            if (hb)
                chan_hb_slot_pair(c, c->recvx, w, pc);
            c->recvx = chan_next(c, c->recvx);
            c->sendx = c->recvx;
        }
        chan_copy(c, w->elem, elem);
        *wake = chan_fire(w, true);
        return CHAN_DONE;
    }
    size_t n = chan_count(c);
    if (n < c->cap) {
        if (hb && GO_CHECKER_ON())
            go_hb_serial(GO_HB_RELEASE_ACQUIRE, NULL, chan_slot_sync(c, c->sendx), pc);
        chan_copy(c, chan_slot(c, c->sendx), elem);
        c->sendx = chan_next(c, c->sendx);
        chan_set_count(c, n + 1);
        GO_DCHECK(chan_ring_ok(c));
        return CHAN_DONE;
    }
    return CHAN_WOULD_BLOCK;
}

static int chan_send_closed(go_chan *c, void *pc)
{
    go_hb_misuse(GO_MISUSE_SEND_ON_CLOSED, c, pc);
    return GO_ECLOSED;
}

static int chan_send_slow(go_chan *c, const void *elem, void *pc);

int go_chan_send(go_chan *c, const void *elem)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    if (!c)
        chan_park_forever(GO_WAIT_CHAN_SEND_NIL, pc);
    go_hb_read(c, 1, GO_OBJ_CHAN, pc);
    go_g *wake = NULL;
    golock_lock(&c->lock);
    int r = chan_send_locked(c, elem, &wake, true, pc);
    if (r == CHAN_WOULD_BLOCK)
        return chan_send_slow(c, elem, pc); /* releases the lock */
    golock_unlock(&c->lock);
    if (wake)
        go_ready(wake);
    return r == CHAN_DONE ? 0 : chan_send_closed(c, pc);
}

/* Parks as a sender, c->lock held; a receiver (or close) completes us. */
static int chan_send_slow(go_chan *c, const void *elem, void *pc)
{
    go_waiter w = {0};
    w.g = go_self();
    w.elem = (void *)elem;
    w.obj = c;
    go_waitq_push(&c->sendq, &w);
    go_park(GO_WAIT_CHAN_SEND, c, &c->lock, pc);
    /* The receiver did the happens-before on our behalf. */
    return w.success ? 0 : chan_send_closed(c, pc);
}

/* ------------------------------------------------------------ receive */

int chan_recv_locked(go_chan *c, void *elem, go_g **wake, bool hb, void *pc)
{
    go_waiter *w = go_waitq_pop_claimed(&c->sendq);
    if (w) {
        if (c->cap == 0) {
            if (hb)
                chan_hb_rendezvous(c, w, pc);
            chan_copy(c, elem, w->elem);
        } else {
            /* A parked sender means the buffer is full: take the head and
             * put the sender's value in the freed slot, keeping FIFO order. */
            GO_DCHECK(chan_count(c) == c->cap && chan_ring_ok(c));
            if (hb)
                chan_hb_slot_pair(c, c->recvx, w, pc);
            void *slot = chan_slot(c, c->recvx);
            chan_copy(c, elem, slot);
            chan_copy(c, slot, w->elem);
            c->recvx = chan_next(c, c->recvx);
            c->sendx = c->recvx;
        }
        *wake = chan_fire(w, true);
        return CHAN_DONE;
    }
    size_t n = chan_count(c);
    if (n > 0) {
        if (hb && GO_CHECKER_ON())
            go_hb_serial(GO_HB_RELEASE_ACQUIRE, NULL, chan_slot_sync(c, c->recvx), pc);
        if (hb && c->recv_sync)
            go_hb_acquire(c->recv_sync, pc);
        chan_copy(c, elem, chan_slot(c, c->recvx));
        c->recvx = chan_next(c, c->recvx);
        chan_set_count(c, n - 1);
        GO_DCHECK(chan_ring_ok(c));
        return CHAN_DONE;
    }
    if (chan_closed(c)) {
        if (hb)
            go_hb_acquire(c, pc);
        chan_copy(c, elem, NULL);
        return CHAN_CLOSED;
    }
    return CHAN_WOULD_BLOCK;
}

static bool chan_recv_slow(go_chan *c, void *elem, void *pc);

bool go_chan_recv(go_chan *c, void *elem)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    if (!c)
        chan_park_forever(GO_WAIT_CHAN_RECV_NIL, pc);
    go_g *wake = NULL;
    golock_lock(&c->lock);
    int r = chan_recv_locked(c, elem, &wake, true, pc);
    if (r == CHAN_WOULD_BLOCK)
        return chan_recv_slow(c, elem, pc); /* releases the lock */
    golock_unlock(&c->lock);
    if (wake)
        go_ready(wake);
    return r == CHAN_DONE;
}

/* Parks as a receiver, c->lock held; a sender (or close) completes us. */
static bool chan_recv_slow(go_chan *c, void *elem, void *pc)
{
    go_waiter w = {0};
    w.g = go_self();
    w.elem = elem;
    w.obj = c;
    go_waitq_push(&c->recvq, &w);
    go_park(GO_WAIT_CHAN_RECV, c, &c->lock, pc);
    if (w.success)
        return true; /* the sender did the happens-before on our behalf */
    go_hb_acquire(c, pc); /* woken by close; the closer zeroed *elem */
    return false;
}

/* ------------------------------------------------------------ close */

#define CHAN_CLOSE_BATCH 32

int go_chan_close(go_chan *c)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    if (!c) {
        go_hb_misuse(GO_MISUSE_CLOSE_NIL, NULL, pc);
        return GO_ENIL;
    }
    if (chan_closed(c)) {
        go_hb_misuse(GO_MISUSE_CLOSE_CLOSED, c, pc);
        return GO_ECLOSED;
    }
    go_hb_write(c, 1, GO_OBJ_CHAN, pc);
    golock_lock(&c->lock);
    if (chan_closed(c)) { /* lost a race with another close */
        golock_unlock(&c->lock);
        go_hb_misuse(GO_MISUSE_CLOSE_CLOSED, c, pc);
        return GO_ECLOSED;
    }
    go_hb_release(c, pc);
    atomic_store_explicit(&c->closed, 1, memory_order_relaxed);
    /* Wake everyone, a batch at a time: go_ready runs without the lock, and
     * the channel is consistent (closed, queues shrinking) between batches. */
    go_g *batch[CHAN_CLOSE_BATCH];
    for (;;) {
        size_t n = 0;
        go_waiter *w;
        while (n < CHAN_CLOSE_BATCH && (w = go_waitq_pop_claimed(&c->recvq))) {
            chan_copy(c, w->elem, NULL);
            batch[n++] = chan_fire(w, false);
        }
        while (n < CHAN_CLOSE_BATCH && (w = go_waitq_pop_claimed(&c->sendq)))
            batch[n++] = chan_fire(w, false);
        golock_unlock(&c->lock);
        for (size_t i = 0; i < n; i++)
            go_ready(batch[i]);
        if (n < CHAN_CLOSE_BATCH)
            return 0;
        golock_lock(&c->lock);
    }
}

/* ------------------------------------------------------------ len / cap */

/* Neither takes the lock nor calls a hook: they synchronise nothing, never
 * race with close, and the checker calls them while the world is stopped. */
size_t go_chan_len(go_chan *c) { return c ? chan_count(c) : 0; }
size_t go_chan_cap(go_chan *c) { return c ? c->cap : 0; }
