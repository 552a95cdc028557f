/* api_access.c - an intercepted call's own accesses (api_access.h).
 *
 * The program's call site is pushed on t's shadow call stack for the
 * duration of the access, as an instrumented callee's func_entry would
 * push it, and the access's pc is the call's api frame: the access's call
 * node is then (api frame, call site, the program's frames...), which the
 * shadow cell keeps, so the previous access of a later report names the
 * call as well as the current one does.
 */
#include "api_access.h"

#include "access.h"
#include "lock_access.h"

/* The program's call site on t's shadow call stack, for one access. */
static void push_call_site(gs_thr *t, void *ret)
{
    if (t->depth < t->cap)
        t->pcs[t->depth++] = (uintptr_t)ret;
    else
        gs_thr_push_slow(t, (uintptr_t)ret);
}

static void pop_call_site(gs_thr *t)
{
    t->depth--;
    if (t->valid > t->depth)
        t->valid = t->depth;
}

void gs_api_access(gs_thr *t, const void *addr, size_t size, uint64_t kind, const gs_api_call *call,
                   void *ret)
{
    if (!t || !size)
        return;
    push_call_site(t, ret);
    gs_access_thr(t, (uintptr_t)addr, size, kind, gs_api_frame_pc(call));
    pop_call_site(t);
}

void gs_api_lock_read(gs_thr *t, const void *obj, const gs_api_call *call, void *ret)
{
    if (!t)
        return;
    push_call_site(t, ret);
    gs_lock_object_read(t, (uintptr_t)obj, gs_api_frame_pc(call));
    pop_call_site(t);
}
