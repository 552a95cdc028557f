/* select.c - go_select and the engine behind every timed operation (Go's
 * selectgo).
 *
 * Pass 0 tries the cases one channel lock at a time (sel_try_each); then
 * three passes, as in Go:
 *  1. with every channel locked (in address order, each once), poll the
 *     cases in a uniformly random order and take the first one ready;
 *  2. if none is and the caller waits: link one waiter per case, all sharing
 *     one `done` word, and park, the scheduler releasing the locks after the
 *     switch; whoever claims `done` (a channel operation, a close, the timer)
 *     completes the case and records it as the winner;
 *  3. relock, unlink the losing waiters, unlock.
 * NULL channels are never ready and take no part in polling or locking.
 * A send case on a closed channel is chosen with ok == false (Go panics):
 * the checker gets a "send on closed channel" misuse report.
 */
#include <stdlib.h>

#include "chan.h"
#include "hb.h"

#define SEL_MAX_CASES 65536
#define SEL_INLINE 8 /* cases handled without malloc */

typedef struct sel_frame {
    uint32_t *poll;     /* non-NULL cases, random order */
    uint32_t *order;    /* the same, sorted by channel address */
    go_chan **chans;    /* distinct channels, address order */
    golock **locks;     /* their locks */
    go_waiter *waiters; /* one per case, indexed by case */
    size_t npoll, nchans;
    void *heap;         /* malloc'd storage for big selects, or NULL */
    uint32_t poll_in[SEL_INLINE], order_in[SEL_INLINE];
    go_chan *chans_in[SEL_INLINE];
    golock *locks_in[SEL_INLINE];
    go_waiter waiters_in[SEL_INLINE];
} sel_frame;

static int sel_frame_init(sel_frame *f, size_t n)
{
    f->heap = NULL;
    if (n <= SEL_INLINE) {
        f->poll = f->poll_in;
        f->order = f->order_in;
        f->chans = f->chans_in;
        f->locks = f->locks_in;
        f->waiters = f->waiters_in;
        return 0;
    }
    char *p = malloc(n * (2 * sizeof(uint32_t) + sizeof(go_chan *) + sizeof(golock *) +
                          sizeof(go_waiter)));
    if (!p)
        return GO_ENOMEM;
    f->heap = p;
    f->waiters = (go_waiter *)(void *)p;
    f->chans = (go_chan **)(void *)(f->waiters + n);
    f->locks = (golock **)(void *)(f->chans + n);
    f->poll = (uint32_t *)(void *)(f->locks + n);
    f->order = f->poll + n;
    return 0;
}

/* A uniform integer in [0, n). */
static inline uint32_t sel_randn(uint32_t n) { return (uint32_t)(((uint64_t)go_fastrand() * n) >> 32); }

/* Heap sort of f->order by channel address: n log n and no recursion. */
static void sel_sort(sel_frame *f, const go_case *cases)
{
    uint32_t *a = f->order;
    size_t n = f->npoll;
#define KEY(i) ((uintptr_t)cases[a[i]].chan)
    for (size_t i = 0; i < n; i++) { /* sift up */
        size_t j = i;
        uint32_t v = a[j];
        uintptr_t k = (uintptr_t)cases[v].chan;
        while (j > 0 && KEY((j - 1) / 2) < k) {
            a[j] = a[(j - 1) / 2];
            j = (j - 1) / 2;
        }
        a[j] = v;
    }
    for (size_t end = n; end-- > 1;) { /* pop the max to the end */
        uint32_t v = a[end];
        uintptr_t k = (uintptr_t)cases[v].chan;
        a[end] = a[0];
        size_t j = 0;
        for (;;) {
            size_t ch = 2 * j + 1;
            if (ch >= end)
                break;
            if (ch + 1 < end && KEY(ch) < KEY(ch + 1))
                ch++;
            if (KEY(ch) <= k)
                break;
            a[j] = a[ch];
            j = ch;
        }
        a[j] = v;
    }
#undef KEY
}

