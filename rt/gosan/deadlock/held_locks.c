/* held_locks.c - who holds which mutex and who waits for which (see
 * held_locks.h; the state is in held_locks_table.h).
 *
 * State: one record per goroutine that holds or waits for a mutex (by
 * goroutine id, chained hash) and one per mutex currently held (its writer
 * and its reader count).  All of it is guarded by gs_hl_lock, a spin lock
 * that is never held while calling the depot, the lock-order graph or
 * report output, except a goroutine's solo read hold (solo_read_hold.h: a
 * read lock taken while holding nothing else), which its goroutine writes
 * without the lock and moves under it into held[] at its next locked
 * event.  Events come from the hook table (library mutexes) and
 * the pthread interceptors (POSIX locks) on the goroutine or thread they
 * are about; each PRE_LOCK also feeds the lock-order graph and asks the
 * wait-cycle search (wait_cycle.c).
 *
 * Events of a goroutine come in its program order, so a goroutine's LOCKED
 * precedes its next PRE_LOCK and the last PRE_LOCK of a cycle sees all of
 * it.
 *
 * Hand-off.  Go lets any goroutine unlock a locked Mutex, so a recorded
 * holder is the mutex's locker, not necessarily its unlocker.  A mutex
 * leaves the owner rule (gs_hl_mu.handoff, kept until its memory is freed)
 * the first time a goroutine unlocks it that did not lock it.  A hand-off
 * mutex stops being a source of lock-order edges (its locker does not own
 * it), and wait cycles through it are left to the all-asleep report and
 * the reachability scan (which asks gs_mutex_blockers_try).  When the
 * memory of a hand-off mutex is freed the flag goes (hl_forget_range): a
 * new mutex there starts under the owner rule.  POSIX locks keep the owner
 * rule (only their holder may unlock them), and so does everything with
 * detect_recursive_lock=1.
 */
#include "held_locks.h"

#include "call_stack.h"
#include "clock.h"
#include "flags.h"
#include "held_locks_table.h"
#include "internal_alloc.h"
#include "lock_order.h"
#include "report.h"
#include "report_names.h"
#include "solo_read_hold.h"
#include "solo_write_hold.h"
#include "spinlock.h"
#include "user_stack.h"
#include "wait_cycle.h"

gs_splock gs_hl_lock = GS_SPLOCK_INIT;
gs_hl_g **gs_hl_gs;
static gs_hl_mu **hl_mus;
static uint32_t hl_nhandoff; /* mutexes with handoff set (read unlocked on free) */
/* Bounds of the hand-off mutexes' addresses, in gs_calloc'd memory: in a
 * global of the runtime they would make the reachability scan (reachability.c),
 * which reads the program's globals, take those mutexes for reachable. */
typedef struct hl_span {
    uintptr_t min, max;
} hl_span;
static hl_span *hl_handoff_span;

static inline uint32_t hl_hash(uint64_t k)
{
    return (uint32_t)((k * 0x9e3779b97f4a7c15ull) >> 40) & (GS_HL_BUCKETS - 1);
}

static void hl_ready(void)
{
    if (!gs_hl_gs) {
        gs_hl_gs = gs_calloc(GS_HL_BUCKETS, sizeof *gs_hl_gs);
        hl_mus = gs_calloc(GS_HL_BUCKETS, sizeof *hl_mus);
        hl_handoff_span = gs_calloc(1, sizeof *hl_handoff_span);
        hl_handoff_span->min = UINTPTR_MAX;
    }
}

gs_hl_g *gs_hl_g_get(uint64_t goid, bool create)
{
    gs_hl_g **b = &gs_hl_gs[hl_hash(goid)];
    for (gs_hl_g *g = *b; g; g = g->next)
        if (g->goid == goid)
            return g;
    if (!create)
        return NULL;
    gs_hl_g *g = gs_calloc(1, sizeof *g);
    g->goid = goid;
    g->next = *b;
    *b = g;
    return g;
}

/* Drops g's record once it says nothing: exited, holding and waiting for
 * nothing.  A goroutine that exits holding a lock keeps its record, so the
 * lock still has a holder with a stack. */
static void hl_g_maybe_free(gs_hl_g *g)
{
    if (!g->exited || g->nheld || g->wait_m)
        return;
    gs_hl_g **p = &gs_hl_gs[hl_hash(g->goid)];
    while (*p != g)
        p = &(*p)->next;
    *p = g->next;
    gs_free(g);
}

