/* access.c - the instrumentation entry points for plain memory accesses
 * (__gosan_readN, __gosan_writeN, unaligned, ranges, loop elements, masked
 * lanes, gathers and scatters),
 * function entry/exit, and the range check the libc interceptors use.
 *
 * The pc recorded for an access is the return address of the entry point
 * minus one: an address inside the call instruction, which carries the
 * access's source location.
 */
#include "access.h"

#include "cell_order.h"
#include "gosan_abi.h"
#include "heap_shadow.h"
#include "range_layout.h"
#include "shadow_overflow.h"
#include "uaf_report.h"

#define RET_PC() ((uintptr_t)__builtin_return_address(0) - 1)

/* Empties the covered cells in the set (beyond the one cur replaces), so
 * their room goes to concurrent accesses.  A plain store, like the store
 * over a replaceable cell: a concurrent access written into one of them
 * since the scan can be lost, which loses history (as TSan's stores do),
 * not a first access (those go into empty cells with a compare-and-swap).
 * A locked instruction here would wait for every store before it, the
 * shadow line just taken from the other processor among them. */
static void forget_covered(gs_cell *c, unsigned set)
{
    for (; set; set &= set - 1)
        __atomic_store_n(&c[__builtin_ctz(set)], 0, __ATOMIC_RELAXED);
}

/* Folds cur into a cell of the same slot, epoch, kind and call node (seen[]
 * as read; all cells full).  Whether it found one. */
static bool merge_same_node(gs_cell *c, const uint64_t *seen, uint64_t cur, uintptr_t addr, uint32_t node)
{
    for (unsigned i = 0; i < GS_CELLS; i++)
        if (gs_cell_mergeable(seen[i], cur) &&
            __atomic_load_n(gs_shadow_node(addr, i), __ATOMIC_RELAXED) == node) {
            __atomic_store_n(&c[i], seen[i] | cur, __ATOMIC_RELAXED);
            return true;
        }
    return false;
}

/* The slow part of gs_check_cells (access.h).
 *
 * Two goroutines checking the same granule at once must not both miss the
 * other: the call node is interned before the scan (its first use can take
 * a page fault, which would hold the window between scan and store open),
 * and the first access to a fresh granule (all four cells empty: memory
 * nobody has touched since it was allocated or since the last reset) is
 * stored with a compare-and-swap, so two first accesses that both saw it
 * fresh do not overwrite each other: the loser scans again and finds the
 * winner.  Every other store is plain, as in TSan: what a store racing
 * with another store into the same cell can lose is one access of a granule
 * that already has history.  (A locked instruction waits for every store
 * before it, among them the shadow lines just taken from the other
 * processor; a compare-and-swap for every empty cell cost pingpong 11%.) */
