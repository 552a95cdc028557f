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
#include "heap_shadow.h"
#include "shadow.h"
#include "syncobj.h"
#include "thread_state.h"

void gs_engine_start(void)
{
    __atomic_store_n(&gs_engine_ready, true, __ATOMIC_RELEASE);
}

#define FREE_CHECK_MAX (64u << 10)

/* t checks accesses now (attached to a slot of the current generation,
 * not ignoring): its template is what the heap shadow is written with. */
static bool engine_checking(gs_thr *t)
{
    return gs_thr_fast_word(t) != 0;
}

/* An allocation is a write of the block by the allocating goroutine (as
 * in TSan): another goroutine's access not ordered after the malloc is a
 * race (a publication bug).  Ignoring, or on a thread without a state,
 * the block's history is only forgotten. */
void gs_engine_on_alloc(void *p, size_t n, uint32_t node)
{
    if (!gs_engine_ready || !p)
        return;
    gs_thr *t = gs_thr_current();
    if (engine_checking(t))
        gs_heap_shadow_alloc(t, (uintptr_t)p, n, node);
    else
        gs_shadow_clear_granules((uintptr_t)p, n);
    gs_shadow_dense((uintptr_t)p, n, true);
}

void gs_engine_on_untracked_alloc(void *p, size_t n)
{
    if (gs_engine_ready && p)
        gs_shadow_clear_granules((uintptr_t)p, n);
}

void gs_engine_on_new_stack(uintptr_t lo, uintptr_t hi)
{
    if (gs_engine_ready && hi > lo)
        gs_shadow_clear_granules(lo, hi - lo);
}

/* free is a write of the block: a free not ordered with another
 * goroutine's use of the memory is a race.  Then the block's first
 * granules are marked freed (heap_shadow.h): any later access to them is
 * a heap-use-after-free until an allocation takes the memory again. */
void gs_engine_on_free(void *p, const gs_heap_block *b, uintptr_t pc, bool mark_freed)
{
    if (!gs_engine_ready || !p)
        return;
    size_t n = b->size;
    gs_thr *t = gs_thr_current();
    if (t)
        t->frees++; /* its ranges checked before are walked again (range_memo.h) */
    gs_check_free(t, (uintptr_t)p, n < FREE_CHECK_MAX ? n : FREE_CHECK_MAX, pc);
    if (mark_freed && engine_checking(t))
        gs_heap_shadow_free(t, (uintptr_t)p, n, gs_current_node(t, pc),
                            (gs_heap_freed_alloc){b->goid, b->node});
    else
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
