/* wait_cycle.h - mutex wait cycles among goroutines (wait_cycle.c):
 * found at each PRE_LOCK by held_locks.c, reported as `deadlock`.
 */
#ifndef GOSAN_WAIT_CYCLE_H
#define GOSAN_WAIT_CYCLE_H

#include <stddef.h>

#include "held_locks_table.h"

#define GS_WAIT_CYCLE_MAX 16 /* longest wait cycle searched */

/* With gs_hl_lock held, g just started to wait: a cycle of wait edges
 * through g that is a deadlock now (no hand-off on it), copied to
 * path[0..n) with path[0] g's own wait.  Returns n, 0 if none. */
size_t gs_wait_cycle_find(gs_hl_g *g, gs_hl_link path[GS_WAIT_CYCLE_MAX]);
/* The `deadlock` report of cycle c[0..n), after gs_hl_lock is released;
 * exits with exitcode when halt_on_deadlock is set. */
void gs_wait_cycle_report(const gs_hl_link *c, size_t n);

#endif
