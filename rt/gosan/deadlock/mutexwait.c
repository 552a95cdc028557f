/* mutexwait.c - held-lock sets, mutex wait cycles and the deadlock_timeout
 * watchdog (see mutexwait.h).
 *
 * State: one record per goroutine that holds or waits for a mutex (by
 * goroutine id, chained hash) and one per mutex currently held (its writer
 * and its reader count).  All of it is guarded by mw_lock, a spin lock that
 * is never held while calling the depot, the lock-order graph or report
 * output.
 *
 * Wait edges (G waits for H): G waits for mutex M (PRE_LOCK/PRE_RLOCK seen,
 * LOCKED not yet) and H is M's recorded writer, or G waits to write-lock M
 * and H is one of M's recorded readers.  Each such edge lasts until H
 * unlocks M, so a cycle of them is a deadlock; it is looked for at every
 * PRE_LOCK, the only event that can close one.  A reader blocked only by a
 * waiting writer (Go's writer preference) forms no edge here: that case is
 * the lock-order graph's (lock_order.c).
 *
 * Events of a goroutine come in its program order, so a goroutine's LOCKED
 * precedes its next PRE_LOCK and the last PRE_LOCK of a cycle sees all of
 * it.
 *
 * Hand-off.  Go lets any goroutine unlock a locked Mutex, so a recorded
 * holder is the mutex's locker, not necessarily its unlocker.  A wait cycle
 * is a deadlock at once only while the locker is the one that will unlock
 * (the owner rule).  A mutex leaves the rule (mw_mu.handoff, kept until
 * its memory is freed) the first time a goroutine unlocks it that did not
 * lock it, and a goroutine waiting for a mutex it holds itself is taken as
 * waiting for a hand-off.  A cycle through either is not reported here:
 * it is a deadlock only once nothing else can unlock, which the all-asleep
 * report and the reachability scan decide (reachability.c asks
 * gs_mutex_blockers_try).  A hand-off mutex also stops being a source of
 * lock-order edges (its locker does not own it).  When the memory of a
 * hand-off mutex is freed the flag goes (gs_mw_forget_range): a new mutex
 * there starts under the owner rule.  POSIX locks keep the owner rule
 * (only their holder may unlock them), and so does everything with
 * detect_recursive_lock=1.
 */
#include "mutexwait.h"

#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "call_stack.h"
#include "held_locks.h"
#include "report_names.h"
#include "flags.h"
#include "gsnap.h"
#include "internal_alloc.h"
#include "location.h"
#include "lock_order.h"
#include "out.h"
#include "runtime_thread.h"
#include "spinlock.h"
#include "suppress.h"

/* The library's query, weak so the runtime links on its own. */
#pragma weak go_hooks_foreach_g

#define MW_HELD_MAX 16    /* locks remembered per goroutine; more are not checked */
#define MW_BUCKETS 4096u
#define MW_CYCLE_MAX 16   /* longest wait cycle searched */
#define MW_SEARCH_BUDGET 4096
#define MW_TIMEOUT_BATCH 16

typedef struct mw_held {
    uintptr_t m;
    uint32_t node; /* call node where it was locked */
    bool write, is_rw;
} mw_held;

typedef struct mw_g {
    uint64_t goid;
    struct mw_g *next;
    mw_held held[MW_HELD_MAX];
    uint32_t nheld;
    uint32_t dropped;     /* locks held beyond MW_HELD_MAX */
    uintptr_t wait_m;     /* 0: not waiting */
    bool wait_write, wait_rw, exited;
    uint32_t wait_node;
    int64_t wait_since;
    uint64_t wait_seq, timeout_seq; /* timeout reported for wait number timeout_seq */
} mw_g;

typedef struct mw_mu {
    uintptr_t m;
    struct mw_mu *next;
    uint64_t writer;      /* 0: none */
    uint32_t readers;
    bool posix;           /* a POSIX lock: its holder unlocks it */
    bool handoff;         /* once unlocked by a goroutine that had not locked it: kept until freed */
} mw_mu;

/* One step of a wait cycle: waiter waits for m, which holder holds. */
typedef struct mw_link {
    uint64_t waiter, holder;
    uintptr_t m;
    bool write, is_rw, holder_write;
    uint32_t wait_node, hold_node;
} mw_link;

