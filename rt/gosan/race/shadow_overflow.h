/* shadow_overflow.h - more access records for a crowded granule.
 *
 * A granule's 4 cells hold the accesses a later access must be compared
 * with.  When all 4 hold accesses that none of the new access replaces
 * (access.c: a cell replaced must happen before it and be covered by it),
 * one of them would have to go, and with it the race it may have been the
 * only witness of (a racy write next to a field that other goroutines keep
 * updating).  Instead the granule spills: one of its cells becomes a link
 * to an entry of a side table that holds GS_OVF_CELLS more cells and their
 * call nodes, and every later check of the granule scans them too.  Only
 * crowded granules ever pay for it; the inlined fast path never looks.
 *
 * The link cell (always cell 3; current generation, no bytes, READ|ATOMIC,
 * no slot, the entry's index in the epoch field) is told from an access (which always
 * has bytes and a slot) and from a freed granule's tags (READ or ATOMIC
 * alone) by its bits; a link of an older generation is empty like any
 * other stale cell.
 *
 * Invariants: an entry belongs to the granule and generation in its tag; a
 * link whose entry has another tag is stale (its entry was recycled) and
 * reads as empty.  The table has GS_OVF_ENTRIES entries (128 bytes each,
 * committed as used); when all are taken, an entry whose granule no longer
 * links to it is reused first, else the oldest one, and its granule loses
 * its spilled records: the only eviction left.
 */
#ifndef GOSAN_SHADOW_OVERFLOW_H
#define GOSAN_SHADOW_OVERFLOW_H

#include <stdbool.h>
#include <stdint.h>

#include "shadow.h"
#include "thread_state.h"

#define GS_OVF_CELLS 10u
#define GS_OVF_ENTRIES (1u << 16)

#define GS_ACC_SID_BITS (0xffull << GS_ACC_SID_SHIFT)
#define GS_OVF_LINK_KIND (GS_ACC_READ | GS_ACC_ATOMIC)

/* The cell a granule's link is always in: the check tests that one cell
 * once, after its scan, instead of every cell. */
#define GS_OVF_LINK_CELL (GS_CELLS - 1)

/* Whether cell word v is a link of generation gen (cell bits). */
static inline bool gs_cell_is_link_of(uint64_t v, uint64_t gen)
{
    return (v & (GS_ACC_GEN_BITS | GS_ACC_MASK_BITS | GS_ACC_SID_BITS | GS_OVF_LINK_KIND)) ==
           (gen | GS_OVF_LINK_KIND);
}

/* What a check of a crowded granule came to: a race (reported), cur
 * recorded (or judged the weakest record and left out), or a cell changed
 * between the scan and the store: scan again. */
#define GS_OVF_RACED 0
#define GS_OVF_DONE 1
#define GS_OVF_AGAIN (-1)

/* The stripe lock of the granule at addr, held by every check of a linked
 * granule from its scan of the inline cells on (shadow_overflow.c). */
void gs_ovf_lock(uintptr_t addr);
void gs_ovf_unlock(uintptr_t addr);

/* The scan of the granule's own cells c, made under gs_ovf_lock (seen[] as
 * read, the link at seen[li], li = GS_OVF_LINK_CELL), found no race:
 * compares cur with the entry's cells too, then records cur where
 * access.c's rule puts it (over a covered cell, else in an empty one, else
 * over the weakest record, or nowhere when cur is the weakest), and looks
 * at the inline cells again.  inl_covered: the inline cells cur may
 * replace; inl_empty: the first empty inline cell or -1; mine: the bytes
 * of cur this epoch's own cells hold so far.  Releases the lock. */
int gs_ovf_check(gs_thr *t, gs_cell *c, const uint64_t *seen, unsigned li, uint64_t cur, uintptr_t addr,
                 uintptr_t pc, uint32_t node, unsigned inl_covered, int inl_empty, uint64_t mine);

/* All four cells hold records cur may not replace (seen[] as read): moves
 * two of them into a new entry, links it, records cur in the other's
 * place, and looks at the cells again. */
int gs_ovf_spill(gs_thr *t, gs_cell *c, const uint64_t *seen, uint64_t cur, uintptr_t addr, uintptr_t pc,
                 uint32_t node);

/* cur went into an inline cell after a scan that saw no link, and the link
 * is there now (link): compares cur with every cell of its entry.  False
 * when it raced (reported). */
bool gs_ovf_recheck_entry(gs_thr *t, uint64_t link, uint64_t cur, uintptr_t addr, uintptr_t pc);

/* A read stored into an inline cell of a linked granule without the
 * stripe lock (access.c: over a record of its own that it covers), after
 * its second look at the inline cells: whether every write its entry may
 * hold happens before it (the entry's write note, shadow_overflow.c).
 * True: no record there races with it; false: compare it with the entry
 * (gs_ovf_recheck_entry). */
bool gs_ovf_writes_before(const gs_thr *t, uint64_t link, uint64_t cur, uintptr_t addr);

/* The same for a write stored that way: whether every record its entry may
 * hold (reads and atomics too) happens before it. */
bool gs_ovf_all_before(const gs_thr *t, uint64_t link, uint64_t cur, uintptr_t addr);

#endif