__attribute__((noinline)) bool gs_check_cells_slow(gs_thr *t, gs_cell *c, uint64_t cur, uintptr_t addr,
                                                  uintptr_t pc)
{
    const uint64_t gen = cur & GS_ACC_GEN_BITS, m = cur & GS_ACC_MASK_BITS;
    const unsigned my_sid = gs_acc_sid(cur);
    if (__builtin_expect(gs_cell_is_freed(__atomic_load_n(&c[0], __ATOMIC_RELAXED), cur), 0)) {
        gs_heap_uaf_found(t, c, cur, addr, pc); /* ordered or not, as in TSan */
        return false;
    }
    __builtin_prefetch(gs_shadow_node(addr, 0), 0);
    __builtin_prefetch(gs_shadow_node(addr, 2), 0); /* dropped where never touched */
    const uint32_t node = gs_node_intern(gs_thr_stack_node(t), pc);
    for (unsigned attempt = 0;; attempt++) {
        int empty = -1;
        bool fresh = true; /* no cell of the current generation */
        unsigned covered = 0; /* cells cur may replace, as a bit set */
        uint64_t mine = 0; /* bytes this very access (or a stronger one) holds */
        uint64_t seen[GS_CELLS];
        for (unsigned i = 0; i < GS_CELLS; i++) {
            uint64_t v = __atomic_load_n(&c[i], __ATOMIC_RELAXED);
            seen[i] = v;
            if ((v & GS_ACC_GEN_BITS) != gen) {
                if (empty < 0)
                    empty = (int)i;
                continue;
            }
            fresh = false;
            if (gs_cell_same_epoch(v, cur)) {
                /* this epoch's own access, as strong, to some of the bytes */
                mine |= v & m;
                if (mine == m)
                    return true; /* recorded by now: a retry, or a 16-byte read of two 8-byte writes */
            }
            if (gs_cell_before(t, v, my_sid)) { /* a link never is (slot 0 is 0 in every clock), */
                if (gs_cell_covered(v, cur))
                    covered |= 1u << i;
                continue;
            }
            if (!(v & m) || (cur & v & (GS_ACC_READ | GS_ACC_ATOMIC)))
                continue; /* other bytes (a link has none); or two reads, or two atomics: never a race */
            gs_cell_copy old = {v, __atomic_load_n(gs_shadow_node(addr, i), __ATOMIC_RELAXED)};
            gs_race_found(t, old, cur, addr, pc);
            return false;
        }
        if (__builtin_expect(gs_cell_is_link_of(seen[GS_OVF_LINK_CELL], gen), 0))
            return gs_ovf_check(t, c, seen, GS_OVF_LINK_CELL, cur, addr, pc, node, covered, empty, mine);
        int store;
        if (covered) {
            store = __builtin_ctz(covered);
            forget_covered(c, covered & (covered - 1));
        } else if (empty >= 0) {
            store = empty;
        } else if (attempt < 3) { /* four records cur may not replace: keep them all */
            if (merge_same_node(c, seen, cur, addr, node) || gs_ovf_spill(c, seen, cur, addr, node))
                return true;
            continue; /* the cells changed meanwhile */
        } else { /* the cells keep changing under us: overwrite one, as TSan does */
            store = (int)((gs_acc_epoch(cur) ^ (pc >> 3)) & (GS_CELLS - 1));
        }
        gs_cell *cs = &c[store];
        uint64_t expect = seen[store];
        /* The node is read before the cell is written: read after, it could
         * wait for that store when the two addresses agree in their low 12
         * bits (4K aliasing: cells and nodes are laid out alike). */
        uint32_t *np = gs_shadow_node(addr, (unsigned)store);
        uint32_t old_node = __atomic_load_n(np, __ATOMIC_RELAXED);
        if (!fresh || attempt >= 3) { /* attempt >= 3: contention; keep the access */
            __atomic_store_n(cs, cur, __ATOMIC_RELAXED);
        } else if (!__atomic_compare_exchange_n(cs, &expect, cur, false, __ATOMIC_RELAXED,
                                                __ATOMIC_RELAXED)) {
            continue; /* someone took it since the scan: check against them */
        }
        if (old_node != node)
            __atomic_store_n(np, node, __ATOMIC_RELAXED);
        return true;
    }
}

__attribute__((noinline)) void gs_access_slow(uintptr_t addr, size_t size, uint64_t kind, uintptr_t pc)
{
    gs_access_thr(gs_thr_current(), addr, size, kind, pc);
}

/* Whether some cell of the granule holds an access that a write of the
 * bytes in cur's mask, now, would race with (or might: the full check in
 * gs_check_cells_slow decides and reports). */
static bool cells_may_race_write(const gs_thr *t, const gs_cell *c, uint64_t cur)
{
    const uint64_t gen = cur & GS_ACC_GEN_BITS, m = cur & GS_ACC_MASK_BITS;
    const unsigned my_sid = gs_acc_sid(cur);
    for (unsigned i = 0; i < GS_CELLS; i++) {
        uint64_t v = __atomic_load_n(&c[i], __ATOMIC_RELAXED);
        if ((v & GS_ACC_GEN_BITS) == gen && (v & m) && !gs_cell_before(t, v, my_sid))
            return true;
        if (gs_cell_is_link_of(v, gen))
            return true; /* its entry may hold such an access */
    }
    return false;
}

