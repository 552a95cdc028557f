/* fiber.c - tells ASan and TSan about goroutine stack switches, so they
 * follow goroutines instead of seeing one thread jump between stacks.
 * Compiled to nothing in normal builds; the _asan and _tsan library variants
 * (rt/go/CMakeLists.txt) define GOSAN_FIBER_ASAN / GOSAN_FIBER_TSAN.
 *
 * TSan: every goroutine is a fiber (__tsan_create_fiber); switches use flag 0,
 * so TSan orders everything before a switch with everything after it, which
 * matches the library's own synchronisation (park/ready go through atomics).
 * ASan: __sanitizer_start_switch_fiber before each switch with the target
 * stack's bounds, __sanitizer_finish_switch_fiber after it.
 */
#include "g.h"

#if defined(GOSAN_FIBER_TSAN)
void *__tsan_get_current_fiber(void);
void *__tsan_create_fiber(unsigned flags);
void __tsan_destroy_fiber(void *fiber);
void __tsan_switch_to_fiber(void *fiber, unsigned flags);

/* m0's scheduler runs on a stack of its own while goroutine 1 keeps the
 * thread's fiber: sharing it would mix their shadow call stacks. */
void go_fiber_m_init(go_m *m) { m->g0_fiber = m->g0_stack ? __tsan_create_fiber(0) : __tsan_get_current_fiber(); }
/* A pooled goroutine descriptor keeps its fiber for the next goroutine:
 * TSan (LLVM 14) crashed in __tsan_func_entry on a fiber created where a
 * destroyed one had been, and reuse is cheaper anyway.  The reuse adds no
 * ordering the library does not have: the pool's lock already orders the
 * old goroutine's exit before the new one's creation. */
void go_fiber_create(go_g *g)
{
    if (g->is_main || g->bound_m)
        g->fiber = __tsan_get_current_fiber();
    else if (!g->fiber)
        g->fiber = __tsan_create_fiber(0);
}
void go_fiber_destroy(go_g *g)
{
    if (g->is_main || g->bound_m)
        g->fiber = NULL;
}
void go_fiber_before_switch_to_g(go_m *m, go_g *g, void **fake)
{
    (void)m;
    (void)fake;
    __tsan_switch_to_fiber(g->fiber, 0);
}
void go_fiber_before_switch_to_g0(go_m *m, go_g *g, void **fake, bool dying)
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

void go_thread_stack_bounds(char **lo, char **hi);

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
