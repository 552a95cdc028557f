/* user_stack.c - the program's part of a stack (see user_stack.h).
 *
 * Invariant: `main` is recognized by its address (the symbol the C library
 * calls), not by the symbolizer's name for the frame, so the cut is the
 * same whatever the symbolizer makes of inlined or renamed frames.
 */
#include "user_stack.h"

#include <stdbool.h>

#include "callnode.h"
#include "symtab.h"

/* Weak, so that the runtime links on its own. */
extern const char gs_program_main[] __asm__("main") __attribute__((weak));

static bool frame_is_main(uintptr_t pc)
{
    const char *name;
    uintptr_t start;
    return gs_program_main && gs_symtab_lookup(pc, &name, &start) && start == (uintptr_t)gs_program_main;
}

size_t gs_stack_user_depth(const uintptr_t *pcs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!pcs[i])
            continue;
        uintptr_t pc = i ? pcs[i] - 1 : pcs[i];
        if (i && gs_stack_is_go_entry(pc))
            return i;
        if (frame_is_main(pc))
            return i + 1;
    }
    return n;
}

gs_stack_id gs_stack_save_user(const uintptr_t *pcs, size_t n)
{
    size_t k = gs_stack_user_depth(pcs, n);
    return gs_stack_save(pcs, k ? k : n);
}

gs_stack_id gs_node_user_stack(uint32_t node)
{
    uintptr_t pcs[GS_STACK_MAX_DEPTH];
    size_t n = node ? gs_node_stack(node, pcs, GS_STACK_MAX_DEPTH) : 0;
    return n ? gs_stack_save_user(pcs, n) : 0;
}