/* Mutex records freed lately, for reuse (gs_hl_lock): a nested lock
 * makes its outer lock's record (gs_hl_solo_publish) and its unlock frees
 * it, once per pair, and the allocator's calls were 1% of `rwlocks`.
 * Their m is cleared: no stale mutex address stays behind. */
#define HL_MU_SPARE_MAX 64u
static gs_hl_mu *hl_mu_spare;
static uint32_t hl_mu_nspare;

gs_hl_mu *gs_hl_mu_get(uintptr_t m, bool create)
{
    gs_hl_mu **b = &hl_mus[hl_hash(m)];
    for (gs_hl_mu *u = *b; u; u = u->next)
        if (u->m == m)
            return u;
    if (!create)
        return NULL;
    gs_hl_mu *u = hl_mu_spare;
    if (u) {
        hl_mu_spare = u->next;
        hl_mu_nspare--;
        *u = (gs_hl_mu){0};
    } else {
        u = gs_calloc(1, sizeof *u);
    }
    u->m = m;
    u->next = *b;
    *b = u;
    return u;
}

static void hl_mu_maybe_free(gs_hl_mu *u)
{
    if (u->writer || u->readers || u->handoff)
        return;
    gs_hl_mu **p = &hl_mus[hl_hash(u->m)];
    while (*p != u)
        p = &(*p)->next;
    *p = u->next;
    if (hl_mu_nspare < HL_MU_SPARE_MAX) {
        *u = (gs_hl_mu){.next = hl_mu_spare};
        hl_mu_spare = u;
        hl_mu_nspare++;
    } else {
        gs_free(u);
    }
}

static gs_hl_held *hl_held_find_listed(gs_hl_g *g, uintptr_t m, bool write)
{
    for (uint32_t i = g->nheld; i-- > 0;)
        if (g->held[i].m == m && g->held[i].write == write)
            return &g->held[i];
    return NULL;
}

gs_hl_held *gs_hl_held_find(gs_hl_g *g, uintptr_t m, bool write)
{
    gs_hl_held *h = hl_held_find_listed(g, m, write);
    return h ? h : gs_hl_solo_find(g, m, write);
}

/* Takes m off g's held[] (not its solo hold: gs_hl_solo_take). */
static bool hl_held_remove(gs_hl_g *g, uintptr_t m, bool write)
{
    gs_hl_held *h = hl_held_find_listed(g, m, write);
    if (!h)
        return false;
    uint32_t i = (uint32_t)(h - g->held);
    for (; i + 1 < g->nheld; i++)
        g->held[i] = g->held[i + 1];
    g->nheld--;
    return true;
}

bool gs_hl_may_hand_off(const gs_hl_mu *u)
{
    return !gs_flags.detect_recursive_lock && !(u && u->posix);
}

/* A mutex waited for may be unlocked by another goroutine than its
 * recorded holder: the holder waits for it itself, or it was handed off
 * before. */
bool gs_hl_link_handoff(const gs_hl_link *l)
{
    gs_hl_mu *u = gs_hl_mu_get(l->m, false);
    return gs_hl_may_hand_off(u) && (l->waiter == l->holder || (u && u->handoff));
}

/* A goroutine other than the caller that read-holds m, or NULL. */
gs_hl_g *gs_hl_any_reader(uintptr_t m, const gs_hl_g *not)
{
    for (uint32_t b = 0; b < GS_HL_BUCKETS; b++)
        for (gs_hl_g *g = gs_hl_gs[b]; g; g = g->next)
            if (g != not && gs_hl_held_find(g, m, false))
                return g;
    return NULL;
}

/* ---- events */

static uint32_t hl_node_here(void *pc)
{
    return gs_current_node(gs_cur, pc ? (uintptr_t)pc - 1 : 0);
}

/* A held lock that orders later locks: not one handed off (its locker
 * does not own it). */
static bool hl_orders(const gs_hl_held *h)
{
    if (!hl_nhandoff)
        return true;
    gs_hl_mu *u = gs_hl_mu_get(h->m, false);
    return !(u && u->handoff && gs_hl_may_hand_off(u));
}

