/* init.c - __gosan_init and the engine functions other runtime modules
 * call (engine_api.h).  Everything here is safe before init and on threads
 * the runtime does not know: it then does nothing or returns 0. */
#include <unistd.h>

#include "access.h"
#include "check.h"
#include "engine.h"
#include "flags.h"
#include "gosan_abi.h"
#include "suppress.h"
#include "syncobj.h"
#include "uninstrumented.h"

void gs_hooks_install(void);

void __gosan_init(void)
{
    static int state; /* 0 not yet, 1 running, 2 done */
    int expect = 0;
    if (!__atomic_compare_exchange_n(&state, &expect, 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return; /* done, or re-entered from inside init */
    /* The shadow and the internal allocator lay memory out by 4 KiB pages
     * (gosan_platform.h). */
    GS_CHECK_MSG(sysconf(_SC_PAGESIZE) == (long)GOSAN_PAGE_SIZE, "page size %ld", sysconf(_SC_PAGESIZE));
    gs_flags_init();
    gs_warn_uninstrumented();
    gs_suppress_init();
    __atomic_store_n(&gs_engine_ready, true, __ATOMIC_RELEASE);
    gs_hooks_install();
    if (gs_obs_init)
        gs_obs_init();
    __atomic_store_n(&state, 2, __ATOMIC_RELEASE);
}

/* Runs before the instrumented modules' constructors in most link orders;
 * they call __gosan_init themselves anyway. */
__attribute__((constructor(101))) static void gs_engine_ctor(void)
{
    __gosan_init();
}

#define FREE_CHECK_MAX (64u << 10)

void gs_engine_on_alloc(void *p, size_t n)
{
    if (gs_engine_ready && p) {
        gs_shadow_clear_granules((uintptr_t)p, n);
        gs_shadow_dense((uintptr_t)p, n, true);
    }
}

void gs_engine_on_free(void *p, size_t n)
{
    if (!gs_engine_ready || !p)
        return;
    /* free is a write of the block: a free not ordered with another
     * goroutine's use of the memory is a race.  The caller of free (two
     * frames up: malloc.c's interceptor, then the program) is the pc. */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wframe-address"
    uintptr_t pc = (uintptr_t)__builtin_return_address(1); /* frame pointers are kept */
#pragma clang diagnostic pop
    gs_freewait_check_free((uintptr_t)p, n, pc);
    gs_check_free(gs_thr_current(), (uintptr_t)p, n < FREE_CHECK_MAX ? n : FREE_CHECK_MAX, pc ? pc - 1 : 0);
    gs_shadow_clear_granules((uintptr_t)p, n);
    gs_shadow_dense((uintptr_t)p, n, false);
    gs_sync_free_range((uintptr_t)p, n);
    if (gs_obs_free_range)
        gs_obs_free_range((uintptr_t)p, n);
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
