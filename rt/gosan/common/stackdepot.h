/* stackdepot.h - deduplicated call stacks, named by a 32-bit id.
 *
 * Stacks are arrays of pcs: pcs[0] is the access pc itself, the others are
 * return addresses.  A stored stack never changes or goes away, so an id can
 * be kept in shadow cells and printed any time later.  Id 0 is "no stack".
 * gs_stack_save is lock-free on the lookup path (a repeated stack costs one
 * hash and a compare) and may be called from any thread.
 */
#ifndef GOSAN_STACKDEPOT_H
#define GOSAN_STACKDEPOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t gs_stack_id;

#define GS_STACK_MAX_DEPTH 64   /* frames kept; deeper stacks are truncated */

gs_stack_id gs_stack_save(const uintptr_t *pcs, size_t n);
/* Returns false for an unknown id (0 included). */
bool gs_stack_load(gs_stack_id id, const uintptr_t **pcs, size_t *n);

/* Prints `    #0 FUNCTION FILE:LINE:COL` per frame (inlined frames
 * expanded), skipping gosan's own frames; `    <empty stack>` for id 0. */
void gs_print_stack(gs_stack_id id);
void gs_print_pcs(const uintptr_t *pcs, size_t n);
/* The function names of the frames gs_print_stack prints (innermost
 * first, inlined frames included), at most max; they live forever. */
size_t gs_stack_functions(gs_stack_id id, const char **out, size_t max);
/* The first frame of a stack that is not gosan's own, symbolized: for the
 * SUMMARY line. 0 if none. pcs[0] is an access pc, the rest return addrs. */
uintptr_t gs_stack_top_pc(gs_stack_id id, bool *is_return_addr);

/* Is pc (an exact pc, not a return address) in the library's goroutine
 * entry (go_hooks_entry_range), i.e. below a goroutine's own function? */
bool gs_stack_is_go_entry(uintptr_t pc);

/* Maximum frames printed per stack (tests); more are elided with a count. */
extern size_t gs_stack_print_max;

#endif
