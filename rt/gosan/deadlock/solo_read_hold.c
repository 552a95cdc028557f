/* solo_read_hold.c - read locks taken and released without gs_hl_lock
 * (solo_read_hold.h).
 *
 * The goroutine's own fields (solo_pre_*) are plain; solo.m is the one
 * word other threads read without the goroutine: it is stored last
 * (release) when a hold begins and cleared with a compare-and-swap, so a
 * hand-off RUnlock by another goroutine (under gs_hl_lock) and the
 * goroutine's own RUnlock end a hold once.  A reader under gs_hl_lock may
 * pair solo.m with the node of the goroutine's next solo hold of the same
 * mutex: only the stack of "which locked it at" can be that one.
 */
#include "solo_read_hold.h"

#include "flags.h"

/* t's record, once a locked event cached it and while it is t's. */
static gs_hl_g *solo_rec(const gs_thr *t)
{
    gs_hl_g *g = t->hl_rec;
    return g && g->goid == t->goid ? g : NULL;
}

/* g holds and waits for nothing, so a lock now may be a solo hold.
 * Other goroutines only ever shrink held[] (a hand-off unlock), so a
 * stale count sends the event to the locked path, never the other way. */
static bool solo_allowed(const gs_hl_g *g)
{
    return gs_flags.deadlock_timeout <= 0 && !__atomic_load_n(&g->nheld, __ATOMIC_RELAXED) &&
           !__atomic_load_n(&g->dropped, __ATOMIC_RELAXED) && !__atomic_load_n(&g->wait_m, __ATOMIC_RELAXED) &&
           !__atomic_load_n(&g->solo.m, __ATOMIC_RELAXED);
}

bool gs_hl_solo_pre(gs_thr *t, uintptr_t m, uint32_t (*node_of)(void *), void *pc)
{
    gs_hl_g *g = solo_rec(t);
    if (!g || !solo_allowed(g))
        return false;
    g->solo_pre_node = node_of(pc);
    g->solo_pre_m = m;
    return true;
}

bool gs_hl_solo_hold(gs_thr *t, uintptr_t m, bool write, bool is_rw, uint32_t (*node_of)(void *), void *pc)
{
    gs_hl_g *g = solo_rec(t);
    if (!g || gs_flags.deadlock_timeout > 0 || __atomic_load_n(&g->dropped, __ATOMIC_RELAXED) ||
        __atomic_load_n(&g->solo.m, __ATOMIC_RELAXED))
        return false;
    uint32_t node;
    uintptr_t waited = __atomic_load_n(&g->wait_m, __ATOMIC_RELAXED);
    if (waited == m) {
        /* Its PRE_LOCK took the locked path (it held other locks, or an
         * RWMutex write lock): the wait was published and searched, and
         * it ends here.  A goroutine that waits for nothing is on no wait
         * cycle, so its holds need not be in the table until its next
         * locked event publishes them (gs_hl_solo_publish). */
        node = g->wait_node;
        __atomic_store_n(&g->wait_m, 0, __ATOMIC_RELAXED);
    } else if (waited || (write && is_rw) || __atomic_load_n(&g->nheld, __ATOMIC_RELAXED)) {
        return false; /* an RWMutex's first write lock is the graph's (solo_write_hold.h) */
    } else {
        node = g->solo_pre_m == m ? g->solo_pre_node : node_of(pc); /* else a try-lock */
    }
    g->solo_pre_m = 0;
    __atomic_store_n(&g->solo.node, node, __ATOMIC_RELAXED);
    g->solo.write = write;
    g->solo.is_rw = is_rw;
    __atomic_store_n(&g->solo.m, m, __ATOMIC_RELEASE);
    return true;
}

bool gs_hl_solo_release(gs_thr *t, uintptr_t m, bool write)
{
    gs_hl_g *g = solo_rec(t);
    uintptr_t expect = m;
    /* Only t makes solo.m m, so a plain load that sees another value
     * spares the locked instruction of a compare-and-swap bound to fail
     * (the outer lock of a nested pair, published by the inner one's
     * wait, is released through the table). */
    return g && g->solo.write == write && __atomic_load_n(&g->solo.m, __ATOMIC_RELAXED) == m &&
           __atomic_compare_exchange_n(&g->solo.m, &expect, 0, false, __ATOMIC_RELEASE, __ATOMIC_RELAXED);
}

void gs_hl_solo_publish(gs_thr *t, gs_hl_g *g)
{
    if (t && t->goid == g->goid)
        t->hl_rec = g;
    g->solo_pre_m = 0;
    uintptr_t m = __atomic_load_n(&g->solo.m, __ATOMIC_RELAXED);
    if (!m)
        return;
    gs_hl_held h = {.m = m, .node = g->solo.node, .write = g->solo.write, .is_rw = g->solo.is_rw};
    __atomic_store_n(&g->solo.m, 0, __ATOMIC_RELAXED);
    if (g->nheld < GS_HL_HELD_MAX)
        g->held[g->nheld++] = h;
    else
        g->dropped++;
    gs_hl_mu *u = gs_hl_mu_get(m, true);
    u->posix = false;
    if (h.write)
        u->writer = g->goid;
    else
        u->readers++;
}

gs_hl_held *gs_hl_solo_find(gs_hl_g *g, uintptr_t m, bool write)
{
    return m && __atomic_load_n(&g->solo.m, __ATOMIC_ACQUIRE) == m && g->solo.write == write ? &g->solo : NULL;
}

bool gs_hl_solo_take(gs_hl_g *g, uintptr_t m, bool write)
{
    uintptr_t expect = m;
    if (__atomic_load_n(&g->solo.m, __ATOMIC_ACQUIRE) != m || g->solo.write != write)
        return false;
    return __atomic_compare_exchange_n(&g->solo.m, &expect, 0, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}
