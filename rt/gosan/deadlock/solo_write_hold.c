/* solo_write_hold.c - plain Mutex holds recorded without gs_hl_lock
 * (solo_write_hold.h).  The hold shares the goroutine's solo record with
 * solo_read_hold.c, which publishes, finds and takes holds of both modes;
 * the protocol on solo.m (stored last with release, ended by a
 * compare-and-swap) is the same.
 */
#include "solo_write_hold.h"

#include "solo_read_hold.h"

bool gs_hl_solo_pre_lock(gs_thr *t, uintptr_t m, uint32_t (*node_of)(void *), void *pc)
{
    gs_hl_g *g = gs_hl_solo_rec(t);
    if (!g || !gs_hl_solo_allowed(g))
        return false;
    g->solo_pre_node = node_of(pc);
    g->solo_pre_m = m;
    return true;
}

bool gs_hl_solo_locked(gs_thr *t, uintptr_t m, uint32_t (*node_of)(void *), void *pc)
{
    gs_hl_g *g = gs_hl_solo_rec(t);
    if (!g || !gs_hl_solo_allowed(g))
        return false;
    uint32_t node = g->solo_pre_m == m ? g->solo_pre_node : node_of(pc); /* else a try-lock */
    g->solo_pre_m = 0;
    __atomic_store_n(&g->solo.node, node, __ATOMIC_RELAXED);
    g->solo.write = true;
    g->solo.is_rw = false;
    __atomic_store_n(&g->solo.m, m, __ATOMIC_RELEASE);
    return true;
}

bool gs_hl_solo_unlock(gs_thr *t, uintptr_t m)
{
    gs_hl_g *g = gs_hl_solo_rec(t);
    uintptr_t expect = m;
    return g && g->solo.write &&
           __atomic_compare_exchange_n(&g->solo.m, &expect, 0, false, __ATOMIC_RELEASE, __ATOMIC_RELAXED);
}

gs_hl_g *gs_hl_solo_writer(uintptr_t m)
{
    if (!gs_hl_gs)
        return NULL;
    for (uint32_t b = 0; b < GS_HL_BUCKETS; b++)
        for (gs_hl_g *g = gs_hl_gs[b]; g; g = g->next)
            if (gs_hl_solo_find(g, m, true))
                return g;
    return NULL;
}