static gs_splock mw_lock = GS_SPLOCK_INIT;
static mw_g **mw_gs;
static mw_mu **mw_mus;
static uint32_t mw_nhandoff; /* mutexes with handoff set (read unlocked on free) */
/* Bounds of the hand-off mutexes' addresses, in gs_calloc'd memory: in a
 * global of the runtime they would make the reachability scan (reachability.c),
 * which reads the program's globals, take those mutexes for reachable. */
typedef struct mw_span {
    uintptr_t min, max;
} mw_span;
static mw_span *mw_handoff_span;

static inline uint32_t mw_hash(uint64_t k)
{
    return (uint32_t)((k * 0x9e3779b97f4a7c15ull) >> 40) & (MW_BUCKETS - 1);
}

static void mw_ready(void)
{
    if (!mw_gs) {
        mw_gs = gs_calloc(MW_BUCKETS, sizeof *mw_gs);
        mw_mus = gs_calloc(MW_BUCKETS, sizeof *mw_mus);
        mw_handoff_span = gs_calloc(1, sizeof *mw_handoff_span);
        mw_handoff_span->min = UINTPTR_MAX;
    }
}

static mw_g *mw_g_get(uint64_t goid, bool create)
{
    mw_g **b = &mw_gs[mw_hash(goid)];
    for (mw_g *g = *b; g; g = g->next)
        if (g->goid == goid)
            return g;
    if (!create)
        return NULL;
    mw_g *g = gs_calloc(1, sizeof *g);
    g->goid = goid;
    g->next = *b;
    *b = g;
    return g;
}

/* Drops g's record once it says nothing: exited, holding and waiting for
 * nothing.  A goroutine that exits holding a lock keeps its record, so the
 * lock still has a holder with a stack. */
static void mw_g_maybe_free(mw_g *g)
{
    if (!g->exited || g->nheld || g->wait_m)
        return;
    mw_g **p = &mw_gs[mw_hash(g->goid)];
    while (*p != g)
        p = &(*p)->next;
    *p = g->next;
    gs_free(g);
}

static mw_mu *mw_mu_get(uintptr_t m, bool create)
{
    mw_mu **b = &mw_mus[mw_hash(m)];
    for (mw_mu *u = *b; u; u = u->next)
        if (u->m == m)
            return u;
    if (!create)
        return NULL;
    mw_mu *u = gs_calloc(1, sizeof *u);
    u->m = m;
    u->next = *b;
    *b = u;
    return u;
}

static void mw_mu_maybe_free(mw_mu *u)
{
    if (u->writer || u->readers || u->handoff)
        return;
    mw_mu **p = &mw_mus[mw_hash(u->m)];
    while (*p != u)
        p = &(*p)->next;
    *p = u->next;
    gs_free(u);
}

static mw_held *mw_held_find(mw_g *g, uintptr_t m, bool write)
{
    for (uint32_t i = g->nheld; i-- > 0;)
        if (g->held[i].m == m && g->held[i].write == write)
            return &g->held[i];
    return NULL;
}

static bool mw_held_remove(mw_g *g, uintptr_t m, bool write)
{
    mw_held *h = mw_held_find(g, m, write);
    if (!h)
        return false;
    uint32_t i = (uint32_t)(h - g->held);
    for (; i + 1 < g->nheld; i++)
        g->held[i] = g->held[i + 1];
    g->nheld--;
    return true;
}

/* May a goroutine other than m's locker unlock it?  Never under the owner
 * rule: POSIX locks, detect_recursive_lock=1. */
static bool mw_may_hand_off(const mw_mu *u)
{
    return !gs_flags.detect_recursive_lock && !(u && u->posix);
}

/* A mutex waited for may be unlocked by another goroutine than its
 * recorded holder: the holder waits for it itself, or it was handed off
 * before. */
static bool mw_link_handoff(const mw_link *l)
{
    mw_mu *u = mw_mu_get(l->m, false);
    return mw_may_hand_off(u) && (l->waiter == l->holder || (u && u->handoff));
}

