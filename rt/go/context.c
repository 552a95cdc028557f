/* context.c - Go's package context (<gosan/context.h>): a tree of contexts
 * where cancelling one cancels everything derived from it.
 *
 * Three kinds: Background (static, the root), cancel contexts (WithCancel,
 * WithDeadline: a Done channel, an error, children) and value contexts
 * (WithValue: a key and a value; Done, Err and deadlines come from above).
 *
 * Invariants:
 *  - a context holds a reference on its parent, so the chain above a live
 *    context is always there (Value, Deadline, Done walk it); `refs` counts
 *    the owner (until go_context_release), each child, and a deadline's
 *    pending AfterFunc; the last drop frees the context (on a goroutine);
 *  - a cancel context that is not cancelled yet is linked into the child
 *    list of its nearest cancel ancestor (`cancel_parent`), under that
 *    ancestor's mu; cancelling the ancestor unlinks and cancels every
 *    child while holding its mu (lock order: ancestor before child), and
 *    a context cancelled on its own unlinks itself afterwards (detach);
 *  - `err` goes from 0 to its final value once, under mu, just after a
 *    release of the context's address: a reader that sees it non-zero
 *    acquires that address.
 *
 * Happens-before (the library's locks are invisible to the checker, so
 * each edge Go gets from the context's sync.Mutex is spelled out): a
 * cancellation releases the context's address before setting err and
 * again after closing Done (so whoever frees the channel, or cancels
 * again, is ordered after the close); linking a child releases
 * &parent->child_head, which the parent's canceller acquires before it
 * closes the children's channels; a receive that sees Done closed
 * acquires the channel as for any close.
 */
#include <stdio.h>
#include <stdlib.h>

#include "chan.h"
#include "g.h"
#include "hb.h"

#define CTX_LIVE 0x5854584554ull /* "CTEXT" */
#define CTX_RELEASED 0x44455341454c4552ull

enum ctx_kind { CTX_BACKGROUND, CTX_CANCEL, CTX_VALUE };

struct go_context {
    enum ctx_kind kind;
    _Atomic int refs;
    uint64_t magic;                 /* CTX_LIVE until the owner released it */
    go_context *parent;
    /* value contexts */
    const void *key;
    void *val;
    /* cancel contexts */
    golock mu;
    go_chan *done;
    _Atomic int err;
    int cause;
    bool has_deadline;
    int64_t deadline;
    go_time_timer *timer;           /* the deadline's AfterFunc, or NULL */
    go_context *cancel_parent;      /* nearest cancel ancestor, or NULL */
    go_context *child_head;         /* linked children (mu) */
    go_context *sib_next, *sib_prev; /* links in cancel_parent's list (its mu) */
    bool linked;
};

static go_context ctx_background = {.kind = CTX_BACKGROUND, .magic = CTX_LIVE};

static _Noreturn void ctx_released(const char *call)
{
    char msg[96];
    snprintf(msg, sizeof msg, "%s of a released context", call);
    go_fatal(msg);
}

static inline void ctx_check(const go_context *c, const char *call)
{
    if (!c || __atomic_load_n(&c->magic, __ATOMIC_RELAXED) != CTX_LIVE)
        ctx_released(call);
}

/* The nearest cancel context at or above c, or NULL. */
static go_context *ctx_cancel_of(go_context *c)
{
    while (c && c->kind == CTX_VALUE)
        c = c->parent;
    return c && c->kind == CTX_CANCEL ? c : NULL;
}

static void ctx_unref(go_context *c)
{
    while (c && c->kind != CTX_BACKGROUND && atomic_fetch_sub(&c->refs, 1) == 1) {
        go_context *parent = c->parent;
        go_hb_acquire(c, NULL); /* after its cancellation's close */
        if (c->kind == CTX_CANCEL) {
            go_time_timer_free(c->timer);
            go_chan_free(c->done);
        }
        go_hb_sync_free(c, sizeof *c);
        free(c);
        c = parent;
    }
}

static void ctx_unlink_locked(go_context *p, go_context *c)
{
    if (c->sib_prev)
        c->sib_prev->sib_next = c->sib_next;
    else
        p->child_head = c->sib_next;
    if (c->sib_next)
        c->sib_next->sib_prev = c->sib_prev;
    c->sib_next = c->sib_prev = NULL;
    c->linked = false;
}