/* Checks [addr, addr+size) granule by granule; records it unless `forget`
 * (a free: the caller clears the history right after, so only a race
 * matters).  One report per call: after it, the rest is recorded silently
 * (or, for a free, not looked at). */
static void access_walk(gs_thr *t, uintptr_t addr, size_t size, uint64_t kind, uintptr_t pc, bool forget)
{
    if (!size || !t)
        return;
    if (!__atomic_load_n(&t->fast, __ATOMIC_RELAXED) || t->gen != __atomic_load_n(&gs_gen, __ATOMIC_RELAXED))
        if (!gs_thr_prepare(t))
            return;
    uint64_t fast = __atomic_load_n(&t->fast, __ATOMIC_RELAXED);
    if (!fast)
        return;
    bool reported = false;
    uintptr_t end = addr + size;
    while (addr < end) {
        gs_cell *c = gs_shadow_cells(addr);
        if (!c)
            return;
        /* granules of one region have consecutive cells: translate once */
        uintptr_t region_end = ((addr >> GS_REGION_BITS) + 1) << GS_REGION_BITS;
        uintptr_t stop = end < region_end ? end : region_end;
        for (; addr < stop; c += GS_CELLS) {
            unsigned off = (unsigned)addr & (GS_GRANULE - 1);
            unsigned len = GS_GRANULE - off;
            if (len > stop - addr)
                len = (unsigned)(stop - addr);
            uint64_t cur = fast | kind | ((uint64_t)(((1u << len) - 1) << off) << GS_ACC_MASK_SHIFT);
            if (forget) {
                if (cells_may_race_write(t, c, cur) && !gs_check_cells_slow(t, c, cur, addr, pc))
                    return;
            } else if (!gs_cells_have(c, cur)) {
                if (!reported)
                    reported = !gs_check_cells_slow(t, c, cur, addr, pc);
                else
                    gs_record_cells(t, c, cur, addr, pc);
            }
            addr += len;
        }
    }
}

void gs_access_thr(gs_thr *t, uintptr_t addr, size_t size, uint64_t kind, uintptr_t pc)
{
    access_walk(t, addr, size, kind, pc, false);
}

void gs_check_free(gs_thr *t, uintptr_t addr, size_t size, uintptr_t pc)
{
    access_walk(t, addr, size, GS_K_WRITE, pc, true);
}

/* Stores the access without checking (the rest of a range that raced):
 * into the first empty cell, else over a victim. */
void gs_record_cells(gs_thr *t, gs_cell *c, uint64_t cur, uintptr_t addr, uintptr_t pc)
{
    if (gs_cell_is_freed(__atomic_load_n(&c[0], __ATOMIC_RELAXED), cur))
        return; /* a freed granule keeps its group whole */
    unsigned i = (unsigned)((gs_acc_epoch(cur) ^ (pc >> 3)) & (GS_CELLS - 1));
    for (unsigned j = 0; j < GS_CELLS; j++)
        if ((__atomic_load_n(&c[j], __ATOMIC_RELAXED) & GS_ACC_GEN_BITS) != (cur & GS_ACC_GEN_BITS)) {
            i = j;
            break;
        }
    if (i == GS_OVF_LINK_CELL && gs_cell_is_link_of(__atomic_load_n(&c[i], __ATOMIC_RELAXED), cur & GS_ACC_GEN_BITS))
        i = 0; /* keep the granule's overflow records */
    uint32_t node = gs_node_intern(gs_thr_stack_node(t), pc);
    __atomic_store_n(gs_shadow_node(addr, i), node, __ATOMIC_RELAXED);
    __atomic_store_n(&c[i], cur, __ATOMIC_RELAXED);
}