/* A goroutine other than the caller that read-holds m, or NULL. */
static mw_g *mw_any_reader(uintptr_t m, const mw_g *not)
{
    for (uint32_t b = 0; b < MW_BUCKETS; b++)
        for (mw_g *g = mw_gs[b]; g; g = g->next)
            if (g != not && mw_held_find(g, m, false))
                return g;
    return NULL;
}

/* ---- wait cycles */

typedef struct mw_search {
    mw_g *start;
    mw_link path[MW_CYCLE_MAX];
    int budget;
} mw_search;

static bool mw_dfs(mw_search *s, mw_g *g, size_t depth);

/* g waits for h (which holds g's mutex as hl): follow h. */
static bool mw_step(mw_search *s, mw_g *g, mw_g *h, const mw_held *hl, size_t depth)
{
    mw_link *l = &s->path[depth];
    l->waiter = g->goid;
    l->holder = h->goid;
    l->m = g->wait_m;
    l->write = g->wait_write;
    l->is_rw = g->wait_rw;
    l->holder_write = hl->write;
    l->wait_node = g->wait_node;
    l->hold_node = hl->node;
    if (h == s->start)
        return true;
    if (!h->wait_m || depth + 1 >= MW_CYCLE_MAX)
        return false;
    for (size_t i = 0; i < depth; i++) /* each goroutine once on a path */
        if (s->path[i].waiter == h->goid)
            return false;
    return mw_dfs(s, h, depth + 1);
}

/* Finds a path of wait edges from g back to s->start; path[0..depth) is
 * the way here. */
static bool mw_dfs(mw_search *s, mw_g *g, size_t depth)
{
    if (--s->budget < 0)
        return false;
    mw_mu *u = mw_mu_get(g->wait_m, false);
    if (!u)
        return false;
    if (u->writer) {
        mw_g *h = mw_g_get(u->writer, false);
        mw_held *hl = h ? mw_held_find(h, g->wait_m, true) : NULL;
        if (hl && mw_step(s, g, h, hl, depth))
            return true;
    }
    if (!g->wait_write || !u->readers)
        return false;
    for (uint32_t b = 0; b < MW_BUCKETS; b++)
        for (mw_g *h = mw_gs[b]; h; h = h->next) {
            mw_held *hl = mw_held_find(h, g->wait_m, false);
            if (hl && mw_step(s, g, h, hl, depth))
                return true;
        }
    return false;
}

/* ---- reports (outside mw_lock) */

static const char *mw_verb(bool is_rw, bool write)
{
    return !is_rw ? "lock mutex" : write ? "write-lock RWMutex" : "read-lock RWMutex";
}

static void mw_end(gs_stack_id top)
{
    bool ret = false;
    uintptr_t pc = gs_stack_top_pc(top, &ret);
    if (ret)
        gs_report_end_ret("deadlock", pc);
    else
        gs_report_end("deadlock", pc);
}

static void mw_print_holder(uint64_t holder, uintptr_t m, bool holder_write, gs_stack_id st)
{
    gs_printf("  Mutex %p is %s by ", (void *)m, holder_write ? "held" : "read-held");
    gs_print_who(holder);
    gs_print_labels(holder);
    gs_printf(", which locked it at:\n");
    gs_print_stack(st);
}

static uint64_t mw_cycle_key(const mw_link *c, size_t n)
{
    uint64_t k = 0x7761697463796331ull;
    for (size_t i = 0; i < n; i++)
        k += (c[i].m * 0x9e3779b97f4a7c15ull) ^ (c[i].waiter * 0xff51afd7ed558ccdull);
    return k;
}