static void hl_pre_lock(gs_thr *t, uintptr_t m, bool is_rw, bool write, void *pc)
{
    uint64_t goid = t->goid;
    uint32_t node = hl_node_here(pc);
    gs_lo_held held[GS_HL_HELD_MAX];
    size_t nheld;
    gs_hl_link path[GS_WAIT_CYCLE_MAX];
    size_t cycle = 0;
    /* Only the watchdog reads it, and a clock read is ~3% of a program
     * that locks one mutex in a loop: none while it is off (the default). */
    int64_t since = gs_flags.deadlock_timeout > 0 ? gs_now_ns() : 0;
    gs_splock_lock(&gs_hl_lock);
    hl_ready();
    gs_hl_g *g = gs_hl_g_get(goid, true);
    gs_hl_solo_publish(t, g);
    g->wait_m = m;
    g->wait_write = write;
    g->wait_rw = is_rw;
    g->wait_node = node;
    g->wait_since = since;
    g->wait_seq++;
    nheld = 0;
    for (size_t i = 0; i < g->nheld; i++) {
        if (!hl_orders(&g->held[i]))
            continue;
        held[nheld].addr = g->held[i].m;
        held[nheld].node = g->held[i].node;
        held[nheld].write = g->held[i].write;
        held[nheld].is_rw = g->held[i].is_rw;
        nheld++;
    }
    if (gs_flags.detect_deadlocks)
        cycle = gs_wait_cycle_find(g, path);
    gs_splock_unlock(&gs_hl_lock);
    gs_lo_acquire(goid, held, nheld, m, is_rw, write, node);
    if (cycle) { /* in flight from here: its stacks are symbolized first */
        gs_report_enter();
        gs_wait_cycle_report(path, cycle);
        gs_report_leave();
    }
}

static void hl_locked(gs_thr *t, uintptr_t m, bool is_rw, bool write, bool posix, void *pc)
{
    uint64_t goid = t->goid;
    gs_splock_lock(&gs_hl_lock);
    hl_ready();
    gs_hl_g *g = gs_hl_g_get(goid, true);
    gs_hl_solo_publish(t, g);
    uint32_t node;
    if (g->wait_m == m) {
        node = g->wait_node;
        g->wait_m = 0;
    } else { /* a successful try-lock: never waited */
        gs_splock_unlock(&gs_hl_lock);
        node = hl_node_here(pc);
        gs_splock_lock(&gs_hl_lock);
    }
    if (g->nheld < GS_HL_HELD_MAX)
        g->held[g->nheld++] = (gs_hl_held){.m = m, .node = node, .write = write, .is_rw = is_rw};
    else
        g->dropped++;
    gs_hl_mu *u = gs_hl_mu_get(m, true);
    u->posix = posix;
    if (write)
        u->writer = goid;
    else
        u->readers++;
    gs_splock_unlock(&gs_hl_lock);
}

/* The record of m's write holder: the one its gs_hl_mu names, else a
 * goroutine's solo hold (which has no gs_hl_mu); NULL if neither. */
static gs_hl_g *hl_writer_rec(const gs_hl_mu *u, uintptr_t m)
{
    return u && u->writer ? gs_hl_g_get(u->writer, false) : gs_hl_solo_writer(m);
}

static void hl_unlocked(gs_thr *t, uintptr_t m, bool write)
{
    uint64_t goid = t->goid;
    bool first_handoff = false, solo = false;
    gs_splock_lock(&gs_hl_lock);
    hl_ready();
    gs_hl_mu *u = gs_hl_mu_get(m, false);
    gs_hl_g *g = gs_hl_g_get(goid, false);
    if (g)
        gs_hl_solo_publish(t, g);
    if (!(g && hl_held_remove(g, m, write))) {
        /* Go lets another goroutine unlock: take it off the locker. */
        gs_hl_g *h = write ? hl_writer_rec(u, m) : gs_hl_any_reader(m, g);
        bool taken = h && hl_held_remove(h, m, write);
        if (h && !taken)
            taken = solo = gs_hl_solo_take(h, m, write);
        if (taken) {
            hl_g_maybe_free(h);
            if (solo && !u) /* a solo hold has no record: the flag needs one */
                u = gs_hl_mu_get(m, true);
            if (u && !u->posix && !u->handoff) {
                u->handoff = first_handoff = true;
                __atomic_store_n(&hl_nhandoff, hl_nhandoff + 1, __ATOMIC_RELAXED);
                if (m < hl_handoff_span->min)
                    hl_handoff_span->min = m;
                if (m > hl_handoff_span->max)
                    hl_handoff_span->max = m;
            }
        } else if (g && g->dropped) {
            g->dropped--;
        }
    }
    if (u) {
        if (write)
            u->writer = 0;
        else if (u->readers && !solo) /* a solo hold was never counted */
            u->readers--;
        hl_mu_maybe_free(u);
    }
    gs_splock_unlock(&gs_hl_lock);
    /* The orders its locker made while holding it were no orders (the
     * locker did not own it): they leave the graph with its node. */
    if (first_handoff && !gs_flags.detect_recursive_lock)
        gs_lo_forget_range(m, 1);
}

