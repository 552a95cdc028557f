/* range_memo.h - loop ranges this goroutine already checked in its
 * current epoch, so that a range checked again is not walked again.
 *
 * The plugin checks a synchronisation-free inner loop's accesses with one
 * __gosan_{read,write}_elems call before the loop.  An outer loop then
 * repeats the call, often with the same range (matrix multiply: the row of
 * B for column k is checked again for every row of C), and each call walks
 * every granule of the range.  A range checked by this goroutine in this
 * epoch is recorded in its cells (or was reported), and a second check of
 * the same bytes in the same epoch finds nothing new: the same reasoning
 * as the cells' own "recorded already" test, one range at a time.
 *
 * Invariants: an entry names the goroutine and epoch by the access word
 * template (t->fast: epoch | slot | generation, unique to one goroutine's
 * epoch), so an entry of another goroutine, epoch or reset generation
 * never hits; and by t->frees, so a block this goroutine freed since (and
 * whose later use must be reported as a use after free) is walked again.
 * A free by another goroutine is either a race (reported at the free,
 * against the recorded range) or ordered after a release of this
 * goroutine, which ended the epoch.  A write entry also answers a read of
 * the same range (a write recorded in the cells covers a later read).  The
 * table is per OS thread, direct-mapped, written only by its thread: a
 * goroutine that moved to another thread just misses.
 */
#ifndef GOSAN_RANGE_MEMO_H
#define GOSAN_RANGE_MEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "thread_state.h"

/* Whether t checked [addr, addr+size) as `kind` (or as a write) earlier in
 * its current epoch, on this thread. */
bool gs_range_memo_seen(const gs_thr *t, uintptr_t addr, size_t size, uint64_t kind);

/* t just checked [addr, addr+size) as `kind`. */
void gs_range_memo_note(const gs_thr *t, uintptr_t addr, size_t size, uint64_t kind);

/* This OS thread ends: its table goes, and no new one is made. */
void gs_range_memo_thread_exit(void);

#endif