#define DEF_ACCESS(N)                                                                           \
    void __gosan_read##N(void *a) { gs_access((uintptr_t)a, N, GS_K_READ, RET_PC()); }          \
    void __gosan_write##N(void *a) { gs_access((uintptr_t)a, N, GS_K_WRITE, RET_PC()); }
#define DEF_UNALIGNED(N)                                                                                  \
    void __gosan_unaligned_read##N(void *a) { gs_access((uintptr_t)a, N, GS_K_READ, RET_PC()); }          \
    void __gosan_unaligned_write##N(void *a) { gs_access((uintptr_t)a, N, GS_K_WRITE, RET_PC()); }

DEF_ACCESS(1)
DEF_ACCESS(2)
DEF_ACCESS(4)
DEF_ACCESS(8)
DEF_ACCESS(16)
DEF_UNALIGNED(2)
DEF_UNALIGNED(4)
DEF_UNALIGNED(8)
DEF_UNALIGNED(16)

void __gosan_read_range(void *addr, size_t size)
{
    gs_access_slow((uintptr_t)addr, size, GS_K_READ, RET_PC());
}

void __gosan_write_range(void *addr, size_t size)
{
    gs_access_slow((uintptr_t)addr, size, GS_K_WRITE, RET_PC());
}

static void elems(uintptr_t addr, size_t size, size_t elem, uint64_t kind, uintptr_t pc)
{
    if (size) /* 0: the loop is not entered; the start may be garbage */
        gs_elem_site_note(pc, elem, addr);
    gs_access_slow(addr, size, kind, pc);
}

void __gosan_read_elems(void *addr, size_t size, size_t elem)
{
    elems((uintptr_t)addr, size, elem, GS_K_READ, RET_PC());
}

void __gosan_write_elems(void *addr, size_t size, size_t elem)
{
    elems((uintptr_t)addr, size, elem, GS_K_WRITE, RET_PC());
}

/* The enabled lanes of a masked vector access, each one element: at
 * base + i * elem, or at lanes[i] for a gather or scatter. */
static void check_lanes(uintptr_t base, void *const *lanes, size_t elem, uint64_t mask, uint64_t kind,
                        uintptr_t pc)
{
    gs_thr *t = gs_thr_current();
    for (; mask; mask &= mask - 1) {
        unsigned i = (unsigned)__builtin_ctzll(mask);
        gs_access_thr(t, lanes ? (uintptr_t)lanes[i] : base + i * elem, elem, kind, pc);
    }
}

void __gosan_read_masked(void *addr, size_t elem, uint64_t mask)
{
    check_lanes((uintptr_t)addr, NULL, elem, mask, GS_K_READ, RET_PC());
}

void __gosan_write_masked(void *addr, size_t elem, uint64_t mask)
{
    check_lanes((uintptr_t)addr, NULL, elem, mask, GS_K_WRITE, RET_PC());
}

void __gosan_read_gather(void *const *lanes, size_t elem, uint64_t mask)
{
    check_lanes(0, lanes, elem, mask, GS_K_READ, RET_PC());
}

void __gosan_write_scatter(void *const *lanes, size_t elem, uint64_t mask)
{
    check_lanes(0, lanes, elem, mask, GS_K_WRITE, RET_PC());
}

void __gosan_func_entry(void *caller_pc)
{
    gs_thr *t = gs_cur;
    if (__builtin_expect(!t, 0)) {
        t = gs_thr_current();
        if (!t)
            return;
    }
    if (__builtin_expect(t->depth < t->cap, 1))
        t->pcs[t->depth++] = (uintptr_t)caller_pc;
    else
        gs_thr_push_slow(t, (uintptr_t)caller_pc);
}

void __gosan_func_exit(void)
{
    gs_thr *t = gs_cur;
    if (__builtin_expect(t && t->depth, 1)) {
        t->depth--;
        if (t->valid > t->depth)
            t->valid = t->depth;
    }
}