static void mw_report_cycle(const mw_link *c, size_t n)
{
    gs_stack_id st[2 * MW_CYCLE_MAX];
    for (size_t i = 0; i < n; i++) {
        st[2 * i] = gs_node_user_stack(c[i].wait_node);
        st[2 * i + 1] = gs_node_user_stack(c[i].hold_node);
    }
    if (gs_suppressed("deadlock", st, 2 * n) || gs_report_seen(mw_cycle_key(c, n)))
        return;
    if (!gs_report_begin("deadlock"))
        return;
    gs_printf("  Wait cycle:");
    for (size_t i = 0; i < n; i++) {
        gs_printf(" ");
        gs_print_who(c[i].waiter);
        gs_printf(" =>");
    }
    gs_printf(" ");
    gs_print_who(c[0].waiter);
    gs_printf("\n  Each goroutine waits for a mutex the next one holds: none of them can go on.\n\n");
    for (size_t i = 0; i < n; i++) {
        gs_printf("  ");
        gs_print_who_at(c[i].waiter, true);
        gs_print_labels(c[i].waiter);
        gs_printf(" waits to %s %p at:\n", mw_verb(c[i].is_rw, c[i].write), (void *)c[i].m);
        gs_print_stack(st[2 * i]);
        mw_print_holder(c[i].holder, c[i].m, c[i].holder_write, st[2 * i + 1]);
        gs_print_location(c[i].m);
        gs_printf("\n");
    }
    for (size_t i = 0; i < n; i++)
        gs_print_goroutine(c[i].waiter);
    gs_printf("\n");
    /* The SUMMARY names the wait that closed the cycle: the caller's. */
    mw_end(st[0]);
    if (gs_flags.halt_on_deadlock)
        _exit(gs_flags.exitcode);
}

/* ---- events */

static uint64_t mw_self(void)
{
    gs_thr *t = gs_thr_current();
    return t ? t->goid : 0;
}

static uint32_t mw_node_here(void *pc)
{
    return gs_current_node(gs_cur, pc ? (uintptr_t)pc - 1 : 0);
}

/* A held lock that orders later locks: not one handed off (its locker
 * does not own it). */
static bool mw_orders(const mw_held *h)
{
    if (!mw_nhandoff)
        return true;
    mw_mu *u = mw_mu_get(h->m, false);
    return !(u && u->handoff && mw_may_hand_off(u));
}

/* A wait cycle is a deadlock now unless some mutex on it may still be
 * unlocked by a goroutine outside it (see the top of the file). */
static bool mw_cycle_final(const mw_link *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (mw_link_handoff(&c[i]))
            return false;
    return true;
}

static void mw_pre_lock(uint64_t goid, uintptr_t m, bool is_rw, bool write, void *pc)
{
    uint32_t node = mw_node_here(pc);
    gs_lo_held held[MW_HELD_MAX];
    size_t nheld;
    mw_search s;
    size_t cycle = 0;
    /* Only the watchdog reads it, and a clock read is ~3% of a program
     * that locks one mutex in a loop: none while it is off (the default). */
    int64_t since = gs_flags.deadlock_timeout > 0 ? gs_now_ns() : 0;
    gs_splock_lock(&mw_lock);
    mw_ready();
    mw_g *g = mw_g_get(goid, true);
    g->wait_m = m;
    g->wait_write = write;
    g->wait_rw = is_rw;
    g->wait_node = node;
    g->wait_since = since;
    g->wait_seq++;
    nheld = 0;
    for (size_t i = 0; i < g->nheld; i++) {
        if (!mw_orders(&g->held[i]))
            continue;
        held[nheld].addr = g->held[i].m;
        held[nheld].node = g->held[i].node;
        held[nheld].write = g->held[i].write;
        held[nheld].is_rw = g->held[i].is_rw;
        nheld++;
    }
    if (gs_flags.detect_deadlocks) {
        s.start = g;
        s.budget = MW_SEARCH_BUDGET;
        if (mw_dfs(&s, g, 0)) {
            cycle = 1;
            while (s.path[cycle - 1].holder != goid)
                cycle++;
            if (!mw_cycle_final(s.path, cycle))
                cycle = 0;
        }
    }
    gs_splock_unlock(&mw_lock);
    gs_lo_acquire(goid, held, nheld, m, is_rw, write, node);
    if (cycle) { /* in flight from here: its stacks are symbolized first */
        gs_report_enter();
        mw_report_cycle(s.path, cycle);
        gs_report_leave();
    }
}

