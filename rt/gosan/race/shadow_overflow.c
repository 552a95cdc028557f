/* shadow_overflow.c - the side table of crowded granules (shadow_overflow.h).
 *
 * The check of a linked granule is the check of its inline cells (access.c)
 * continued over the entry's cells, with the same lock-free plain loads
 * and stores.  Entries are handed out under one spin lock, taken only when
 * a granule spills for the first time.  The newest access is kept inline
 * where it can (a record moves to the entry to make room), so a goroutine's
 * repeated accesses within one epoch stay on the inlined fast path.
 */
#include "shadow_overflow.h"

#include "access.h"
#include "cell_order.h"
#include "internal_alloc.h"
#include "spinlock.h"

typedef struct ovf_entry {
    uint64_t tag; /* the granule's address / 16 | its generation's bits; 0: free */
    gs_cell cell[GS_OVF_CELLS];
    uint32_t node[GS_OVF_CELLS];
} ovf_entry;
_Static_assert(sizeof(ovf_entry) == 128, "an entry is two cache lines");

static ovf_entry *ovf_table; /* GS_OVF_ENTRIES entries, mapped at the first spill; [0] unused */
static uint32_t ovf_handed; /* entries handed out so far (under ovf_lock) */
static gs_splock ovf_lock = GS_SPLOCK_INIT;

#define ACC_KIND (GS_ACC_READ | GS_ACC_ATOMIC)

static inline uint64_t ovf_tag(uintptr_t addr, uint64_t gen)
{
    return ((addr & ~(uintptr_t)(GS_GRANULE - 1)) >> 4) | gen;
}

static inline uint64_t ovf_link(uint32_t idx, uint64_t gen)
{
    return gen | GS_OVF_LINK_KIND | idx;
}

/* The entry link leads to from the granule at addr, or NULL when the link
 * is stale (the entry was given to another granule). */
static ovf_entry *ovf_entry_of(uint64_t link, uintptr_t addr)
{
    ovf_entry *tab = __atomic_load_n(&ovf_table, __ATOMIC_ACQUIRE);
    uint32_t idx = gs_acc_epoch(link);
    if (!tab || !idx || idx >= GS_OVF_ENTRIES)
        return NULL;
    ovf_entry *e = &tab[idx];
    return __atomic_load_n(&e->tag, __ATOMIC_ACQUIRE) == ovf_tag(addr, link & GS_ACC_GEN_BITS) ? e : NULL;
}

/* How much a record is worth keeping when one must go: what later accesses
 * it can race with (an atomic read only plain writes, a plain write
 * everything), then whether it is unordered with the current access (an
 * access the current goroutine has seen was likely seen by the others
 * synchronising with it too). */
static inline unsigned kind_rank(uint64_t v)
{
    return (v & GS_ACC_ATOMIC ? 0 : 2) + (v & GS_ACC_READ ? 0 : 1);
}

static inline unsigned keep_rank(const gs_thr *t, uint64_t v, unsigned my_sid)
{
    return kind_rank(v) * 2 + !gs_cell_before(t, v, my_sid);
}

static inline void put_inline(gs_cell *c, unsigned i, uint64_t v, uintptr_t addr, uint32_t node)
{
    uint32_t *np = gs_shadow_node(addr, i);
    uint32_t old = __atomic_load_n(np, __ATOMIC_RELAXED);
    __atomic_store_n(&c[i], v, __ATOMIC_RELAXED);
    if (old != node)
        __atomic_store_n(np, node, __ATOMIC_RELAXED);
}

/* Stores v into entry e's cell j.  If e went to another granule meanwhile
 * (only when the table is full), the record is taken back: left there, it
 * would be compared with the other granule's accesses. */
