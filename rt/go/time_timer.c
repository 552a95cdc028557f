/* time_timer.c - Go's time.Timer, time.Ticker and time.AfterFunc
 * (<gosan/timer.h>), each one entry of the timer heap (timers.c).
 *
 * One struct serves all three: a channel timer sends go_now() into a
 * capacity-1 channel without blocking (a Ticker's tick that finds the
 * previous one unreceived is dropped); an AfterFunc timer spawns a
 * goroutine for fn.  The heap entry's callback runs with no goroutine (a
 * worker's scheduler context or the monitor), so it never blocks and calls
 * no checker hook of its own.
 *
 * Invariants, with t->mu held:
 *  - `active` is the program's view: armed, and neither stopped nor fired;
 *  - `arms` counts heap insertions whose callback has not yet taken mu (a
 *    successful go_timer_stop removes one): a callback that leaves it
 *    above 0 belongs to an older arming that a Reset replaced and does
 *    nothing, so only the newest arming fires;
 *  - `c` is NULL once the owner freed the timer; callbacks then do nothing.
 * Outside mu: `cbs` counts callbacks that may still touch t (decremented
 * as their very last access) and `starting` AfterFunc goroutines that have
 * not yet read fn and arg; the owner's free waits for both to reach 0, so
 * t's memory is always released by the owner's goroutine.
 *
 * Happens-before: every arming (New, AfterFunc, Reset) releases t; a
 * receive that takes a tick acquires t (the channel's recv_sync), and an
 * AfterFunc goroutine acquires t before fn runs.
 */
#include <stdio.h>
#include <stdlib.h>

#include "chan.h"
#include "g.h"
#include "hb.h"

#define TT_LIVE 0x52454d4954ull /* "TIMER" */
#define TT_DEAD 0x444145444d4954ull

struct go_time_timer {
    golock mu;
    bool active;
    int arms;
    go_chan *c;               /* NULL for AfterFunc, and once freed */
    uint64_t magic;           /* TT_LIVE until freed (kept away from malloc's own words) */
    int64_t period;           /* Ticker: > 0 */
    go_func fn;               /* AfterFunc */
    void *arg;
    _Atomic int cbs, starting;
    go_timer heap;
};

/* A Ticker is a timer with a period; the distinct type keeps the two apart. */
struct go_time_ticker {
    struct go_time_timer t;
};

static _Noreturn void tt_freed(const char *call)
{
    char msg[96];
    snprintf(msg, sizeof msg, "%s of a freed timer", call);
    go_fatal(msg);
}

static inline void tt_check(const struct go_time_timer *t, const char *call)
{
    if (__atomic_load_n(&t->magic, __ATOMIC_RELAXED) != TT_LIVE)
        tt_freed(call);
}

/* Takes an unreceived tick out of c (Go 1.23: no stale value after Stop or
 * Reset).  t->mu held; nobody ever parks sending on c. */
static bool tt_drain(go_chan *c)
{
    go_g *wake = NULL;
    golock_lock(&c->lock);
    bool got = chan_recv_locked(c, NULL, &wake, false, NULL) == CHAN_DONE;
    golock_unlock(&c->lock);
    return got;
}

static void tt_send(go_chan *c, int64_t now)
{
    go_g *wake = NULL;
    golock_lock(&c->lock);
    (void)chan_send_locked(c, &now, &wake, false, NULL); /* full: the tick is dropped */
    golock_unlock(&c->lock);
    if (wake)
        go_ready(wake);
}

static void tt_fire(void *arg);

/* t->mu held. */
static void tt_arm(struct go_time_timer *t, int64_t when)
{
    t->active = true;
    t->arms++;
    atomic_fetch_add(&t->cbs, 1);
    go_timer_start(&t->heap, when, tt_fire, t);
}

/* Disarms t (mu held); returns whether it was armed or had an unreceived tick. */
static bool tt_disarm(struct go_time_timer *t)
{
    bool was = t->active;
    t->active = false;
    if (go_timer_stop(&t->heap)) {
        t->arms--;
        atomic_fetch_sub(&t->cbs, 1);
    }
    bool drained = t->c && tt_drain(t->c);
    return was || drained;
}

static int64_t tt_next_tick(int64_t when, int64_t period, int64_t now)
{
    int64_t next = when + period;
    if (next <= now) /* fell behind: skip the missed ticks, as Go does */
        next += ((now - next) / period + 1) * period;
    return next;
}

static void tt_run(void *arg)
{
    struct go_time_timer *t = arg;
    go_hb_acquire(t, GO_CALLER_PC());
    go_func fn = t->fn;
    void *fa = t->arg;
    atomic_fetch_sub_explicit(&t->starting, 1, memory_order_release);
    fn(fa);
}