/* Cancels c and its subtree with err; detach: unlink c from its ancestor. */
static void ctx_cancel(go_context *c, int err, int cause, bool detach, void *pc)
{
    golock_lock(&c->mu);
    if (atomic_load_explicit(&c->err, memory_order_relaxed)) {
        golock_unlock(&c->mu);
        go_hb_acquire(c, pc); /* as Go's cancel, which takes the context's mutex */
        return;
    }
    go_hb_release(c, pc);
    c->cause = cause ? cause : err;
    atomic_store_explicit(&c->err, err, memory_order_release);
    go_chan_close(c->done);
    go_hb_acquire(&c->child_head, pc); /* after every child's creation (ctx_propagate) */
    for (go_context *k = c->child_head, *next; k; k = next) {
        next = k->sib_next;
        k->sib_next = k->sib_prev = NULL;
        k->linked = false;
        ctx_cancel(k, err, cause, false, pc);
    }
    c->child_head = NULL;
    if (c->timer && go_time_timer_stop(c->timer))
        atomic_fetch_sub(&c->refs, 1); /* its AfterFunc never runs; the caller holds another */
    go_hb_release(c, pc); /* the close above, for whoever frees the channel */
    golock_unlock(&c->mu);
    go_context *p = c->cancel_parent;
    if (detach && p) {
        golock_lock(&p->mu);
        if (c->linked)
            ctx_unlink_locked(p, c);
        golock_unlock(&p->mu);
    }
}

static go_context *ctx_alloc(go_context *parent, enum ctx_kind kind)
{
    go_context *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->kind = kind;
    atomic_init(&c->refs, 1);
    c->magic = CTX_LIVE;
    c->parent = parent;
    if (kind == CTX_CANCEL && !(c->done = go_chan_make(0, 0))) {
        free(c);
        return NULL;
    }
    if (parent->kind != CTX_BACKGROUND)
        atomic_fetch_add(&parent->refs, 1);
    return c;
}

/* Links c under its nearest cancel ancestor, or cancels it at once if that
 * ancestor is cancelled already. */
static void ctx_propagate(go_context *c, void *pc)
{
    go_context *p = ctx_cancel_of(c->parent);
    if (!p)
        return;
    golock_lock(&p->mu);
    int perr = atomic_load_explicit(&p->err, memory_order_relaxed);
    if (!perr) {
        go_hb_release(&p->child_head, pc); /* c's creation, for p's canceller */
        c->cancel_parent = p;
        c->sib_next = p->child_head;
        if (p->child_head)
            p->child_head->sib_prev = c;
        p->child_head = c;
        c->linked = true;
    }
    int pcause = p->cause;
    golock_unlock(&p->mu);
    if (perr) {
        go_hb_acquire(p, pc);
        ctx_cancel(c, perr, pcause, false, pc);
    }
}

go_context *go_context_background(void) { return &ctx_background; }

go_context *go_context_with_cancel(go_context *parent)
{
    void *pc = GO_CALLER_PC();
    if (!parent)
        return NULL;
    ctx_check(parent, "go_context_with_cancel");
    go_context *c = ctx_alloc(parent, CTX_CANCEL);
    if (c)
        ctx_propagate(c, pc);
    return c;
}

static void ctx_deadline_fire(void *arg)
{
    go_context *c = arg;
    ctx_cancel(c, GO_EDEADLINE, 0, true, NULL);
    ctx_unref(c); /* the timer's reference */
}

