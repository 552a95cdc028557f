/* call_stack.c - a goroutine's current stack as a call node or a depot
 * stack (see call_stack.h).  Called by every report and by the heap map at
 * each allocation; takes no lock of its own (the call-node table and the
 * depot have theirs).
 */
#include "call_stack.h"

#include "callnode.h"

uint32_t gs_current_node(gs_thr *t, uintptr_t pc)
{
    uint32_t frames = t ? gs_thr_stack_node(t) : 0;
    return pc ? gs_node_intern(frames, pc) : frames;
}

gs_stack_id gs_node_to_stack(uint32_t node)
{
    uintptr_t pcs[GS_STACK_MAX_DEPTH];
    size_t n = gs_node_stack(node, pcs, GS_STACK_MAX_DEPTH);
    return n ? gs_stack_save(pcs, n) : 0;
}
