/* atomic_record.h - atomics of a granule that an atomic touched first are
 * recorded aside, not in the granule's cells.
 *
 * Atomics never race with atomics, so their records only matter to plain
 * accesses; yet in the cells they crowd the granule (a counter that four
 * goroutines add to holds four records, then spills to the side table and
 * its stripe lock) and each one costs a compare-and-swap and a second look
 * at the cells.  Here the first atomic of a granule whose cells are all
 * empty marks it: cell 1 (GS_AREC_CELL) holds a mark (current generation,
 * no bytes, no slot, READ|ATOMIC like a link, the index of an entry of
 * atomic_record.c with GS_AREC_EPOCH_BIT in the epoch field: never a link,
 * which is always cell 3 and has no such bit).  The mark's entry holds up
 * to GS_AREC_RECS records (cell words, with their call nodes), each owned
 * by one slot: only that slot's goroutine rewrites it, so atomics record
 * without a lock.
 *
 * Then an atomic of the granule (atomic.c):
 *   - finds a record of its own of this epoch holding its bytes: done (its
 *     first record was checked against the cells already);
 *   - else stores itself over an own record it covers (gs_cell_covered),
 *     or claims an empty one, with a sequentially consistent exchange, and
 *     reads the cells after it, comparing itself with every plain record
 *     there (and in the side table, if the granule is linked);
 *   - else (all records taken) is recorded in the cells as usual.
 * A plain access (access.c), after its store into the cells, reads cell 1
 * and, if marked, compares itself with the entry's records.  Both sides
 * store, then read what the other stores (locked instructions): one of
 * the two always sees the other, so a plain access and an atomic in their
 * windows at once still meet (test/race/atomic_record_*.c).
 *
 * Invariants: the mark stays in cell 1 until the granule's history is
 * forgotten (free, reset, clear); nothing moves it (access.c's victim
 * choice and shadow_overflow.c's skip it, spills move cells 2 and 3).  An
 * entry belongs to one mark for ever (entries are not recycled: once all
 * are taken, granules are no longer marked).  Records of an older
 * generation are empty.
 */
#ifndef GOSAN_ATOMIC_RECORD_H
#define GOSAN_ATOMIC_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "shadow.h"
#include "thread_state.h"

#define GS_AREC_CELL 1u
#define GS_AREC_EPOCH_BIT 0x80000000u
#define GS_AREC_RECS 16u

/* Whether cell word v is a mark of generation gen. */
static inline bool gs_arec_is_mark(uint64_t v, uint64_t gen)
{
    return (v & (GS_ACC_GEN_BITS | GS_ACC_MASK_BITS | (0xffull << GS_ACC_SID_SHIFT) | GS_ACC_READ |
                 GS_ACC_ATOMIC | GS_AREC_EPOCH_BIT)) == (gen | GS_ACC_READ | GS_ACC_ATOMIC | GS_AREC_EPOCH_BIT);
}

/* Whether cell word v is a mark of any generation (one that no one may
 * move: shadow_overflow.c). */
static inline bool gs_arec_is_any_mark(uint64_t v)
{
    return gs_arec_is_mark(v, v & GS_ACC_GEN_BITS);
}

/* An atomic access cur (its granule's cells c) that gs_cells_have did not
 * find: true when the granule's entry holds it now (checked against the
 * cells, a race reported); false when the cells must take it
 * (gs_check_cells_slow). */
bool gs_arec_atomic(gs_thr *t, gs_cell *c, uint64_t cur, uintptr_t addr, uintptr_t pc);

/* gs_arec_atomic for a lock object's read (lock_access.h): it marks the
 * granule also when only cells other than GS_AREC_CELL hold accesses (the
 * object's init, its allocation). */
bool gs_arec_lock_object(gs_thr *t, gs_cell *c, uint64_t cur, uintptr_t addr, uintptr_t pc);

/* An atomic access off the inlined path (atomic.c): the goroutine's first
 * (which prepares it: that is often the one that should mark the
 * granule), one of an unmapped region, one across granules. */
void gs_arec_access_slow(uintptr_t addr, unsigned size, uint64_t kind, uintptr_t pc);

/* The plain access cur, stored into a granule marked by mark: compares it
 * with the entry's records.  False when it raced (reported). */
bool gs_arec_check_plain(gs_thr *t, uint64_t mark, uint64_t cur, uintptr_t addr, uintptr_t pc);

/* After a plain access's check of the cells c found no race (access.c):
 * the records of a marked granule.  The cell is read after the access's
 * store (a locked instruction), as the header explains. */
static inline bool gs_arec_after_plain(gs_thr *t, const gs_cell *c, uint64_t cur, uintptr_t addr, uintptr_t pc)
{
    if (cur & GS_ACC_ATOMIC)
        return true; /* atomics never race with atomics */
    uint64_t v = __atomic_load_n(&c[GS_AREC_CELL], __ATOMIC_SEQ_CST);
    if (__builtin_expect(!gs_arec_is_mark(v, cur & GS_ACC_GEN_BITS), 1))
        return true;
    return gs_arec_check_plain(t, v, cur, addr, pc);
}

#endif