static inline void put_entry(ovf_entry *e, uint64_t tag, unsigned j, uint64_t v, uint32_t node)
{
    __atomic_store_n(&e->node[j], node, __ATOMIC_RELAXED);
    __atomic_store_n(&e->cell[j], v, __ATOMIC_RELAXED);
    if (__atomic_load_n(&e->tag, __ATOMIC_ACQUIRE) != tag)
        __atomic_compare_exchange_n(&e->cell[j], &v, 0, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}

/* An inline cell other than the link, for cur to take after its record
 * moves to the entry: rotates with the epoch, so no one record stays
 * inline forever. */
static inline unsigned inline_spare(unsigned li, uint64_t cur)
{
    unsigned k = gs_acc_epoch(cur) % (GS_CELLS - 1);
    return k >= li ? k + 1 : k;
}

/* Records cur in entry cell j, keeping it inline: the record of inline
 * cell k moves to cell j and cur takes its place. */
static void put_keep_inline(gs_cell *c, unsigned li, ovf_entry *e, uint64_t tag, unsigned j, uint64_t cur,
                            uintptr_t addr, uint32_t node)
{
    unsigned k = inline_spare(li, cur);
    uint64_t moved = __atomic_load_n(&c[k], __ATOMIC_RELAXED);
    put_entry(e, tag, j, moved, __atomic_load_n(gs_shadow_node(addr, k), __ATOMIC_RELAXED));
    put_inline(c, k, cur, addr, node);
}

/* Folds cur into an inline cell of the same slot, epoch, kind and call
 * node (access.c's merge, before a record moves for it). */
static bool merge_inline(gs_cell *c, const uint64_t *seen, unsigned li, uint64_t cur, uintptr_t addr,
                         uint32_t node)
{
    for (unsigned i = 0; i < GS_CELLS; i++)
        if (i != li && gs_cell_mergeable(seen[i], cur) &&
            __atomic_load_n(gs_shadow_node(addr, i), __ATOMIC_RELAXED) == node) {
            __atomic_store_n(&c[i], seen[i] | cur, __ATOMIC_RELAXED);
            return true;
        }
    return false;
}

static void forget_set(gs_cell *cells, unsigned set)
{
    for (; set; set &= set - 1)
        __atomic_store_n(&cells[__builtin_ctz(set)], 0, __ATOMIC_RELAXED);
}

/* Every record of the granule is needed and every cell is taken: cur goes
 * over the record least worth keeping, or nowhere if that is cur. */
static void put_evicting(const gs_thr *t, gs_cell *c, const uint64_t *seen, unsigned li, ovf_entry *e,
                         uint64_t tag, const uint64_t *ov, uint64_t cur, uintptr_t addr, uint32_t node)
{
    const unsigned my_sid = gs_acc_sid(cur);
    unsigned best = kind_rank(cur) * 2 + 1; /* as an unordered record: ties keep the older */
    int victim = -1;                           /* 0..3 inline, 4.. entry */
    for (unsigned i = 0; i < GS_CELLS; i++) {
        unsigned r = keep_rank(t, seen[i], my_sid);
        if (i != li && r < best) {
            best = r;
            victim = (int)i;
        }
    }
    for (unsigned j = 0; j < GS_OVF_CELLS; j++) {
        unsigned r = keep_rank(t, ov[j], my_sid);
        if (r < best) {
            best = r;
            victim = (int)(GS_CELLS + j);
        }
    }
    if (victim < 0)
        return;
    if (victim < (int)GS_CELLS)
        put_inline(c, (unsigned)victim, cur, addr, node);
    else
        put_keep_inline(c, li, e, tag, (unsigned)victim - GS_CELLS, cur, addr, node);
}

bool gs_ovf_check(gs_thr *t, gs_cell *c, const uint64_t *seen, unsigned li, uint64_t cur, uintptr_t addr,
                  uintptr_t pc, uint32_t node, unsigned inl_covered, int inl_empty, uint64_t mine)
{
    const uint64_t gen = cur & GS_ACC_GEN_BITS, m = cur & GS_ACC_MASK_BITS;
    const unsigned my_sid = gs_acc_sid(cur);
    ovf_entry *e = ovf_entry_of(seen[li], addr);
    if (!e) { /* a stale link: an empty cell */
        unsigned i = inl_covered ? (unsigned)__builtin_ctz(inl_covered) : inl_empty >= 0 ? (unsigned)inl_empty : li;
        forget_set(c, inl_covered & ~(1u << i));
        put_inline(c, i, cur, addr, node);
        return true;
    }
    const uint64_t tag = ovf_tag(addr, gen);
    uint64_t ov[GS_OVF_CELLS];
    unsigned covered = 0;
    int empty = -1;
    for (unsigned j = 0; j < GS_OVF_CELLS; j++) {
        uint64_t v = __atomic_load_n(&e->cell[j], __ATOMIC_RELAXED);
        ov[j] = v;
        if ((v & GS_ACC_GEN_BITS) != gen) {
            if (empty < 0)
                empty = (int)j;
            continue;
        }
        if (gs_cell_same_epoch(v, cur)) {
            mine |= v & m;
            if (mine == m)
                return true; /* recorded by now */
        }
        if (gs_cell_before(t, v, my_sid)) {
            if (gs_cell_covered(v, cur))
                covered |= 1u << j;
            continue;
        }
        if (!gs_cell_conflicts(v, cur))
            continue;
        gs_cell_copy old = {v, __atomic_load_n(&e->node[j], __ATOMIC_RELAXED)};
        if (__atomic_load_n(&e->tag, __ATOMIC_ACQUIRE) != tag)
            return true; /* the entry went to another granule while we read it: not ours */
        gs_race_found(t, old, cur, addr, pc);
        return false;
    }
    if (inl_covered) {
        unsigned i = (unsigned)__builtin_ctz(inl_covered);
        forget_set(c, inl_covered & ~(1u << i));
        forget_set(e->cell, covered);
        put_inline(c, i, cur, addr, node);
    } else if (inl_empty >= 0) {
        forget_set(e->cell, covered);
        put_inline(c, (unsigned)inl_empty, cur, addr, node);
    } else if (covered) {
        unsigned j = (unsigned)__builtin_ctz(covered);
        forget_set(e->cell, covered & ~(1u << j));
        put_keep_inline(c, li, e, tag, j, cur, addr, node);
    } else if (!merge_inline(c, seen, li, cur, addr, node)) {
        if (empty >= 0)
            put_keep_inline(c, li, e, tag, (unsigned)empty, cur, addr, node);
        else
            put_evicting(t, c, seen, li, e, tag, ov, cur, addr, node);
    }
    return true;
}

/* Whether entry idx is still some granule's (its granule links to it). */
static bool entry_live(const ovf_entry *tab, uint32_t idx, uint64_t gen)
{
    uint64_t tag = __atomic_load_n(&tab[idx].tag, __ATOMIC_RELAXED);
    if (!tag || (tag & GS_ACC_GEN_BITS) != gen)
        return false;
    const gs_cell *c = gs_shadow_cells_fast((uintptr_t)((tag & ~GS_ACC_GEN_BITS) << 4));
    if (!c)
        return false;
    for (unsigned i = 0; i < GS_CELLS; i++)
        if (__atomic_load_n(&c[i], __ATOMIC_RELAXED) == ovf_link(idx, gen))
            return true;
    return false;
}

/* An entry for a new link, emptied (under ovf_lock): the next one not in
 * use, looking a few ahead; past that the oldest one is taken anyway. */
static uint32_t take_entry(ovf_entry *tab, uint64_t gen)
{
    uint32_t idx = 0;
    for (unsigned probe = 0; probe < 8; probe++) {
        idx = 1 + ovf_handed++ % (GS_OVF_ENTRIES - 1);
        if (!entry_live(tab, idx, gen))
            break;
    }
    ovf_entry *e = &tab[idx];
    __atomic_store_n(&e->tag, 0, __ATOMIC_RELEASE); /* stale readers stop trusting it first */
    for (unsigned j = 0; j < GS_OVF_CELLS; j++)
        __atomic_store_n(&e->cell[j], 0, __ATOMIC_RELAXED);
    return idx;
}

bool gs_ovf_spill(gs_cell *c, const uint64_t *seen, uint64_t cur, uintptr_t addr, uint32_t node)
{
    const uint64_t gen = cur & GS_ACC_GEN_BITS;
    const unsigned li = GS_OVF_LINK_CELL, ki = GS_CELLS - 2; /* cur takes cell 2 */
    gs_splock_lock(&ovf_lock);
    ovf_entry *tab = ovf_table;
    if (!tab) {
        tab = gs_mmap_or_die((size_t)GS_OVF_ENTRIES * sizeof(ovf_entry), "shadow overflow table");
        __atomic_store_n(&ovf_table, tab, __ATOMIC_RELEASE);
    }
    uint32_t idx = take_entry(tab, gen);
    ovf_entry *e = &tab[idx];
    e->cell[0] = seen[li];
    e->node[0] = __atomic_load_n(gs_shadow_node(addr, li), __ATOMIC_RELAXED);
    e->cell[1] = __atomic_load_n(&c[ki], __ATOMIC_RELAXED);
    e->node[1] = __atomic_load_n(gs_shadow_node(addr, ki), __ATOMIC_RELAXED);
    __atomic_store_n(&e->tag, ovf_tag(addr, gen), __ATOMIC_RELEASE);
    uint64_t expect = seen[li];
    bool linked = __atomic_compare_exchange_n(&c[li], &expect, ovf_link(idx, gen), false, __ATOMIC_RELEASE,
                                              __ATOMIC_RELAXED);
    if (!linked)
        __atomic_store_n(&e->tag, 0, __ATOMIC_RELAXED); /* free again */
    gs_splock_unlock(&ovf_lock);
    if (linked)
        put_inline(c, ki, cur, addr, node); /* cell 2's record is in the entry already */
    return linked;
}