/* The heap entry's callback: no goroutine, must not block. */
static void tt_fire(void *arg)
{
    struct go_time_timer *t = arg;
    bool spawn = false;
    golock_lock(&t->mu);
    t->arms--;
    if (t->active && t->arms == 0 && (t->c || t->fn)) {
        int64_t now = go_now();
        if (t->c)
            tt_send(t->c, now);
        if (t->period > 0) {
            tt_arm(t, tt_next_tick(t->heap.when, t->period, now));
        } else {
            t->active = false;
            if (t->fn) {
                atomic_fetch_add(&t->starting, 1);
                spawn = true;
            }
        }
    }
    golock_unlock(&t->mu);
    if (spawn && go_spawn(tt_run, t) != 0)
        go_fatal("out of memory starting a time.AfterFunc goroutine");
    atomic_fetch_sub_explicit(&t->cbs, 1, memory_order_release); /* last touch of t */
}

static struct go_time_timer *tt_new(size_t size, bool with_chan)
{
    struct go_time_timer *t = calloc(1, size);
    if (!t)
        return NULL;
    t->heap.heap_index = -1;
    t->magic = TT_LIVE;
    if (with_chan) {
        t->c = go_chan_make(sizeof(int64_t), 1);
        if (!t->c) {
            free(t);
            return NULL;
        }
        t->c->recv_sync = t;
    }
    return t;
}

static void tt_start(struct go_time_timer *t, int64_t ns, void *pc)
{
    go_hb_release(t, pc);
    golock_lock(&t->mu);
    tt_arm(t, chan_deadline(ns > 0 ? ns : 0));
    golock_unlock(&t->mu);
}

/* Stops t for good and releases it once no callback or starting AfterFunc
 * goroutine can touch it any more. */
static void tt_free(struct go_time_timer *t)
{
    golock_lock(&t->mu);
    (void)tt_disarm(t);
    go_chan *c = t->c;
    t->c = NULL;
    t->fn = NULL;
    __atomic_store_n(&t->magic, TT_DEAD, __ATOMIC_RELAXED);
    golock_unlock(&t->mu);
    while (atomic_load_explicit(&t->cbs, memory_order_acquire) ||
           atomic_load_explicit(&t->starting, memory_order_acquire))
        go_yield();
    go_chan_free(c);
    go_hb_sync_free(t, sizeof *t);
    free(t);
}

/* ------------------------------------------------------------ Timer */

go_time_timer *go_time_new_timer(int64_t ns)
{
    struct go_time_timer *t = tt_new(sizeof *t, true);
    if (t)
        tt_start(t, ns, GO_CALLER_PC());
    return t;
}

go_time_timer *go_time_after_func(int64_t ns, go_func fn, void *arg)
{
    if (!fn)
        return NULL;
    struct go_time_timer *t = tt_new(sizeof *t, false);
    if (!t)
        return NULL;
    t->fn = fn;
    t->arg = arg;
    tt_start(t, ns, GO_CALLER_PC());
    return t;
}

go_chan *go_time_timer_chan(go_time_timer *t)
{
    tt_check(t, "go_time_timer_chan");
    return t->c;
}

bool go_time_timer_stop(go_time_timer *t)
{
    tt_check(t, "go_time_timer_stop");
    golock_lock(&t->mu);
    bool was = tt_disarm(t);
    golock_unlock(&t->mu);
    return was;
}

bool go_time_timer_reset(go_time_timer *t, int64_t ns)
{
    tt_check(t, "go_time_timer_reset");
    go_hb_release(t, GO_CALLER_PC());
    golock_lock(&t->mu);
    bool was = tt_disarm(t);
    tt_arm(t, chan_deadline(ns > 0 ? ns : 0));
    golock_unlock(&t->mu);
    return was;
}

void go_time_timer_free(go_time_timer *t)
{
    if (!t)
        return;
    tt_check(t, "go_time_timer_free");
    tt_free(t);
}

/* ------------------------------------------------------------ Ticker */

go_time_ticker *go_time_new_ticker(int64_t period_ns)
{
    if (period_ns <= 0)
        return NULL;
    go_time_ticker *k = (go_time_ticker *)tt_new(sizeof *k, true);
    if (!k)
        return NULL;
    k->t.period = period_ns;
    tt_start(&k->t, period_ns, GO_CALLER_PC());
    return k;
}

go_chan *go_time_ticker_chan(go_time_ticker *k)
{
    tt_check(&k->t, "go_time_ticker_chan");
    return k->t.c;
}

void go_time_ticker_stop(go_time_ticker *k)
{
    tt_check(&k->t, "go_time_ticker_stop");
    golock_lock(&k->t.mu);
    (void)tt_disarm(&k->t);
    golock_unlock(&k->t.mu);
}

int go_time_ticker_reset(go_time_ticker *k, int64_t period_ns)
{
    tt_check(&k->t, "go_time_ticker_reset");
    if (period_ns <= 0)
        return GO_EINVAL;
    go_hb_release(&k->t, GO_CALLER_PC());
    golock_lock(&k->t.mu);
    (void)tt_disarm(&k->t);
    k->t.period = period_ns;
    tt_arm(&k->t, chan_deadline(period_ns));
    golock_unlock(&k->t.mu);
    return 0;
}

void go_time_ticker_free(go_time_ticker *k)
{
    if (!k)
        return;
    tt_check(&k->t, "go_time_ticker_free");
    tt_free(&k->t);
}