static void sel_plan(sel_frame *f, const go_case *cases, size_t n)
{
    size_t np = 0;
    for (size_t i = 0; i < n; i++) {
        if (!cases[i].chan)
            continue;
        uint32_t j = sel_randn((uint32_t)np + 1);
        f->poll[np] = f->poll[j];
        f->poll[j] = (uint32_t)i;
        np++;
    }
    f->npoll = np;
    for (size_t i = 0; i < np; i++)
        f->order[i] = f->poll[i];
    sel_sort(f, cases);
    size_t nc = 0;
    for (size_t i = 0; i < np; i++) {
        go_chan *c = cases[f->order[i]].chan;
        if (nc == 0 || f->chans[nc - 1] != c) {
            f->chans[nc] = c;
            f->locks[nc] = &c->lock;
            nc++;
        }
    }
    f->nchans = nc;
}

static void sel_lock(sel_frame *f)
{
    for (size_t i = 0; i < f->nchans; i++)
        golock_lock(f->locks[i]);
}

static void sel_unlock(sel_frame *f)
{
    for (size_t i = f->nchans; i-- > 0;)
        golock_unlock(f->locks[i]);
}

/* The chosen case's last steps, without locks. */
static int sel_finish(go_case *cs, int idx, bool ok, void *pc)
{
    cs->ok = ok;
    if (cs->dir == GO_SEND) {
        go_hb_read(cs->chan, 1, GO_OBJ_CHAN, pc);
        if (!ok)
            go_hb_misuse(GO_MISUSE_SEND_ON_CLOSED, cs->chan, pc);
    }
    return idx;
}

static void sel_timer_fire(void *arg)
{
    chan_select_state *st = arg;
    uint32_t expect = 0;
    if (atomic_compare_exchange_strong(&st->done, &expect, 1)) {
        go_ready(st->g); /* winner stays -1; st is not touched again */
        return;
    }
    atomic_store_explicit(&st->timer_exited, 1, memory_order_release);
}

static go_wait_reason sel_reason(size_t n, size_t nchans, go_wait_reason reason)
{
    if (n == 0)
        return GO_WAIT_SELECT_NO_CASES;
    if (nchans > 0 || reason == GO_WAIT_SELECT)
        return reason;
    return reason == GO_WAIT_CHAN_SEND ? GO_WAIT_CHAN_SEND_NIL : GO_WAIT_CHAN_RECV_NIL;
}

/* Pass 2 and 3: every channel is locked and nothing was ready. */
static int sel_wait(sel_frame *f, go_case *cases, size_t n, chan_sel_mode mode, int64_t when,
                    go_wait_reason reason, void *pc)
{
    go_wait_reason why = sel_reason(n, f->nchans, reason);
    if (mode == CHAN_SEL_BLOCK && f->nchans == 0) {
        free(f->heap);
        chan_park_forever(why, pc);
    }

    chan_select_state st;
    atomic_init(&st.done, 0);
    atomic_init(&st.timer_exited, 0);
    st.winner = -1;
    st.g = go_self();
    for (size_t k = 0; k < f->npoll; k++) {
        uint32_t i = f->order[k];
        go_waiter *w = &f->waiters[i];
        *w = (go_waiter){0};
        w->g = st.g;
        w->elem = cases[i].elem;
        w->obj = cases[i].chan;
        w->select_done = &st.done;
        w->case_index = (int)i;
        w->is_select = true;
        go_waitq_push(cases[i].dir == GO_SEND ? &cases[i].chan->sendq : &cases[i].chan->recvq, w);
    }
    if (mode == CHAN_SEL_DEADLINE)
        go_timer_start(&st.timer, when, sel_timer_fire, &st);
    go_park_multi_locks(why, (const void *const *)f->chans, f->nchans, f->locks, f->nchans, pc);

    sel_lock(f);
    for (size_t k = 0; k < f->npoll; k++) {
        uint32_t i = f->order[k];
        go_chan *c = cases[i].chan;
        go_waitq_remove(cases[i].dir == GO_SEND ? &c->sendq : &c->recvq, &f->waiters[i]);
    }
    sel_unlock(f);

    int idx = st.winner;
    if (mode == CHAN_SEL_DEADLINE && idx >= 0 && !go_timer_stop(&st.timer)) {
        /* The timer fired but lost: wait until its fn is done with st. */
        while (!atomic_load_explicit(&st.timer_exited, memory_order_acquire))
            go_yield();
    }
    if (idx < 0)
        return GO_ETIMEDOUT;
    go_case *cs = &cases[idx];
    bool ok = f->waiters[idx].success;
    if (cs->dir == GO_RECV && !ok)
        go_hb_acquire(cs->chan, pc); /* woken by close; the closer zeroed elem */
    return sel_finish(cs, idx, ok, pc);
}

