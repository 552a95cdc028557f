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

#include "atomic_record.h"
#include "cell_order.h"
#include "gosan_abi.h"
#include "heap_shadow.h"
#include "range_layout.h"
#include "range_memo.h"
#include "shadow_overflow.h"
#include "uaf_report.h"

#define RET_PC() ((uintptr_t)__builtin_return_address(0) - 1)

/* Whether v, a cell value the scan did not see (stored since by another
 * access, also in its window between scan and store), races with cur:
 * then it is reported, as the scan would have. */
static bool unseen_races(gs_thr *t, uint64_t v, unsigned i, uint64_t cur, uintptr_t addr, uintptr_t pc)
{
    if ((v & GS_ACC_GEN_BITS) != (cur & GS_ACC_GEN_BITS) || gs_cell_before(t, v, gs_acc_sid(cur)) ||
        !gs_cell_conflicts(v, cur))
        return false; /* a link or freed marker has no bytes: never conflicts */
    gs_cell_copy old = {v, __atomic_load_n(gs_shadow_node(addr, i), __ATOMIC_RELAXED)};
    gs_race_found(t, old, cur, addr, pc);
    return true;
}

/* After cur went into cell `store` (its compare-and-swap, or the exchange
 * that returned `replaced`): empties the other covered cells in `forget`
 * (their room goes to later accesses), and compares cur with every cell
 * that changed since the scan.  Two accesses in their windows at once
 * each store with a locked instruction, then read the others: the second
 * store in the locked instructions' order sees the first (a first-come
 * store into the same cell makes the second one's compare-and-swap fail),
 * so one of the two always finds the other.  Without this, two goroutines
 * whose scans both came before both stores never saw each other: a race
 * lost (test/race/concurrent_window.c).  Emptying a cell is a
 * compare-and-swap too, so it never erases an access stored there since
 * the scan.  Returns false when it found (and reported) a race; cur stays
 * recorded. */
static bool recheck_after_store(gs_thr *t, gs_cell *c, const uint64_t *seen, unsigned store,
                                uint64_t replaced, unsigned forget, uint64_t cur, uintptr_t addr,
                                uintptr_t pc)
{
    if (replaced != seen[store] && unseen_races(t, replaced, store, cur, addr, pc))
        return false;
    for (unsigned i = 0; i < GS_CELLS; i++) {
        if (i == store)
            continue;
        uint64_t v;
        if (!gs_cell_changed_since_scan(c, i, seen[i], forget & (1u << i), &v))
            continue;
        if (unseen_races(t, v, i, cur, addr, pc))
            return false;
        if (i == GS_OVF_LINK_CELL && gs_cell_is_link_of(v, cur & GS_ACC_GEN_BITS) &&
            !gs_ovf_recheck_entry(t, v, cur, addr, pc))
            return false; /* the granule spilled since the scan: what it saw inline may be there now */
    }
    return true;
}

/* Folds cur into a cell of the same slot, epoch, kind and call node (seen[]
 * as read; all cells full).  The cell it folded into, -1 if none (or the
 * cell changed meanwhile: the caller scans again). */
static int merge_same_node(gs_cell *c, const uint64_t *seen, uint64_t cur, uintptr_t addr, uint32_t node)
{
    for (unsigned i = 0; i < GS_CELLS; i++)
        if (gs_cell_mergeable(seen[i], cur) &&
            __atomic_load_n(gs_shadow_node(addr, i), __ATOMIC_RELAXED) == node) {
            uint64_t expect = seen[i];
            return __atomic_compare_exchange_n(&c[i], &expect, seen[i] | cur, false, __ATOMIC_SEQ_CST,
                                               __ATOMIC_RELAXED)
                       ? (int)i
                       : -1;
        }
    return -1;
}

/* Whether a read of a linked granule (a crowded one, shadow_overflow.h)
 * may skip the stripe lock: it replaces an inline record of its own that
 * it covers (its read of these bytes at an earlier epoch: a goroutine
 * re-reading a shared global after each release), as an access whose scan
 * came before the link would, and then the entry is checked after the
 * store, not before: by its write note when every write there happens
 * before the read (gs_ovf_writes_before), else under the lock
 * (gs_ovf_recheck_entry).  Sound for the reason an access that scanned
 * before the link is: a record that reached the entry before the note was
 * read is in the note, one that came after was stored after this read's
 * store, and its own second look at the cells finds this read.  Writes
 * and reads with nothing of theirs to replace keep the locked check (a
 * write must be compared with the entry's reads, and the locked check
 * chooses which record moves out).  test/race/crowded_reread.c. */
static inline bool read_past_link(uint64_t cur, unsigned covered)
{
    return (cur & GS_ACC_READ) && covered;
}

/* The slow part of gs_check_cells (access.h).
 *
 * Two goroutines checking the same granule at once must not both miss the
 * other: the call node is interned before the scan (its first use can take
 * a page fault, which would hold the window between scan and store open),
 * the store is a compare-and-swap against the value the scan saw (a cell
 * that changed is scanned again), and the cells are read again after it
 * (recheck_after_store).  A cell that keeps changing is scanned again
 * as often as it takes (every failed compare-and-swap is another access's
 * progress): overwriting one after a few tries, as TSan does, erased a
 * record no one had subsumed.  A linked granule is scanned again, and its
 * entry checked, under its stripe lock (shadow_overflow.c). */
