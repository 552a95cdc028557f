/* engine.c - the engine's entry points for the layers above (engine.h):
 * start-up, heap allocation and free, libc's accesses for the program, and
 * who is running.
 *
 * Invariant: everything here tests gs_engine_ready first, so the malloc
 * interceptors may call it before start-up and on threads the runtime does
 * not know.
 */
#include "engine.h"

#include "access.h"
#include "call_stack.h"
#include "shadow.h"
#include "syncobj.h"
#include "thread_state.h"

void gs_engine_start(void)
{
    __atomic_store_n(&gs_engine_ready, true, __ATOMIC_RELEASE);
}

#define FREE_CHECK_MAX (64u << 10)

void gs_engine_on_alloc(void *p, size_t n)
{
    if (gs_engine_ready && p) {
        gs_shadow_clear_granules((uintptr_t)p, n);
        gs_shadow_dense((uintptr_t)p, n, true);
    }
}

/* free is a write of the block: a free not ordered with another
 * goroutine's use of the memory is a race. */
void gs_engine_on_free(void *p, size_t n, uintptr_t pc)
{
    if (!gs_engine_ready || !p)
        return;
    gs_check_free(gs_thr_current(), (uintptr_t)p, n < FREE_CHECK_MAX ? n : FREE_CHECK_MAX, pc);
    gs_shadow_clear_granules((uintptr_t)p, n);
    gs_shadow_dense((uintptr_t)p, n, false);
    gs_sync_free_range((uintptr_t)p, n);
}

void gs_access_range(const void *addr, size_t n, bool is_write, uintptr_t pc)
{
    if (!gs_engine_ready || !n)
        return;
    gs_access_slow((uintptr_t)addr, n, is_write ? GS_K_WRITE : GS_K_READ, pc);
}

uint32_t gs_engine_current_node(uintptr_t pc)
{
    if (!gs_engine_ready)
        return 0;
    return gs_current_node(gs_cur, pc);
}

uint64_t gs_engine_current_goid(void)
{
    if (!gs_engine_ready)
        return 0;
    gs_thr *t = gs_thr_current();
    return t ? t->goid : 0;
}

bool gs_engine_current_stack_range(uintptr_t *lo, uintptr_t *hi)
{
    gs_thr *t = gs_engine_ready ? gs_cur : NULL;
    if (!t || !t->stack_hi)
        return false;
    *lo = t->stack_lo;
    *hi = t->stack_hi;
    return true;
}