/* Could the case go ahead now?  A racy hint, used only to skip locking a
 * channel that is surely not ready; unbuffered channels are always tried. */
static bool sel_maybe_ready(const go_case *cs)
{
    go_chan *c = cs->chan;
    if (!c->cap || atomic_load_explicit(&c->closed, memory_order_relaxed))
        return true;
    size_t n = atomic_load_explicit(&c->count, memory_order_relaxed);
    return cs->dir == GO_RECV ? n > 0 : n < c->cap;
}

/* Pass 0: the cases in random order, one channel lock at a time.  When some
 * case is ready (the common case for a busy select) this takes one lock
 * instead of all of them; the choice is as uniform as pass 1's.  Returns
 * the chosen case, or -1 to fall back to pass 1 with every lock held (the
 * only way to conclude that no case is ready). */
static int sel_try_each(sel_frame *f, go_case *cases, void *pc)
{
    for (size_t k = 0; k < f->npoll; k++) {
        uint32_t i = f->poll[k];
        go_case *cs = &cases[i];
        if (!sel_maybe_ready(cs))
            continue;
        go_g *wake = NULL;
        golock_lock(&cs->chan->lock);
        int got = cs->dir == GO_SEND ? chan_send_locked(cs->chan, cs->elem, &wake, true, pc)
                                     : chan_recv_locked(cs->chan, cs->elem, &wake, true, pc);
        golock_unlock(&cs->chan->lock);
        if (got == CHAN_WOULD_BLOCK)
            continue;
        if (wake)
            go_ready(wake);
        return sel_finish(cs, (int)i, got == CHAN_DONE, pc);
    }
    return -1;
}

int chan_select(go_case *cases, size_t n, chan_sel_mode mode, int64_t when, go_wait_reason reason,
                void *pc)
{
    if (n > SEL_MAX_CASES || (n && !cases))
        return GO_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (cases[i].dir != GO_SEND && cases[i].dir != GO_RECV)
            return GO_EINVAL;
    sel_frame f;
    int r = sel_frame_init(&f, n);
    if (r)
        return r;
    sel_plan(&f, cases, n);
    if (f.nchans > 1 && (r = sel_try_each(&f, cases, pc)) >= 0) {
        free(f.heap);
        return r;
    }
    sel_lock(&f);

    /* Pass 1: the first ready case in random order. */
    for (size_t k = 0; k < f.npoll; k++) {
        uint32_t i = f.poll[k];
        go_case *cs = &cases[i];
        go_g *wake = NULL;
        int got = cs->dir == GO_SEND ? chan_send_locked(cs->chan, cs->elem, &wake, true, pc)
                                     : chan_recv_locked(cs->chan, cs->elem, &wake, true, pc);
        if (got == CHAN_WOULD_BLOCK)
            continue;
        sel_unlock(&f);
        if (wake)
            go_ready(wake);
        free(f.heap);
        return sel_finish(cs, (int)i, got == CHAN_DONE, pc);
    }
    if (mode == CHAN_SEL_POLL || (mode == CHAN_SEL_DEADLINE && go_now() >= when)) {
        sel_unlock(&f);
        free(f.heap);
        return mode == CHAN_SEL_POLL ? -1 : GO_ETIMEDOUT;
    }
    r = sel_wait(&f, cases, n, mode, when, reason, pc);
    free(f.heap);
    return r;
}

int go_select(go_case *cases, size_t n, bool block)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    return chan_select(cases, n, block ? CHAN_SEL_BLOCK : CHAN_SEL_POLL, 0, GO_WAIT_SELECT, pc);
}
