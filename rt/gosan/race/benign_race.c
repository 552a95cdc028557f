/* benign_race.c - the ranges declared benign (see benign_race.h).
 *
 * A growing array of [lo, hi) ranges in the internal allocator's memory
 * (not in a global of the runtime: the reachability scan reads those as
 * roots, and a range's bounds would look like pointers into the program's
 * memory), guarded by br_lock, a leaf lock: nothing else is taken under it
 * but the allocator.  Programs declare a handful of ranges, so a linear
 * scan on the report path is enough.
 */
#include "benign_race.h"

#include "internal_alloc.h"
#include "spinlock.h"

typedef struct br_range {
    uintptr_t lo, hi;
} br_range;

typedef struct br_list {
    br_range *r;
    size_t n, cap;
} br_list;

static gs_splock br_lock = GS_SPLOCK_INIT;
static br_list *br GS_GUARDED_BY(br_lock);

static bool br_has_locked(uintptr_t lo, uintptr_t hi) GS_REQUIRES(br_lock)
{
    for (size_t i = 0; br && i < br->n; i++)
        if (br->r[i].lo == lo && br->r[i].hi == hi)
            return true;
    return false;
}

void gs_benign_race_add(uintptr_t addr, size_t size)
{
    if (!size || addr + size < addr)
        return;
    gs_splock_lock(&br_lock);
    if (!br)
        br = gs_calloc(1, sizeof *br);
    if (!br_has_locked(addr, addr + size)) {
        if (br->n == br->cap) {
            br->cap = br->cap ? br->cap * 2 : 16;
            br->r = gs_realloc(br->r, br->cap * sizeof *br->r);
        }
        br->r[br->n++] = (br_range){addr, addr + size};
    }
    gs_splock_unlock(&br_lock);
}

bool gs_benign_race_covers(uintptr_t addr, size_t size)
{
    bool hit = false;
    uintptr_t hi = addr + (size ? size : 1);
    gs_splock_lock(&br_lock);
    for (size_t i = 0; br && i < br->n && !hit; i++)
        hit = br->r[i].lo < hi && addr < br->r[i].hi;
    gs_splock_unlock(&br_lock);
    return hit;
}
