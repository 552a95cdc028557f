/* leak.c - goroutine leak checks (see leak.h).
 *
 * The grace period polls like goleak: sleeps of 1us << i, capped at 100 ms,
 * until no other goroutine is alive or leak_grace_ms has passed.  A caller
 * that is a goroutine parks (go_hooks_sleep), so with GOMAXPROCS=1 the
 * goroutines it waits for still get the worker.
 */
#include "leak.h"

#include <stdio.h>
#include <time.h>

#include "clock.h"
#include "flags.h"
#include "reachability.h"
#include "report.h"
#include "snapshot.h"
#include "suppress.h"
#include "thread_state.h"

#pragma weak go_hooks_foreach_g
#pragma weak go_hooks_sleep
#pragma weak go_hooks_leak_ignored

#define LEAK_MAX_SLEEP_NS (100 * 1000000ll)

typedef struct alive_count {
    uint64_t self;
    size_t n;
} alive_count;

static void count_alive(const go_ginfo *g, void *arg)
{
    alive_count *c = arg;
    if (g->state != GO_G_DEAD && g->id != c->self)
        c->n++;
}

static size_t others_alive(void)
{
    gs_thr *t = gs_cur;
    alive_count c = {t && !t->is_thread ? t->goid : 0, 0};
    go_hooks_foreach_g(count_alive, &c);
    return c.n;
}

static void leak_sleep(int64_t ns)
{
    gs_thr *t = gs_cur;
    if (go_hooks_sleep && t && !t->is_thread && go_hooks_sleep(ns))
        return;
    struct timespec ts = {(time_t)(ns / 1000000000), (long)(ns % 1000000000)};
    nanosleep(&ts, NULL);
}

/* true if every other goroutine finished within the grace period */
static bool wait_grace(void)
{
    int64_t deadline = gs_now_ns() + (int64_t)gs_flags.leak_grace_ms * 1000000;
    for (int i = 0;; i++) {
        if (others_alive() == 0)
            return true;
        int64_t left = deadline - gs_now_ns();
        if (left <= 0)
            return false;
        int64_t ns = i < 20 ? 1000ll << i : LEAK_MAX_SLEEP_NS;
        if (ns > LEAK_MAX_SLEEP_NS)
            ns = LEAK_MAX_SLEEP_NS;
        leak_sleep(ns < left ? ns : left);
    }
}

static void print_state(const gs_gset *s, const gs_gsnap *g)
{
    gs_printf("%s", go_gstate_name(g->state, g->reason));
    gs_gsnap_print_obj(s, g);
    gs_printf(", for ");
    gs_print_duration(gs_state_now_ns() - g->since_ns);
    if (g->stuck)
        gs_printf(", blocked for good");
}

static void report_leak(const gs_gset *s, const gs_gsnap *g, size_t k, size_t n)
{
    if (!gs_report_begin("goroutine leak"))
        return;
    gs_printf("  Goroutine %llu", (unsigned long long)g->id);
    gs_gsnap_print_labels(s, g);
    gs_printf(" is still alive (");
    print_state(s, g);
    gs_printf(") [leak %zu of %zu]:\n", k, n);
    if (g->has_stack)
        gs_print_stack(g->stack);
    else
        gs_printf("    <stack unavailable: running on another thread>\n");
    gs_printf("\n");
    gs_gsnap_print_origin(g);
    gs_report_end_stack("goroutine leak", g->stack ? g->stack : g->create_stack);
}

/* The program's own ignores (gosan_leak_ignore_*), which the library
 * keeps: asked with the frames the report would show. */
static bool ignored_by_program(const gs_gsnap *g)
{
    if (!go_hooks_leak_ignored)
        return false;
    const char *fns[64];
    size_t n = g->has_stack ? gs_stack_functions(g->stack, fns, sizeof fns / sizeof fns[0]) : 0;
    return go_hooks_leak_ignored(g->id, fns, n);
}

static bool is_leak(const gs_gsnap *g)
{
    gs_stack_id st[2] = {g->stack, g->create_stack};
    return !g->self && g->state != GO_G_DEAD && !gs_suppressed("leak", st, 2) && !ignored_by_program(g);
}

int gs_leakcheck(void)
{
    if (!go_hooks_foreach_g || wait_grace())
        return 0;
    gs_gset s;
    gs_reach_scan(&s);
    gs_gset_save_stacks(&s);
    /* What the program ignores is no finding of a leak check, blocked for
     * good or not. */
    for (size_t i = 0; i < s.n; i++)
        if (s.g[i].stuck && ignored_by_program(&s.g[i]))
            s.g[i].stuck = false;
    gs_reach_report(&s);
    size_t n = 0, k = 0;
    for (size_t i = 0; i < s.n; i++)
        n += is_leak(&s.g[i]);
    for (size_t i = 0; i < s.n; i++)
        if (is_leak(&s.g[i]))
            report_leak(&s, &s.g[i], ++k, n);
    gs_gset_free(&s);
    return (int)n;
}

void gs_leak_at_exit(void)
{
    if (!gs_engine_ready || (!gs_flags.detect_leaks && gs_flags.deadlock_scan_ms <= 0) || !go_hooks_foreach_g)
        return;
    /* The program's buffered output comes before the reports on its end,
     * as it would if it had flushed on return from main. */
    fflush(stdout);
    if (gs_flags.detect_leaks)
        gs_leakcheck();
    else /* a goroutine stuck just before the end is reported whether or not a periodic scan came between */
        gs_reach_check();
}
