/* cell_order.h - how a recorded access (a cell word) relates to the
 * current access of goroutine t: the three judgements the check of a
 * granule makes of every cell, shared by the scan of the granule's own
 * cells (access.c) and of its overflow entry (shadow_overflow.c).
 */
#ifndef GOSAN_CELL_ORDER_H
#define GOSAN_CELL_ORDER_H

#include <stdbool.h>
#include <stdint.h>

#include "shadow.h"
#include "thread_state.h"

/* Whether cell word v is this epoch's own access, as strong as cur (the
 * same kind, or a write seen by a read), whatever its bytes. */
static inline bool gs_cell_same_epoch(uint64_t v, uint64_t cur)
{
    return ((v | (cur & GS_ACC_READ)) & ~GS_ACC_MASK_BITS) == (cur & ~GS_ACC_MASK_BITS);
}

/* Whether the access in cell word v happens before the current access of
 * goroutine t: our own (program order), an earlier owner of our slot we
 * synchronised with, or another slot's access our clock has seen. */
static inline bool gs_cell_before(const gs_thr *t, uint64_t v, unsigned my_sid)
{
    unsigned sid = gs_acc_sid(v);
    gs_epoch e = gs_acc_epoch(v);
    if (sid == my_sid)
        return e >= t->start || e <= t->k;
    return e <= t->clk.e[sid];
}

/* Whether cur may take the place of v, an access that happens before it:
 * cur covers v's bytes and is at least as strong (a write covers a read,
 * a plain access covers an atomic one).  Then any later access that would
 * race with v races with cur too, or raced with v before cur was made (the
 * FastTrack argument), so forgetting v loses no race. */
static inline bool gs_cell_covered(uint64_t v, uint64_t cur)
{
    uint64_t vm = v & GS_ACC_MASK_BITS;
    return !(vm & ~cur) && (!(cur & GS_ACC_READ) || (v & GS_ACC_READ)) &&
           (!(cur & GS_ACC_ATOMIC) || (v & GS_ACC_ATOMIC));
}

/* Whether cur, made at the same call node as v, may be folded into v: the
 * same slot, epoch and kind, so every access races with both or with
 * neither, and the stack a report shows is the same (a loop writing a
 * buffer byte by byte in one epoch fills one cell per granule, not 16). */
static inline bool gs_cell_mergeable(uint64_t v, uint64_t cur)
{
    return !((v ^ cur) & ~GS_ACC_MASK_BITS);
}

/* Whether v and cur, unordered and overlapping, race: not two reads, not
 * two atomics. */
static inline bool gs_cell_conflicts(uint64_t v, uint64_t cur)
{
    return (v & cur & GS_ACC_MASK_BITS) && !(cur & v & (GS_ACC_READ | GS_ACC_ATOMIC));
}

#endif
