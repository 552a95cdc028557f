/* access.h - the FastTrack-style check of one access against the 4 cells
 * of its granule, inlined into every __gosan_read/write entry point.
 *
 * Straight-line fast path, no locks, no calls: (1) a cell identical to this
 * access (same goroutine slot, epoch, bytes, kind) means nothing new to
 * record; (2) otherwise every overlapping cell of the current generation is
 * compared with the goroutine's vector clock, and the access is stored into
 * a replaceable cell (own earlier, weaker-or-equal access of the same
 * bytes), an empty one, or a pseudo-random victim.  Only a race, a cache
 * miss of the call-node cache, or a missing shadow region leaves the line.
 */
#ifndef GOSAN_ACCESS_H
#define GOSAN_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "callnode.h"
#include "shadow.h"
#include "thread_state.h"

/* kind bits, as in the access word */
#define GS_K_WRITE 0ull
#define GS_K_READ GS_ACC_READ
#define GS_K_ATOMIC GS_ACC_ATOMIC

/* race_report.c: reports the race of cur (at addr/size/pc) with the cell copy. */
void gs_race_found(gs_thr *t, gs_cell_copy old, uint64_t cur, uintptr_t addr, uintptr_t pc);

/* Checks and records one access inside one granule, out of line: the
 * comparison with every overlapping cell and the store (below).  Returns
 * false when it raced (reported, not recorded). */
bool gs_check_cells_slow(gs_thr *t, gs_cell *c, uint64_t cur, uintptr_t addr, uintptr_t pc);

/* A cell of this goroutine's epoch, as strong as this access (the same
 * kind, or a write seen by a read) and holding at least its bytes: the
 * access is recorded already.  The bytes may be more than the access's:
 * the allocation of a block is one write of its granules, and then the
 * allocating goroutine's accesses until its next release stay here.
 * Equal outside the mask, and no byte of cur missing from v:
 * ((v | read) ^ cur) & (cur | ~mask) == 0.  (A freed granule's cells have
 * no bytes: never.) */
/* The second look at cell i after an access stored into another cell of
 * the granule: with `forget`, empties it if it still holds `seen` (what the
 * scan read; a compare-and-swap, so an access stored since is never
 * erased), else reads it.  True, with the value in *now, when the cell
 * changed since the scan: an access stored there that the caller must
 * compare itself with.  Shared by the inline check (access.c) and the
 * side table's locked check (shadow_overflow.c). */
