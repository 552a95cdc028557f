/* atomic_sync.h - the happens-before half of an atomic operation, shared by
 * the inlined C11 atomics (atomic.c) and the libatomic calls
 * (libatomic.c).  The caller brackets the operation itself with
 * gs_atomic_begin/gs_atomic_end; the sync object of the address is locked
 * in between, so a releaser's clock is in place before any acquirer (which
 * locks it after its load) can read it.  Memory orders are C11's numbers
 * (0 relaxed, 1 consume, 2 acquire, 3 release, 4 acq_rel, 5 seq_cst).
 *
 * The clock of an address is what an acquire reading its current value
 * synchronises with: a release store replaces it (it heads a new release
 * sequence), a release read-modify-write joins into it, and every other
 * store or read-modify-write leaves it (C11 continues a release sequence
 * through read-modify-writes and, in C11/C17, the releasing thread's own
 * later stores; a relaxed store of another thread, which ends the sequence
 * in C11, is let continue it too, as TSan does: more order, so possibly a
 * missed race, never a false one), joining in the clock of its thread's
 * last release fence, if any.
 */
#ifndef GOSAN_ATOMIC_SYNC_H
#define GOSAN_ATOMIC_SYNC_H

#include "thread_state.h"
#include "internal_alloc.h"
#include "syncobj.h"

static inline bool gs_mo_acquire(int mo) { return mo == 1 || mo == 2 || mo == 4 || mo == 5; }
static inline bool gs_mo_release(int mo) { return mo == 3 || mo == 4 || mo == 5; }

enum { GS_AOP_LOAD, GS_AOP_STORE, GS_AOP_RMW }; /* the kinds of operation */

typedef struct gs_atomic_ctx {
    gs_thr *t;
    gs_sync *s;
    uintptr_t addr;
    int op;
    bool acq, rel;
} gs_atomic_ctx;

/* Before the operation: find the thread and (when it can matter) the sync
 * object, and lock it. */
/* Not analysed (nor are look_again and end): c->s is locked from begin to
 * end when an object was found, which the analysis cannot follow. */
GS_NO_THREAD_SAFETY_ANALYSIS static inline void gs_atomic_begin(gs_atomic_ctx *c, uintptr_t addr, int op, int mo)
{
    c->t = gs_engine_ready ? gs_thr_current() : NULL;
    c->s = NULL;
    c->addr = addr;
    c->op = op;
    c->acq = op != GS_AOP_STORE && gs_mo_acquire(mo);
    c->rel = op != GS_AOP_LOAD && gs_mo_release(mo);
    if (!c->t)
        return;
    bool fence_pub = op != GS_AOP_LOAD && !c->rel && c->t->fence_rel;
    bool need_create = c->rel || fence_pub;
    c->s = gs_sync_get(addr, GS_SYNC_PLAIN, need_create);
    if (!c->s)
        return;
    gs_thr_ready_sync(c->t);
    gs_splock_lock(&c->s->lock);
}

/* A store or read-modify-write that is not a release, by t after a release
 * fence: the fence synchronises with every acquire that reads this value
 * or a later one of its release sequence (C11 7.17.4), so the fence's
 * clock is joined in.  Joined, never copied: the value may also continue
 * a release sequence (this thread's earlier release store, or any release
 * before a read-modify-write), whose clock an acquirer still gets. */
static inline void gs_atomic_publish_fence(gs_thr *t, gs_sync *s)
{
    gs_sync_release_clock_locked(s, t->fence_rel, false);
}

/* After an operation that found no sync object at its address, other than
 * a store: the first release there may have created it, and stored the
 * value this operation read, since gs_atomic_begin looked (a false report
 * on the data that release published, seen once in 30 runs of a test).
 * Looks again.  What it acquires then may include a later release: more
 * order than there was, which can hide a race, never report one, and only
 * in that first window. */
GS_NO_THREAD_SAFETY_ANALYSIS static inline bool gs_atomic_look_again(gs_atomic_ctx *c)
{
    if (!c->t || c->op == GS_AOP_STORE)
        return false;
    c->s = gs_sync_get(c->addr, GS_SYNC_PLAIN, false);
    if (!c->s)
        return false;
    gs_thr_ready_sync(c->t);
    gs_splock_lock(&c->s->lock);
    return true;
}

/* After the operation (`ok`: a compare-exchange succeeded, or any other op). */
GS_NO_THREAD_SAFETY_ANALYSIS static inline void gs_atomic_end(gs_atomic_ctx *c, bool ok, int fail_mo)
{
    if (!c->s && !gs_atomic_look_again(c))
        return;
    gs_thr *t = c->t;
    bool acq = ok ? c->acq : gs_mo_acquire(fail_mo);
    if (ok && c->rel)
        gs_sync_release_locked(t, c->s, c->op == GS_AOP_STORE);
    else if (ok && c->op != GS_AOP_LOAD && t->fence_rel)
        gs_atomic_publish_fence(t, c->s);
    if (acq) {
        gs_sync_acquire_locked(t, c->s);
    } else if (c->op != GS_AOP_STORE && c->s->clk && c->s->gen == gs_gen) {
        if (!t->fence_acq)
            t->fence_acq = gs_calloc(1, sizeof(gs_vclock));
        gs_sync_join_into_locked(c->s, t->fence_acq);
    }
    gs_splock_unlock(&c->s->lock);
    if (ok && c->rel)
        gs_thr_tick(t);
}

/* Runs the statement `run` (the operation itself: kind op at addr, order
 * mo) between gs_atomic_begin and gs_atomic_end, for every operation that
 * cannot fail (all but a compare-exchange, whose outcome decides the
 * order it takes). */
#define GS_ATOMIC_BRACKET(addr, op, mo, run)                                                         \
    do {                                                                                             \
        gs_atomic_ctx c_;                                                                            \
        gs_atomic_begin(&c_, (uintptr_t)(addr), (op), (mo));                                         \
        run;                                                                                         \
        gs_atomic_end(&c_, true, 0);                                                                 \
    } while (0)

#endif