static void mw_locked(uint64_t goid, uintptr_t m, bool is_rw, bool write, bool posix, void *pc)
{
    gs_splock_lock(&mw_lock);
    mw_ready();
    mw_g *g = mw_g_get(goid, true);
    uint32_t node;
    if (g->wait_m == m) {
        node = g->wait_node;
        g->wait_m = 0;
    } else { /* a successful try-lock: never waited */
        gs_splock_unlock(&mw_lock);
        node = mw_node_here(pc);
        gs_splock_lock(&mw_lock);
    }
    if (g->nheld < MW_HELD_MAX)
        g->held[g->nheld++] = (mw_held){.m = m, .node = node, .write = write, .is_rw = is_rw};
    else
        g->dropped++;
    mw_mu *u = mw_mu_get(m, true);
    u->posix = posix;
    if (write)
        u->writer = goid;
    else
        u->readers++;
    gs_splock_unlock(&mw_lock);
}

static void mw_unlocked(uint64_t goid, uintptr_t m, bool write)
{
    bool first_handoff = false;
    gs_splock_lock(&mw_lock);
    mw_ready();
    mw_mu *u = mw_mu_get(m, false);
    mw_g *g = mw_g_get(goid, false);
    if (!(g && mw_held_remove(g, m, write))) {
        /* Go lets another goroutine unlock: take it off the locker. */
        mw_g *h = write ? (u && u->writer ? mw_g_get(u->writer, false) : NULL) : mw_any_reader(m, g);
        if (h && mw_held_remove(h, m, write)) {
            mw_g_maybe_free(h);
            if (u && !u->posix && !u->handoff) {
                u->handoff = first_handoff = true;
                __atomic_store_n(&mw_nhandoff, mw_nhandoff + 1, __ATOMIC_RELAXED);
                if (m < mw_handoff_span->min)
                    mw_handoff_span->min = m;
                if (m > mw_handoff_span->max)
                    mw_handoff_span->max = m;
            }
        } else if (g && g->dropped) {
            g->dropped--;
        }
    }
    if (u) {
        if (write)
            u->writer = 0;
        else if (u->readers)
            u->readers--;
        mw_mu_maybe_free(u);
    }
    gs_splock_unlock(&mw_lock);
    /* The orders its locker made while holding it were no orders (the
     * locker did not own it): they leave the graph with its node. */
    if (first_handoff && !gs_flags.detect_recursive_lock)
        gs_lo_forget_range(m, 1);
}

/* u's memory is gone: it is no hand-off mutex any more. */
static void mw_forget_handoff(mw_mu *u)
{
    if (!u || !u->handoff)
        return;
    u->handoff = false;
    __atomic_store_n(&mw_nhandoff, mw_nhandoff - 1, __ATOMIC_RELAXED);
    mw_mu_maybe_free(u);
}

void gs_mw_forget_range(uintptr_t lo, size_t size)
{
    if (!__atomic_load_n(&mw_nhandoff, __ATOMIC_RELAXED) || !size)
        return;
    uintptr_t hi = lo + size;
    gs_splock_lock(&mw_lock);
    if (mw_nhandoff && hi > mw_handoff_span->min && lo <= mw_handoff_span->max) {
        if (size / sizeof(void *) <= 64) {
            /* Mutexes hold pointers, so they are pointer-aligned. */
            uintptr_t a = (lo + sizeof(void *) - 1) & ~(uintptr_t)(sizeof(void *) - 1);
            for (; a < hi; a += sizeof(void *))
                mw_forget_handoff(mw_mu_get(a, false));
        } else {
            for (uint32_t b = 0; b < MW_BUCKETS; b++)
                for (mw_mu *u = mw_mus[b], *next; u; u = next) {
                    next = u->next;
                    if (u->m >= lo && u->m < hi)
                        mw_forget_handoff(u);
                }
        }
    }
    gs_splock_unlock(&mw_lock);
}

void gs_deadlock_forget_range(uintptr_t lo, size_t size)
{
    gs_lo_forget_range(lo, size);
    gs_mw_forget_range(lo, size);
}

static void mw_event(go_mutex_event ev, const void *m, bool is_rw, bool posix, void *pc)
{
    uint64_t goid = mw_self();
    if (!goid || !m)
        return;
    uintptr_t a = (uintptr_t)m;
    switch (ev) {
    case GO_MUTEX_PRE_LOCK: mw_pre_lock(goid, a, is_rw, true, pc); break;
    case GO_MUTEX_PRE_RLOCK: mw_pre_lock(goid, a, is_rw, false, pc); break;
    case GO_MUTEX_LOCKED: mw_locked(goid, a, is_rw, true, posix, pc); break;
    case GO_MUTEX_RLOCKED: mw_locked(goid, a, is_rw, false, posix, pc); break;
    case GO_MUTEX_UNLOCK: mw_unlocked(goid, a, true); break;
    case GO_MUTEX_RUNLOCK: mw_unlocked(goid, a, false); break;
    }
}

