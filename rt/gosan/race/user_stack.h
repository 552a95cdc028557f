/* user_stack.h - the program's part of a stack: where the stacks in
 * reports end.
 *
 * As in Go's tracebacks, a report shows the program's frames only: the
 * frames below `main` (libc starting it) and, in a goroutine, those from
 * the library's goroutine entry (gs_stack_is_go_entry) down are cut.  Every
 * function here symbolizes, so it is for reports only, never for hot paths
 * or a stopped world.  Used by the deadlock detectors (deadlock/) for the
 * stacks of their reports and by the goroutine snapshot and dump
 * (goroutines/) for goroutines' stacks.
 */
#ifndef GOSAN_USER_STACK_H
#define GOSAN_USER_STACK_H

#include <stddef.h>
#include <stdint.h>

#include "stackdepot.h"

/* How many frames of a stack (pcs[0] an exact pc, the rest return
 * addresses) are the program's. */
size_t gs_stack_user_depth(const uintptr_t *pcs, size_t n);
/* gs_stack_save of the program's part of pcs (all of it when none is). */
gs_stack_id gs_stack_save_user(const uintptr_t *pcs, size_t n);
/* The program's part of an engine call node's stack, saved in the depot
 * (0 for node 0 or an empty stack). */
gs_stack_id gs_node_user_stack(uint32_t node);

#endif
