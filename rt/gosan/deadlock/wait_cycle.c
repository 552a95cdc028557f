/* wait_cycle.c - mutex wait cycles: `deadlock` reports for goroutines
 * that wait for each other's mutexes (see wait_cycle.h).
 *
 * Wait edges (G waits for H): G waits for mutex M (PRE_LOCK/PRE_RLOCK seen,
 * LOCKED not yet) and H is M's recorded writer, or G waits to write-lock M
 * and H is one of M's recorded readers.  Each such edge lasts until H
 * unlocks M, so a cycle of them is a deadlock; held_locks.c looks for one
 * at every PRE_LOCK, the only event that can close one.  A reader blocked
 * only by a waiting writer (Go's writer preference) forms no edge here:
 * that case is the lock-order graph's (lock_order.c).
 *
 * A wait cycle is a deadlock at once only while each locker is the one
 * that will unlock (the owner rule): a cycle through a hand-off mutex, or
 * through a goroutine waiting for a mutex it holds itself, is not reported
 * here (held_locks.c).
 *
 * The search runs under gs_hl_lock with a bounded budget; the report runs
 * after it is released.
 */
#include "wait_cycle.h"

#include <unistd.h>

#include "flags.h"
#include "location.h"
#include "report.h"
#include "report_dedup.h"
#include "report_names.h"
#include "suppress.h"
#include "user_stack.h"

#define WC_SEARCH_BUDGET 4096

typedef struct wc_search {
    gs_hl_g *start;
    gs_hl_link path[GS_WAIT_CYCLE_MAX];
    int budget;
} wc_search;

static bool wc_dfs(wc_search *s, gs_hl_g *g, size_t depth);

/* g waits for h (which holds g's mutex m as hl): follow h. */
static bool wc_step(wc_search *s, gs_hl_g *g, uintptr_t m, gs_hl_g *h, const gs_hl_held *hl, size_t depth)
{
    gs_hl_link *l = &s->path[depth];
    l->waiter = g->goid;
    l->holder = h->goid;
    l->m = m;
    l->write = g->wait_write;
    l->is_rw = g->wait_rw;
    l->holder_write = hl->write;
    l->wait_node = g->wait_node;
    l->hold_node = hl->node;
    if (h == s->start)
        return true;
    if (!__atomic_load_n(&h->wait_m, __ATOMIC_RELAXED) || depth + 1 >= GS_WAIT_CYCLE_MAX)
        return false;
    for (size_t i = 0; i < depth; i++) /* each goroutine once on a path */
        if (s->path[i].waiter == h->goid)
            return false;
    return wc_dfs(s, h, depth + 1);
}

/* Finds a path of wait edges from g back to s->start; path[0..depth) is
 * the way here. */
static bool wc_dfs(wc_search *s, gs_hl_g *g, size_t depth)
{
    if (--s->budget < 0)
        return false;
    /* Read once: a goroutine that gets its lock clears it without
     * gs_hl_lock (solo_read_hold.h). */
    uintptr_t m = __atomic_load_n(&g->wait_m, __ATOMIC_RELAXED);
    gs_hl_mu *u = m ? gs_hl_mu_get(m, false) : NULL;
    if (!u)
        return false;
    if (u->writer) {
        gs_hl_g *h = gs_hl_g_get(u->writer, false);
        gs_hl_held *hl = h ? gs_hl_held_find(h, m, true) : NULL;
        if (hl && wc_step(s, g, m, h, hl, depth))
            return true;
    }
    if (!g->wait_write || !u->readers)
        return false;
    for (uint32_t b = 0; b < GS_HL_BUCKETS; b++)
        for (gs_hl_g *h = gs_hl_gs[b]; h; h = h->next) {
            gs_hl_held *hl = gs_hl_held_find(h, m, false);
            if (hl && wc_step(s, g, m, h, hl, depth))
                return true;
        }
    return false;
}

/* A wait cycle is a deadlock now unless some mutex on it may still be
 * unlocked by a goroutine outside it (a hand-off: see held_locks.c). */
static bool wc_cycle_final(const gs_hl_link *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (gs_hl_link_handoff(&c[i]))
            return false;
    return true;
}

size_t gs_wait_cycle_find(gs_hl_g *g, gs_hl_link path[GS_WAIT_CYCLE_MAX])
{
    wc_search s;
    s.start = g;
    s.budget = WC_SEARCH_BUDGET;
    if (!wc_dfs(&s, g, 0))
        return 0;
    size_t cycle = 1;
    while (s.path[cycle - 1].holder != g->goid)
        cycle++;
    if (!wc_cycle_final(s.path, cycle))
        return 0;
    for (size_t i = 0; i < cycle; i++)
        path[i] = s.path[i];
    return cycle;
}

/* ---- the report (outside gs_hl_lock) */

static uint64_t wc_cycle_key(const gs_hl_link *c, size_t n)
{
    uint64_t k = 0x7761697463796331ull;
    for (size_t i = 0; i < n; i++)
        k += (c[i].m * 0x9e3779b97f4a7c15ull) ^ (c[i].waiter * 0xff51afd7ed558ccdull);
    return k;
}

void gs_wait_cycle_report(const gs_hl_link *c, size_t n)
{
    gs_stack_id st[2 * GS_WAIT_CYCLE_MAX];
    for (size_t i = 0; i < n; i++) {
        st[2 * i] = gs_node_user_stack(c[i].wait_node);
        st[2 * i + 1] = gs_node_user_stack(c[i].hold_node);
    }
    if (gs_suppressed("deadlock", st, 2 * n) || gs_report_seen(wc_cycle_key(c, n)))
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
        gs_printf(" waits to %s %p at:\n", gs_hl_verb(c[i].is_rw, c[i].write), (void *)c[i].m);
        gs_print_stack(st[2 * i]);
        gs_hl_print_holder(c[i].holder, c[i].m, c[i].holder_write, st[2 * i + 1]);
        gs_print_location(c[i].m);
        gs_printf("\n");
    }
    for (size_t i = 0; i < n; i++)
        gs_print_goroutine(c[i].waiter);
    gs_printf("\n");
    /* The SUMMARY names the wait that closed the cycle: the caller's. */
    gs_report_end_stack("deadlock", st[0]);
    if (gs_flags.halt_on_deadlock)
        _exit(gs_flags.exitcode);
}