static go_context *ctx_with_deadline(go_context *parent, int64_t when, void *pc)
{
    int64_t pwhen;
    if (go_context_deadline(parent, &pwhen) && pwhen <= when) {
        go_context *c = ctx_alloc(parent, CTX_CANCEL); /* the parent's comes first */
        if (c)
            ctx_propagate(c, pc);
        return c;
    }
    go_context *c = ctx_alloc(parent, CTX_CANCEL);
    if (!c)
        return NULL;
    c->has_deadline = true;
    c->deadline = when;
    ctx_propagate(c, pc);
    int64_t left = when - go_now();
    if (left <= 0) {
        ctx_cancel(c, GO_EDEADLINE, 0, true, pc);
        return c;
    }
    golock_lock(&c->mu);
    if (!atomic_load_explicit(&c->err, memory_order_relaxed)) {
        atomic_fetch_add(&c->refs, 1);
        c->timer = go_time_after_func(left, ctx_deadline_fire, c);
        if (!c->timer)
            atomic_fetch_sub(&c->refs, 1);
    }
    bool failed = !atomic_load_explicit(&c->err, memory_order_relaxed) && !c->timer;
    golock_unlock(&c->mu);
    if (failed) {
        go_context_release(c);
        return NULL;
    }
    return c;
}

go_context *go_context_with_deadline(go_context *parent, int64_t when)
{
    if (!parent)
        return NULL;
    ctx_check(parent, "go_context_with_deadline");
    return ctx_with_deadline(parent, when, GO_CALLER_PC());
}

go_context *go_context_with_timeout(go_context *parent, int64_t timeout_ns)
{
    if (!parent)
        return NULL;
    ctx_check(parent, "go_context_with_timeout");
    return ctx_with_deadline(parent, chan_deadline(timeout_ns), GO_CALLER_PC());
}

go_context *go_context_with_value(go_context *parent, const void *key, void *val)
{
    if (!parent)
        return NULL;
    ctx_check(parent, "go_context_with_value");
    go_context *c = ctx_alloc(parent, CTX_VALUE);
    if (c) {
        c->key = key;
        c->val = val;
    }
    return c;
}

int go_context_cancel_cause(go_context *c, int cause)
{
    ctx_check(c, "go_context_cancel");
    if (c->kind != CTX_CANCEL)
        return GO_EINVAL;
    ctx_cancel(c, GO_ECANCELED, cause, true, GO_CALLER_PC());
    return 0;
}

int go_context_cancel(go_context *c)
{
    ctx_check(c, "go_context_cancel");
    if (c->kind != CTX_CANCEL)
        return GO_EINVAL;
    ctx_cancel(c, GO_ECANCELED, 0, true, GO_CALLER_PC());
    return 0;
}

void go_context_release(go_context *c)
{
    ctx_check(c, "go_context_release");
    if (c->kind == CTX_BACKGROUND)
        return;
    if (c->kind == CTX_CANCEL)
        ctx_cancel(c, GO_ECANCELED, 0, true, GO_CALLER_PC());
    __atomic_store_n(&c->magic, CTX_RELEASED, __ATOMIC_RELAXED);
    ctx_unref(c);
}

go_chan *go_context_done(go_context *c)
{
    ctx_check(c, "go_context_done");
    go_context *k = ctx_cancel_of(c);
    return k ? k->done : NULL;
}

/* The error of c's nearest cancel context, acquired when non-zero. */
static int ctx_err(go_context *c, int *cause, void *pc)
{
    go_context *k = ctx_cancel_of(c);
    if (!k)
        return 0;
    int err = atomic_load_explicit(&k->err, memory_order_acquire);
    if (!err)
        return 0;
    go_hb_acquire(k, pc);
    if (cause) {
        golock_lock(&k->mu);
        *cause = k->cause;
        golock_unlock(&k->mu);
    }
    return err;
}

int go_context_err(go_context *c)
{
    ctx_check(c, "go_context_err");
    return ctx_err(c, NULL, GO_CALLER_PC());
}

int go_context_cause(go_context *c)
{
    ctx_check(c, "go_context_cause");
    int cause = 0;
    return ctx_err(c, &cause, GO_CALLER_PC()) ? cause : 0;
}

bool go_context_deadline(go_context *c, int64_t *when)
{
    ctx_check(c, "go_context_deadline");
    for (; c && c->kind != CTX_BACKGROUND; c = c->parent)
        if (c->kind == CTX_CANCEL && c->has_deadline) {
            if (when)
                *when = c->deadline;
            return true;
        }
    return false;
}

void *go_context_value(go_context *c, const void *key)
{
    ctx_check(c, "go_context_value");
    for (; c && c->kind != CTX_BACKGROUND; c = c->parent)
        if (c->kind == CTX_VALUE && c->key == key)
            return c->val;
    return NULL;
}