/* u's memory is gone: it is no hand-off mutex any more. */
static void hl_forget_handoff(gs_hl_mu *u)
{
    if (!u || !u->handoff)
        return;
    u->handoff = false;
    __atomic_store_n(&hl_nhandoff, hl_nhandoff - 1, __ATOMIC_RELAXED);
    hl_mu_maybe_free(u);
}

/* [lo, lo+size) was freed or reused: a mutex there is no hand-off mutex
 * any more. */
static void hl_forget_range(uintptr_t lo, size_t size)
{
    if (!__atomic_load_n(&hl_nhandoff, __ATOMIC_RELAXED) || !size)
        return;
    uintptr_t hi = lo + size;
    gs_splock_lock(&gs_hl_lock);
    if (hl_nhandoff && hi > hl_handoff_span->min && lo <= hl_handoff_span->max) {
        if (size / sizeof(void *) <= 64) {
            /* Mutexes hold pointers, so they are pointer-aligned. */
            uintptr_t a = (lo + sizeof(void *) - 1) & ~(uintptr_t)(sizeof(void *) - 1);
            for (; a < hi; a += sizeof(void *))
                hl_forget_handoff(gs_hl_mu_get(a, false));
        } else {
            for (uint32_t b = 0; b < GS_HL_BUCKETS; b++)
                for (gs_hl_mu *u = hl_mus[b], *next; u; u = next) {
                    next = u->next;
                    if (u->m >= lo && u->m < hi)
                        hl_forget_handoff(u);
                }
        }
    }
    gs_splock_unlock(&gs_hl_lock);
}

void gs_deadlock_forget_range(uintptr_t lo, size_t size)
{
    gs_lo_forget_range(lo, size);
    hl_forget_range(lo, size);
}

/* A read lock of a library RWMutex, or a lock of a library Mutex, taken
 * or released while its goroutine holds nothing else, done without
 * gs_hl_lock (solo_read_hold.h, solo_write_hold.h). */
static bool hl_solo_event(gs_thr *t, go_mutex_event ev, uintptr_t m, bool is_rw, bool posix, void *pc)
{
    if (posix)
        return false;
    bool no_handoff = !__atomic_load_n(&hl_nhandoff, __ATOMIC_RELAXED);
    bool solo_write = !is_rw && no_handoff;
    switch (ev) {
    case GO_MUTEX_PRE_LOCK: return solo_write && gs_hl_solo_pre(t, m, hl_node_here, pc);
    case GO_MUTEX_LOCKED: return no_handoff && gs_hl_solo_hold(t, m, true, is_rw, hl_node_here, pc);
    case GO_MUTEX_UNLOCK: return gs_hl_solo_release(t, m, true);
    case GO_MUTEX_PRE_RLOCK: return gs_hl_solo_pre(t, m, hl_node_here, pc);
    case GO_MUTEX_RLOCKED: return gs_hl_solo_hold(t, m, false, true, hl_node_here, pc);
    case GO_MUTEX_RUNLOCK: return gs_hl_solo_release(t, m, false);
    default: return false;
    }
}

static void hl_event(go_mutex_event ev, const void *m, bool is_rw, bool posix, void *pc)
{
    gs_thr *t = gs_thr_current();
    if (!t || !t->goid || !m)
        return;
    uintptr_t a = (uintptr_t)m;
    if (hl_solo_event(t, ev, a, is_rw, posix, pc))
        return;
    switch (ev) {
    case GO_MUTEX_PRE_LOCK: hl_pre_lock(t, a, is_rw, true, pc); break;
    case GO_MUTEX_PRE_RLOCK: hl_pre_lock(t, a, is_rw, false, pc); break;
    case GO_MUTEX_LOCKED: hl_locked(t, a, is_rw, true, posix, pc); break;
    case GO_MUTEX_RLOCKED: hl_locked(t, a, is_rw, false, posix, pc); break;
    case GO_MUTEX_UNLOCK: hl_unlocked(t, a, true); break;
    case GO_MUTEX_RUNLOCK: hl_unlocked(t, a, false); break;
    }
}

