/* all_asleep.c - the all-asleep `deadlock` report (see all_asleep.h).
 *
 * Every goroutine is parked, so the snapshot needs no stopped world and the
 * objects' locks are free: asking a channel for its len and cap is safe.
 * The report replaces the library's fatal error and goroutine list.  A
 * `deadlock:` suppression matching any goroutine's stack drops the report;
 * the program still ends (nothing can run), with the library's message.
 */
#include "all_asleep.h"

#include "clock.h"
#include "exit_status.h"
#include "flags.h"
#include "held_locks.h"
#include "report.h"
#include "snapshot.h"
#include "suppress.h"

#define ASLEEP_GO_STATUS 2 /* Go's exit status for a fatal error */

static bool asleep_suppressed(const gs_gset *s)
{
    for (size_t i = 0; i < s->n; i++) {
        gs_stack_id st[2] = {s->g[i].stack, s->g[i].create_stack};
        if (gs_suppressed("deadlock", st, 2))
            return true;
    }
    return false;
}

static bool is_mutex_wait(go_wait_reason r)
{
    return r == GO_WAIT_MUTEX || r == GO_WAIT_RWMUTEX_LOCK || r == GO_WAIT_RWMUTEX_RLOCK;
}

static void print_holder(const gs_gsnap *g)
{
    uint64_t holder = 0;
    gs_stack_id st = 0;
    if (!g->wait_obj || !gs_mutex_holder(g->wait_obj, &holder, &st))
        return;
    gs_printf("  Mutex %p is held by goroutine %llu, which locked it at:\n", g->wait_obj,
              (unsigned long long)holder);
    gs_print_stack(st);
}

static void print_one(const gs_gset *s, const gs_gsnap *g, int64_t now)
{
    gs_printf("  Goroutine %llu", (unsigned long long)g->id);
    gs_gsnap_print_labels(s, g);
    gs_printf(" waits in %s", go_gstate_name(g->state, g->reason));
    gs_gsnap_print_obj(s, g);
    gs_printf(" (for ");
    gs_print_duration(now - g->since_ns);
    gs_printf("):\n");
    gs_print_stack(g->stack);
    if (is_mutex_wait(g->reason))
        print_holder(g);
    gs_gsnap_print_origin(g);
}

/* The report's SUMMARY names main's wait if main is among them. */
static const gs_gsnap *summary_goroutine(const gs_gset *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->g[i].id == 1)
            return &s->g[i];
    return s->n ? &s->g[0] : NULL;
}

int gs_all_asleep_report(bool *reported)
{
    *reported = false;
    gs_gset s;
    if (gs_gset_take(&s, NULL) < 0)
        return gs_exit_final_status(ASLEEP_GO_STATUS);
    gs_gset_save_stacks(&s);
    if (asleep_suppressed(&s) || !gs_report_begin("deadlock")) {
        gs_gset_free(&s);
        return gs_exit_final_status(ASLEEP_GO_STATUS);
    }
    gs_printf("  All goroutines are asleep: none of them can ever run again.\n\n");
    int64_t now = gs_state_now_ns();
    for (size_t i = 0; i < s.n; i++)
        print_one(&s, &s.g[i], now);
    const gs_gsnap *top = summary_goroutine(&s);
    gs_report_end_stack("deadlock", top ? top->stack : 0);
    gs_gset_free(&s);
    *reported = true;
    return gs_flags.exitcode;
}
