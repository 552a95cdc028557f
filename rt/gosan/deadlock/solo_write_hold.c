/* solo_write_hold.c - plain Mutex holds recorded without gs_hl_lock
 * (solo_write_hold.h): finding a mutex's solo writer.  The hold shares
 * the goroutine's solo record with solo_read_hold.c, which takes,
 * publishes, finds and ends holds of both modes; the protocol on solo.m
 * (stored last with release, ended by a compare-and-swap) is the same.
 */
#include "solo_write_hold.h"

#include "solo_read_hold.h"

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