void gs_held_locks_event(go_mutex_event ev, const void *m, bool is_rw, void *pc)
{
    mw_event(ev, m, is_rw, false, pc);
}

void gs_held_locks_posix_event(go_mutex_event ev, const void *m, bool is_rw, void *pc)
{
    mw_event(ev, m, is_rw, true, pc);
}

void gs_held_locks_g_exit(uint64_t goid)
{
    if (!mw_gs)
        return;
    gs_splock_lock(&mw_lock);
    mw_g *g = mw_g_get(goid, false);
    if (g) {
        g->exited = true;
        g->wait_m = 0;
        mw_g_maybe_free(g);
    }
    gs_splock_unlock(&mw_lock);
}

bool gs_mutex_holder(const void *m, uint64_t *goid, gs_stack_id *stack)
{
    if (!mw_gs)
        return false;
    bool found = false;
    uint32_t node = 0;
    gs_splock_lock(&mw_lock);
    mw_mu *u = mw_mu_get((uintptr_t)m, false);
    if (u) {
        mw_g *h = u->writer ? mw_g_get(u->writer, false) : mw_any_reader((uintptr_t)m, NULL);
        mw_held *hl = h ? mw_held_find(h, (uintptr_t)m, u->writer != 0) : NULL;
        if (hl) {
            found = true;
            *goid = h->goid;
            node = hl->node;
        }
    }
    gs_splock_unlock(&mw_lock);
    if (found)
        *stack = gs_node_user_stack(node);
    return found;
}

static int mw_add_id(uint64_t *ids, int n, int max, uint64_t id)
{
    for (int i = 0; i < n; i++)
        if (ids[i] == id)
            return n;
    return n < max ? (ids[n] = id, n + 1) : -1;
}

int gs_mutex_blockers_try(const void *m, bool write, uint64_t waiter, uint64_t *ids, int max, bool *handoff)
{
    *handoff = false;
    if (!mw_gs || !gs_splock_try(&mw_lock))
        return -1;
    uintptr_t a = (uintptr_t)m;
    int n = 0;
    mw_mu *u = mw_mu_get(a, false);
    if (u && u->writer) {
        n = mw_add_id(ids, n, max, u->writer);
    } else {
        for (uint32_t b = 0; b < MW_BUCKETS && n >= 0; b++)
            for (mw_g *g = mw_gs[b]; g && n >= 0; g = g->next) {
                bool blocks = write ? mw_held_find(g, a, false) != NULL : g->wait_m == a && g->wait_write;
                if (blocks)
                    n = mw_add_id(ids, n, max, g->goid);
            }
    }
    if (u && mw_may_hand_off(u)) {
        *handoff = u->handoff;
        for (int i = 0; i < n; i++)
            *handoff |= ids[i] == waiter;
    }
    gs_splock_unlock(&mw_lock);
    return n;
}

/* ---- deadlock_timeout: a watchdog thread of the runtime's own (no
 * goroutine, so it runs even when every worker is stuck). */

typedef struct mw_late {
    uint64_t goid, holder;
    uintptr_t m;
    bool write, is_rw, holder_write;
    uint32_t wait_node, hold_node;
    int64_t waited;
} mw_late;

typedef struct mw_gstate {
    uint64_t id;
    bool found;
    go_gstate state;
    go_wait_reason reason;
} mw_gstate;

static void mw_find_g(const go_ginfo *g, void *arg)
{
    mw_gstate *s = arg;
    if (g->id == s->id) {
        s->found = true;
        s->state = g->state;
        s->reason = g->wait_reason;
    }
}