static inline bool gs_cell_changed_since_scan(gs_cell *c, unsigned i, uint64_t seen, bool forget, uint64_t *now)
{
    uint64_t v = seen;
    if (forget) {
        if (__atomic_compare_exchange_n(&c[i], &v, 0, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return false;
    } else {
        v = __atomic_load_n(&c[i], __ATOMIC_SEQ_CST);
    }
    *now = v;
    return v != seen;
}

static inline __attribute__((always_inline)) bool gs_cells_have(const gs_cell *c, uint64_t cur)
{
    const uint64_t rd = cur & GS_ACC_READ, care = cur | ~GS_ACC_MASK_BITS;
    for (unsigned i = 0; i < GS_CELLS; i++) {
        uint64_t v = __atomic_load_n(&c[i], __ATOMIC_RELAXED);
        if (!(((v | rd) ^ cur) & care))
            return true;
    }
    return false;
}

/* Whether this goroutine's accesses of its current epoch, each as strong
 * as cur (the same kind, or a write seen by a read), together hold all of
 * cur's bytes: the access is recorded already, as in gs_cells_have, only
 * spread over several cells.  A range check of memory written element by
 * element (one cell per element: a loop's `v[k] = tmp[k]` checked as one
 * range before the loop) stops here, before gs_check_cells_slow interns
 * its call node.  Range walks use it; a single access, whose bytes one
 * cell usually holds, keeps gs_cells_have.
 * Every other cell is left unread, as gs_cells_have leaves it: a racing
 * access stored since ours was checked against ours, or is compared with
 * it by recheck_after_store (access.c).  A freed granule's markers have
 * no bytes: they add none, and the slow path reports the use. */
static inline __attribute__((always_inline)) bool gs_cells_have_together(const gs_cell *c, uint64_t cur)
{
    const uint64_t rd = cur & GS_ACC_READ, m = cur & GS_ACC_MASK_BITS, id = cur & ~GS_ACC_MASK_BITS;
    uint64_t mine = 0;
    for (unsigned i = 0; i < GS_CELLS; i++) {
        uint64_t v = __atomic_load_n(&c[i], __ATOMIC_RELAXED);
        if (((v | rd) & ~GS_ACC_MASK_BITS) == id)
            mine |= v;
    }
    return (mine & m) == m;
}

/* Checks and records one access inside one granule: the inlined "recorded
 * already" test, else the out-of-line comparison.  False when it raced. */
static inline __attribute__((always_inline)) bool gs_check_cells(gs_thr *t, gs_cell *c, uint64_t cur,
                                                                 uintptr_t addr, uintptr_t pc)
{
    return gs_cells_have(c, cur) || gs_check_cells_slow(t, c, cur, addr, pc);
}

/* Any access, out of line: ignores, attaching, granule splits, mapping. */
void gs_access_slow(uintptr_t addr, size_t size, uint64_t kind, uintptr_t pc);

/* An access by t (any goroutine, e.g. a parked one a library call acts for). */
void gs_access_thr(gs_thr *t, uintptr_t addr, size_t size, uint64_t kind, uintptr_t pc);
/* free(): checks [addr, addr+size) as a write without recording it (the
 * caller forgets the block's history right after). */
void gs_check_free(gs_thr *t, uintptr_t addr, size_t size, uintptr_t pc);
/* Records an access in granule cells c without checking it (the rest of a
 * range that raced). */
void gs_record_cells(gs_thr *t, gs_cell *c, uint64_t cur, uintptr_t addr, uintptr_t pc);

/* The common case of every access, inlined into the entry points: the
 * goroutine checks accesses, the granule's shadow exists, and one of its
 * cells already records this very access (or, for a read, the same
 * goroutine's write in the same epoch).  Returns 1 then; 0 when the access
 * must be compared with the cells (*tp, *cp, *curp are set for
 * gs_check_cells_slow); -1 for everything else (gs_access_slow). */
static inline __attribute__((always_inline)) int gs_access_try(uintptr_t addr, unsigned size, uint64_t kind,
                                                                gs_thr **tp, gs_cell **cp, uint64_t *curp)
{
    gs_thr *t = gs_cur;
    if (__builtin_expect(t == NULL, 0))
        return -1;
    uint64_t fast = __atomic_load_n(&t->fast, __ATOMIC_RELAXED);
    unsigned off = (unsigned)addr & (GS_GRANULE - 1);
    gs_cell *c = gs_shadow_cells_fast(addr);
    if (__builtin_expect(!fast || !c || off + size > GS_GRANULE, 0))
        return -1;
    uint64_t cur = fast | kind | ((uint64_t)(((1u << size) - 1) << off) << GS_ACC_MASK_SHIFT);
    if (gs_cells_have(c, cur))
        return 1;
    *tp = t;
    *cp = c;
    *curp = cur;
    return 0;
}

/* An access: the inlined common case, else an out-of-line call.  The pc
 * is an expression evaluated only off the common case, so the entry
 * points need no stack frame for it. */
#define gs_access(addr, size, kind, pc)                                                         \
    do {                                                                                        \
        gs_thr *t_;                                                                             \
        gs_cell *c_;                                                                            \
        uint64_t cur_;                                                                          \
        int r_ = gs_access_try((addr), (size), (kind), &t_, &c_, &cur_);                        \
        if (r_ == 0)                                                                            \
            gs_check_cells_slow(t_, c_, cur_, (addr), (pc));                                    \
        else if (r_ < 0)                                                                        \
            gs_access_slow((addr), (size), (kind), (pc));                                       \
    } while (0)

#endif