static inline __attribute__((always_inline)) bool check_cells(gs_thr *t, gs_cell *c, uint64_t cur, uintptr_t addr,
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
    bool locked = false; /* the granule's stripe lock (a link was seen): this scan is under it */
    uint64_t link = 0; /* a link this unlocked read saw and stores past (read_past_link) */
    for (;;) {
        int empty = -1;
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
            if (gs_cell_same_epoch(v, cur)) {
                /* this epoch's own access, as strong, to some of the bytes */
                mine |= v & m;
                if (mine == m) { /* recorded by now: a retry, or a 16-byte read of two 8-byte writes */
                    if (locked)
                        gs_ovf_unlock(addr);
                    return true;
                }
            }
            if (gs_cell_before(t, v, my_sid)) { /* a link never is (slot 0 is 0 in every clock), */
                if (gs_cell_covered(v, cur))
                    covered |= 1u << i;
                continue;
            }
            if (!(v & m) || (cur & v & (GS_ACC_READ | GS_ACC_ATOMIC)))
                continue; /* other bytes (a link has none); or two reads, or two atomics: never a race */
            gs_cell_copy old = {v, __atomic_load_n(gs_shadow_node(addr, i), __ATOMIC_RELAXED)};
            if (locked)
                gs_ovf_unlock(addr);
            gs_race_found(t, old, cur, addr, pc);
            return false;
        }
        link = 0;
        if (__builtin_expect(gs_cell_is_link_of(seen[GS_OVF_LINK_CELL], gen), 0)) {
            if (!locked && read_past_link(cur, covered)) {
                link = seen[GS_OVF_LINK_CELL]; /* on to the store; its entry is checked after it */
            } else if (!locked) { /* the entry is checked and changed under the lock: scan again under it */
                gs_ovf_lock(addr);
                locked = true;
                continue;
            } else {
                locked = false; /* gs_ovf_check releases it */
                int done = gs_ovf_check(t, c, seen, GS_OVF_LINK_CELL, cur, addr, pc, node, covered, empty, mine);
                if (done != GS_OVF_AGAIN)
                    return done;
                continue; /* a cell changed meanwhile */
            }
        }
        if (locked) { /* the link is gone (the granule was reset) */
            gs_ovf_unlock(addr);
            locked = false;
        }
        int store;
        if (covered) {
            store = __builtin_ctz(covered);
        } else if (empty >= 0) {
            store = empty;
        } else { /* four records cur may not replace: keep them all */
            int merged = merge_same_node(c, seen, cur, addr, node);
            if (merged >= 0)
                return recheck_after_store(t, c, seen, (unsigned)merged, seen[merged], 0, cur, addr, pc);
            int spilled = gs_ovf_spill(t, c, seen, cur, addr, pc, node);
            if (spilled != GS_OVF_AGAIN)
                return spilled;
            continue; /* the cells changed meanwhile */
        }
        gs_cell *cs = &c[store];
        uint64_t replaced = seen[store];
        /* The node is read before the cell is written: read after, it could
         * wait for that store when the two addresses agree in their low 12
         * bits (4K aliasing: cells and nodes are laid out alike). */
        uint32_t *np = gs_shadow_node(addr, (unsigned)store);
        uint32_t old_node = __atomic_load_n(np, __ATOMIC_RELAXED);
        if (!__atomic_compare_exchange_n(cs, &replaced, cur, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
            continue; /* someone stored there since the scan: check against them */
        if (old_node != node)
            __atomic_store_n(np, node, __ATOMIC_RELAXED);
        if (!recheck_after_store(t, c, seen, (unsigned)store, replaced, covered & ~(1u << store), cur, addr, pc))
            return false;
        return !link || gs_ovf_writes_before(t, link, cur, addr) || gs_ovf_recheck_entry(t, link, cur, addr, pc);
    }
}

/* Then a plain access of a granule whose atomics record themselves aside
 * is compared with those records (atomic_record.h).
 *
 * The program's own access comes right after this returns, and the store's
 * locked compare-and-swap keeps every later load from starting before it
 * completes: the program's cache miss would wait for the shadow's and then
 * take its own turn (in `hashmap`, a random slot of a 16 MB table: a fifth
 * of the checked run).  A prefetch is not ordered with locked instructions
 * (Intel SDM, PREFETCHh), so issued here the two misses overlap, as they
 * do under TSan, whose store is plain.  It never faults; the address is
 * about to be accessed anyway. */
__attribute__((noinline)) bool gs_check_cells_slow(gs_thr *t, gs_cell *c, uint64_t cur, uintptr_t addr,
                                                  uintptr_t pc)
{
    __builtin_prefetch((const void *)addr, 0);
    return check_cells(t, c, cur, addr, pc) && gs_arec_after_plain(t, c, cur, addr, pc);
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
    if (!size)
        return;
    uint64_t fast = gs_thr_fast_word(t);
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
            } else if (!gs_cells_have_together(c, cur)) { /* before the slow path interns a node */
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
    if (i == GS_AREC_CELL && gs_arec_is_mark(__atomic_load_n(&c[i], __ATOMIC_RELAXED), cur & GS_ACC_GEN_BITS))
        i = 0; /* keep the granule's atomic records */
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

/* A loop range: walked unless this goroutine checked it in this epoch
 * already (range_memo.h). */
static void elems(uintptr_t addr, size_t size, size_t elem, uint64_t kind, uintptr_t pc)
{
    if (!size) /* the loop is not entered; the start may be garbage */
        return;
    gs_thr *t = gs_thr_current();
    if (t && gs_range_memo_seen(t, addr, size, kind))
        return;
    gs_elem_site_note(pc, elem, addr);
    gs_access_thr(t, addr, size, kind, pc);
    if (t)
        gs_range_memo_note(t, addr, size, kind);
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
