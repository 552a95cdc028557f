/* lock_order_groups.h - lock-order reports grouped by code locations.
 *
 * A program that takes many mutex pairs in inverted orders from the same
 * two places (a table of mutexes, per-object locks) has one bug, not one
 * per pair.  A cycle's shape is the set of stacks of its acquisitions
 * (where each edge's mutexes were taken), not its mutexes: the first cycle
 * of a shape is reported, later ones with other mutexes are counted, and
 * the count is printed at exit beside the count line:
 *   gosan: the lock-order inversion reported at FILE:LINE in FN was seen
 *   between N different sets of mutexes; reported once
 * With report_dedup=0 every cycle is reported.
 */
#ifndef GOSAN_LOCK_ORDER_GROUPS_H
#define GOSAN_LOCK_ORDER_GROUPS_H

#include <stdbool.h>
#include <stdint.h>

#include "stackdepot.h"

/* A cycle of shape `shape` (a hash of its acquisition stacks) was found
 * between a set of mutexes not seen before.  True for the first of its
 * shape, which the caller reports: `top` (the stack its SUMMARY names)
 * names it in the exit note.  Otherwise counts it and returns false. */
bool gs_lo_group_first(uint64_t shape, gs_stack_id top);

#endif
