/* call_stack.h - a goroutine's current call stack as the engine records it
 * (call nodes from func entry/exit, callnode.h), and as a depot stack for
 * printing and suppressions.
 */
#ifndef GOSAN_CALL_STACK_H
#define GOSAN_CALL_STACK_H

#include <stdint.h>

#include "stackdepot.h"
#include "thread_state.h"

/* t's current stack (t NULL: empty) with pc as frame 0 (0: none), as a
 * call node. */
uint32_t gs_current_node(gs_thr *t, uintptr_t pc);
/* A call node as a depot stack (0 for the empty one). */
gs_stack_id gs_node_to_stack(uint32_t node);

#endif