void gs_held_locks_event(go_mutex_event ev, const void *m, bool is_rw, void *pc)
{
    hl_event(ev, m, is_rw, false, pc);
}

void gs_held_locks_posix_event(go_mutex_event ev, const void *m, bool is_rw, void *pc)
{
    hl_event(ev, m, is_rw, true, pc);
}

void gs_held_locks_g_exit(uint64_t goid)
{
    if (!gs_hl_gs)
        return;
    gs_splock_lock(&gs_hl_lock);
    gs_hl_g *g = gs_hl_g_get(goid, false);
    if (g) {
        gs_hl_solo_publish(NULL, g); /* it exits holding it: kept as held */
        g->exited = true;
        g->wait_m = 0;
        hl_g_maybe_free(g);
    }
    gs_splock_unlock(&gs_hl_lock);
}

bool gs_mutex_holder(const void *m, uint64_t *goid, gs_stack_id *stack)
{
    if (!gs_hl_gs)
        return false;
    bool found = false;
    uint32_t node = 0;
    gs_splock_lock(&gs_hl_lock);
    gs_hl_mu *u = gs_hl_mu_get((uintptr_t)m, false);
    bool w = u && u->writer;
    gs_hl_g *h = hl_writer_rec(u, (uintptr_t)m);
    if (h)
        w = true;
    else
        h = gs_hl_any_reader((uintptr_t)m, NULL);
    gs_hl_held *hl = h ? gs_hl_held_find(h, (uintptr_t)m, w) : NULL;
    if (hl) {
        found = true;
        *goid = h->goid;
        node = hl->node;
    }
    gs_splock_unlock(&gs_hl_lock);
    if (found)
        *stack = gs_node_user_stack(node);
    return found;
}

static int hl_add_id(uint64_t *ids, int n, int max, uint64_t id)
{
    for (int i = 0; i < n; i++)
        if (ids[i] == id)
            return n;
    return n < max ? (ids[n] = id, n + 1) : -1;
}

int gs_mutex_blockers_try(const void *m, bool write, uint64_t waiter, uint64_t *ids, int max, bool *handoff)
{
    *handoff = false;
    if (!gs_hl_gs || !gs_splock_try(&gs_hl_lock))
        return -1;
    uintptr_t a = (uintptr_t)m;
    int n = 0;
    gs_hl_mu *u = gs_hl_mu_get(a, false);
    gs_hl_g *solo_writer = NULL;
    if (u && u->writer) {
        n = hl_add_id(ids, n, max, u->writer);
    } else if ((solo_writer = gs_hl_solo_writer(a))) {
        n = hl_add_id(ids, n, max, solo_writer->goid);
    } else {
        for (uint32_t b = 0; b < GS_HL_BUCKETS && n >= 0; b++)
            for (gs_hl_g *g = gs_hl_gs[b]; g && n >= 0; g = g->next) {
                bool blocks = write ? gs_hl_held_find(g, a, false) != NULL : g->wait_m == a && g->wait_write;
                if (blocks)
                    n = hl_add_id(ids, n, max, g->goid);
            }
    }
    if (gs_hl_may_hand_off(u)) { /* no record: at most solo readers, never handed off */
        *handoff = u && u->handoff;
        for (int i = 0; i < n; i++)
            *handoff |= ids[i] == waiter;
    }
    gs_splock_unlock(&gs_hl_lock);
    return n;
}

/* ---- report lines shared by wait_cycle.c and watchdog.c */

const char *gs_hl_verb(bool is_rw, bool write)
{
    return !is_rw ? "lock mutex" : write ? "write-lock RWMutex" : "read-lock RWMutex";
}

void gs_hl_print_holder(uint64_t holder, uintptr_t m, bool holder_write, gs_stack_id st)
{
    gs_printf("  Mutex %p is %s by ", (void *)m, holder_write ? "held" : "read-held");
    gs_print_who(holder);
    gs_print_labels(holder);
    gs_printf(", which locked it at:\n");
    gs_print_stack(st);
}
