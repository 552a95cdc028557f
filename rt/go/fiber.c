/* fiber.c - tells ASan and TSan about goroutine stack switches, so they
 * follow goroutines instead of seeing one thread jump between stacks.
 * Compiled to nothing in normal builds; the _asan and _tsan library variants
 * (rt/go/CMakeLists.txt) define GOSAN_FIBER_ASAN / GOSAN_FIBER_TSAN.
 *
 * TSan: every goroutine is a fiber of its own (__tsan_create_fiber), and each
 * worker's scheduler context is one too.  Invariant: between
 * __tsan_switch_to_fiber and the stack switch (go_ctx_switch) no instrumented
 * function is entered or left (see GO_FIBER_SWITCH_PATH).
 * ASan: __sanitizer_start_switch_fiber before each switch with the target
 * stack's bounds, __sanitizer_finish_switch_fiber after it.
 */
#include "g.h"

#if defined(GOSAN_FIBER_TSAN)
void *__tsan_get_current_fiber(void);
void *__tsan_create_fiber(unsigned flags);
void __tsan_destroy_fiber(void *fiber);
void __tsan_switch_to_fiber(void *fiber, unsigned flags);

/* TSan keeps a shadow call stack per fiber: every instrumented function
 * pushes on entry and pops on exit, on whichever fiber is current then.  A
 * function that switches fibers and returns before the stack switch would
 * push on the old fiber and pop from the new one - one below the bottom of a
 * fresh fiber's shadow stack, so the new stack's first function entry writes
 * just under its mapping (SEGV at ...fff8 in __tsan_func_entry) or into
 * whatever lies there.  So the switching functions carry no instrumentation
 * at all (GO_FIBER_SWITCH_PATH; no_sanitize("thread") would still emit the
 * entry/exit calls); their callers go on to the stack switch without entering
 * or leaving a function. */

/* m0's scheduler runs on a stack of its own while goroutine 1 keeps the
 * thread's fiber: sharing it would mix their shadow call stacks. */
void go_fiber_m_init(go_m *m) { m->g0_fiber = m->g0_stack ? __tsan_create_fiber(0) : __tsan_get_current_fiber(); }
/* A goroutine that returned from its function leaves its fiber's shadow
 * stack empty (g_main's path carries no instrumentation), so the fiber stays
 * with the pooled descriptor for the next goroutine: creating and destroying
 * a fiber costs a shadow-stack mmap/munmap each.  One that left any other
 * way (go_g_exit_current from deeper frames) leaves those frames behind, and
 * a fiber reused with them would grow its shadow stack with every goroutine
 * until it overflowed: destroy it.
 * Reuse adds no ordering the library lacks: the pool's lock already orders
 * the old goroutine's exit before the new one's creation. */
void go_fiber_create(go_g *g)
{
    if (g->is_main || g->bound_m)
        g->fiber = __tsan_get_current_fiber();
    else if (!g->fiber)
        g->fiber = __tsan_create_fiber(0);
}
/* Runs on g0, after g switched out for the last time (a fiber cannot
 * destroy itself). */
void go_fiber_destroy(go_g *g)
{
    bool own = !g->is_main && !g->bound_m;
    if (own && g->fiber_clean)
        return; /* kept for the descriptor's next goroutine */
    if (own && g->fiber)
        __tsan_destroy_fiber(g->fiber);
    g->fiber = NULL;
}
/* Flag 0 (synchronising switch): the code before and after a switch runs in
 * sequence on one thread, so it is ordered; the library's own handoffs
 * between threads (run queues, park/ready) are left for TSan to check. */
GO_FIBER_SWITCH_PATH void go_fiber_before_switch_to_g(go_m *m, go_g *g, void **fake)
{
    (void)m;
    (void)fake;
    __tsan_switch_to_fiber(g->fiber, 0);
}
GO_FIBER_SWITCH_PATH void go_fiber_before_switch_to_g0(go_m *m, go_g *g, void **fake, bool dying)
{
    (void)g;
    (void)fake;
    (void)dying;
    __tsan_switch_to_fiber(m->g0_fiber, 0);
}
void go_fiber_after_switch(void *fake, const void **b, size_t *s)
{
    (void)fake;
    (void)b;
    (void)s;
}
#elif defined(GOSAN_FIBER_ASAN)
#include <pthread.h>
void __sanitizer_start_switch_fiber(void **fake_stack_save, const void *bottom, size_t size);
void __sanitizer_finish_switch_fiber(void *fake_stack_save, const void **bottom_old, size_t *size_old);

void go_fiber_m_init(go_m *m)
{
    if (m->g0_stack) {
        m->g0_asan_bottom = m->g0_stack;
        m->g0_asan_size = 1 << 20;
    } else {
        char *lo, *hi;
        go_thread_stack_bounds(&lo, &hi);
        m->g0_asan_bottom = lo;
        m->g0_asan_size = (size_t)(hi - lo);
    }
}
void go_fiber_create(go_g *g)
{
    g->asan_bottom = g->stack_lo;
    g->asan_size = (size_t)(g->stack_hi - g->stack_lo);
}
void go_fiber_destroy(go_g *g) { (void)g; }
void go_fiber_before_switch_to_g(go_m *m, go_g *g, void **fake)
{
    (void)m;
    __sanitizer_start_switch_fiber(fake, g->asan_bottom, g->asan_size);
}
void go_fiber_before_switch_to_g0(go_m *m, go_g *g, void **fake, bool dying)
{
    (void)g;
    /* A dying goroutine's fake stack is freed by passing NULL. */
    __sanitizer_start_switch_fiber(dying ? NULL : fake, m->g0_asan_bottom, m->g0_asan_size);
}
void go_fiber_after_switch(void *fake, const void **b, size_t *s)
{
    __sanitizer_finish_switch_fiber(fake, b, s);
}
#else
void go_fiber_m_init(go_m *m) { (void)m; }
void go_fiber_create(go_g *g) { (void)g; }
void go_fiber_destroy(go_g *g) { (void)g; }
void go_fiber_before_switch_to_g(go_m *m, go_g *g, void **fake)
{
    (void)m;
    (void)g;
    (void)fake;
}
void go_fiber_before_switch_to_g0(go_m *m, go_g *g, void **fake, bool dying)
{
    (void)m;
    (void)g;
    (void)fake;
    (void)dying;
}
void go_fiber_after_switch(void *fake, const void **b, size_t *s)
{
    (void)fake;
    (void)b;
    (void)s;
}
#endif
