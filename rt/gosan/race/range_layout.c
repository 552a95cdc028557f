/* range_layout.c - the loop-range call sites' element layouts (range_layout.h).
 *
 * An open-addressed table of pcs, filled with compare-and-swap; an entry's
 * layout word is written after its key and only ever moves to "no phase".
 * When the table is full a site is simply not remembered (its reports show
 * granule bytes).  Sites are few: one per hoisted run in the program text.
 */
#include "range_layout.h"

#define SITES 4096u                 /* power of two */
#define NO_PHASE 0xffffffffu

typedef struct elem_site {
    uintptr_t pc;
    uint64_t layout; /* elem << 32 | phase (NO_PHASE: inconsistent), 0: not yet */
} elem_site;

static elem_site sites[SITES];

static elem_site *find(uintptr_t pc, bool insert)
{
    unsigned h = (unsigned)((pc * 0x9e3779b97f4a7c15ull) >> 52);
    for (unsigned i = 0; i < SITES; i++) {
        elem_site *s = &sites[(h + i) & (SITES - 1)];
        uintptr_t k = __atomic_load_n(&s->pc, __ATOMIC_ACQUIRE);
        if (k == pc)
            return s;
        if (k)
            continue;
        if (!insert)
            return NULL;
        if (__atomic_compare_exchange_n(&s->pc, &k, pc, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) || k == pc)
            return s;
    }
    return NULL;
}

void gs_elem_site_note(uintptr_t pc, size_t elem, uintptr_t base)
{
    if (!elem || elem > 0xffffffffu)
        return;
    uint64_t want = (uint64_t)elem << 32 | (uint32_t)(base % elem);
    elem_site *s = find(pc, true);
    if (!s)
        return;
    uint64_t have = __atomic_load_n(&s->layout, __ATOMIC_RELAXED);
    if (have == want)
        return; /* the common case: the site's layout is known */
    if (!have && __atomic_compare_exchange_n(&s->layout, &have, want, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
        return;
    if (have != want)
        __atomic_store_n(&s->layout, (uint64_t)elem << 32 | NO_PHASE, __ATOMIC_RELAXED);
}

bool gs_elem_site_element(uintptr_t pc, uintptr_t byte, uintptr_t *start, unsigned *size)
{
    elem_site *s = find(pc, false);
    uint64_t layout = s ? __atomic_load_n(&s->layout, __ATOMIC_RELAXED) : 0;
    uint32_t elem = (uint32_t)(layout >> 32), phase = (uint32_t)layout;
    if (!elem || phase == NO_PHASE)
        return false;
    *start = byte - (byte - phase) % elem;
    *size = elem;
    return true;
}