static void mw_print_holder_state(uint64_t holder)
{
    mw_gstate s = {.id = holder};
    if (go_hooks_foreach_g)
        go_hooks_foreach_g(mw_find_g, &s);
    if (!s.found)
        gs_printf("  Goroutine %llu has exited (still holding the mutex).\n", (unsigned long long)holder);
    else
        gs_printf("  Goroutine %llu is now %s.\n", (unsigned long long)holder,
                  s.state == GO_G_WAITING ? gs_gstate_name(s.state, s.reason) : gs_gstate_name(s.state, GO_WAIT_NONE));
}

static void mw_report_late(const mw_late *l)
{
    gs_stack_id st[2] = {gs_node_user_stack(l->wait_node), gs_node_user_stack(l->hold_node)};
    if (gs_suppressed("deadlock", st, l->holder ? 2 : 1))
        return;
    if (!gs_report_begin("deadlock"))
        return;
    gs_printf("  Goroutine %llu", (unsigned long long)l->goid);
    gs_print_labels(l->goid);
    gs_printf(" has waited ");
    gs_print_duration(l->waited);
    gs_printf(" (more than deadlock_timeout=%d s) to %s %p at:\n", gs_flags.deadlock_timeout,
              mw_verb(l->is_rw, l->write), (void *)l->m);
    gs_print_stack(st[0]);
    if (l->holder) {
        mw_print_holder(l->holder, l->m, l->holder_write, st[1]);
        mw_print_holder_state(l->holder);
    }
    gs_print_location(l->m);
    gs_printf("\n");
    gs_print_goroutine(l->goid);
    if (l->holder && l->holder != l->goid)
        gs_print_goroutine(l->holder);
    gs_printf("\n");
    mw_end(st[0]);
}

/* Collects waits over the timeout not reported yet (each wait once). */
static size_t mw_collect_late(mw_late *out, int64_t now, int64_t limit)
{
    size_t n = 0;
    gs_splock_lock(&mw_lock);
    for (uint32_t b = 0; mw_gs && b < MW_BUCKETS && n < MW_TIMEOUT_BATCH; b++)
        for (mw_g *g = mw_gs[b]; g && n < MW_TIMEOUT_BATCH; g = g->next) {
            if (!g->wait_m || g->timeout_seq == g->wait_seq || now - g->wait_since < limit)
                continue;
            g->timeout_seq = g->wait_seq;
            mw_late *l = &out[n++];
            *l = (mw_late){.goid = g->goid, .m = g->wait_m, .write = g->wait_write, .is_rw = g->wait_rw,
                           .wait_node = g->wait_node, .waited = now - g->wait_since};
            mw_mu *u = mw_mu_get(g->wait_m, false);
            mw_g *h = !u ? NULL : u->writer ? mw_g_get(u->writer, false) : mw_any_reader(g->wait_m, g);
            mw_held *hl = h ? mw_held_find(h, g->wait_m, u->writer != 0) : NULL;
            if (hl) {
                l->holder = h->goid;
                l->holder_write = hl->write;
                l->hold_node = hl->node;
            }
        }
    gs_splock_unlock(&mw_lock);
    return n;
}

static void *mw_watchdog(void *arg)
{
    (void)arg;
    int64_t limit = (int64_t)gs_flags.deadlock_timeout * 1000000000ll;
    int64_t tick = limit / 8 < 250000000ll ? limit / 8 : 250000000ll;
    struct timespec ts = {.tv_sec = tick / 1000000000ll, .tv_nsec = tick % 1000000000ll};
    mw_late late[MW_TIMEOUT_BATCH];
    for (;;) {
        nanosleep(&ts, NULL);
        size_t n = mw_collect_late(late, gs_now_ns(), limit);
        for (size_t i = 0; i < n; i++) {
            gs_report_enter(); /* in flight from here: its stacks are symbolized first */
            mw_report_late(&late[i]);
            gs_report_leave();
        }
    }
    return NULL;
}

void gs_watchdog_start(void)
{
    if (gs_flags.deadlock_timeout <= 0 || !gs_flags.detect_deadlocks)
        return;
    pthread_t th;
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    if (gs_pthread_create_raw(&th, &a, mw_watchdog, NULL) != 0)
        gs_warn("cannot start the deadlock_timeout watchdog thread: deadlock_timeout is off");
    pthread_attr_destroy(&a);
}
