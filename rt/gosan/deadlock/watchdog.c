/* watchdog.c - deadlock_timeout: a thread of the runtime's own (no
 * goroutine, so it runs even when every worker is stuck) that reports a
 * goroutine waiting for a mutex longer than the timeout (see watchdog.h).
 *
 * It wakes every min(timeout/8, 250 ms), collects under gs_hl_lock the
 * waits over the timeout not reported yet (each wait once: wait_seq), and
 * reports them after releasing the lock.  What the holder is doing is
 * sampled right after the collection, before the report: printing waits
 * for the stacks' lines (seconds for a cold symbolizer on a loaded
 * machine), and by then the holder may have unlocked and exited, which
 * the report used to tell as "exited (still holding the mutex)".
 * Started at start-up (init.c) and again in a forked child (fork.c).
 */
#include "watchdog.h"

#include <pthread.h>
#include <time.h>

#include "clock.h"
#include "flags.h"
#include "go_hooks.h"
#include "held_locks_table.h"
#include "location.h"
#include "log.h"
#include "report.h"
#include "report_names.h"
#include "runtime_thread.h"
#include "suppress.h"
#include "user_stack.h"

/* The library's query, weak so the runtime links on its own. */
#pragma weak go_hooks_foreach_g

#define WD_BATCH 16

typedef struct wd_late {
    uint64_t goid, holder;
    uintptr_t m;
    bool write, is_rw, holder_write;
    uint32_t wait_node, hold_node;
    int64_t waited;
    /* The holder when the wait was collected: alive (then state/reason),
     * and still holding m. */
    bool holder_alive, holder_holds;
    go_gstate holder_state;
    go_wait_reason holder_reason;
} wd_late;

typedef struct wd_gstate {
    uint64_t id;
    bool found;
    go_gstate state;
    go_wait_reason reason;
} wd_gstate;

static void wd_find_g(const go_ginfo *g, void *arg)
{
    wd_gstate *s = arg;
    if (g->id == s->id) {
        s->found = true;
        s->state = g->state;
        s->reason = g->wait_reason;
    }
}

/* Fills l's holder fields: the library's view of the holder's state, then
 * whether it still holds l->m.  Outside gs_hl_lock: the library's list
 * has its own lock. */
static void wd_sample_holder(wd_late *l)
{
    wd_gstate s = {.id = l->holder};
    if (go_hooks_foreach_g)
        go_hooks_foreach_g(wd_find_g, &s);
    l->holder_alive = s.found;
    l->holder_state = s.state;
    l->holder_reason = s.reason;
    gs_splock_lock(&gs_hl_lock);
    gs_hl_g *h = gs_hl_g_get(l->holder, false);
    l->holder_holds = h && gs_hl_held_find(h, l->m, l->holder_write);
    gs_splock_unlock(&gs_hl_lock);
}

static void wd_print_holder_state(const wd_late *l)
{
    unsigned long long id = (unsigned long long)l->holder;
    const char *state = l->holder_state == GO_G_WAITING ? go_gstate_name(l->holder_state, l->holder_reason)
                                                        : go_gstate_name(l->holder_state, GO_WAIT_NONE);
    if (l->holder_holds) {
        if (l->holder_alive)
            gs_printf("  Goroutine %llu is now %s.\n", id, state);
        else
            gs_printf("  Goroutine %llu has exited (still holding the mutex).\n", id);
    } else if (l->holder_alive) {
        gs_printf("  Goroutine %llu has unlocked it since and is now %s.\n", id, state);
    } else {
        gs_printf("  Goroutine %llu has unlocked it since and exited.\n", id);
    }
}

static void wd_report_late(const wd_late *l)
{
    gs_stack_id st[2] = {gs_node_user_stack(l->wait_node), gs_node_user_stack(l->hold_node)};
    if (gs_suppressed("deadlock", st, l->holder ? 2 : 1))
        return;
    if (!gs_report_begin("deadlock"))
        return;
    gs_printf("  Goroutine %llu", (unsigned long long)l->goid);
    gs_print_labels(l->goid);
    gs_printf(" has waited ");
    gs_print_duration(l->waited);
    gs_printf(" (more than deadlock_timeout=%d s) to %s %p at:\n", gs_flags.deadlock_timeout,
              gs_hl_verb(l->is_rw, l->write), (void *)l->m);
    gs_print_stack(st[0]);
    if (l->holder) {
        gs_hl_print_holder(l->holder, l->m, l->holder_write, st[1]);
        wd_print_holder_state(l);
    }
    gs_print_location(l->m);
    gs_printf("\n");
    gs_print_goroutine(l->goid);
    if (l->holder && l->holder != l->goid)
        gs_print_goroutine(l->holder);
    gs_printf("\n");
    gs_report_end_stack("deadlock", st[0]);
}

/* Collects waits over the timeout not reported yet (each wait once). */
static size_t wd_collect_late(wd_late *out, int64_t now, int64_t limit)
{
    size_t n = 0;
    gs_splock_lock(&gs_hl_lock);
    for (uint32_t b = 0; gs_hl_gs && b < GS_HL_BUCKETS && n < WD_BATCH; b++)
        for (gs_hl_g *g = gs_hl_gs[b]; g && n < WD_BATCH; g = g->next) {
            if (!g->wait_m || g->timeout_seq == g->wait_seq || now - g->wait_since < limit)
                continue;
            g->timeout_seq = g->wait_seq;
            wd_late *l = &out[n++];
            *l = (wd_late){.goid = g->goid, .m = g->wait_m, .write = g->wait_write, .is_rw = g->wait_rw,
                           .wait_node = g->wait_node, .waited = now - g->wait_since};
            gs_hl_mu *u = gs_hl_mu_get(g->wait_m, false);
            gs_hl_g *h = !u ? NULL : u->writer ? gs_hl_g_get(u->writer, false) : gs_hl_any_reader(g->wait_m, g);
            gs_hl_held *hl = h ? gs_hl_held_find(h, g->wait_m, u->writer != 0) : NULL;
            if (hl) {
                l->holder = h->goid;
                l->holder_write = hl->write;
                l->hold_node = hl->node;
            }
        }
    gs_splock_unlock(&gs_hl_lock);
    return n;
}

static void *wd_watchdog(void *arg)
{
    (void)arg;
    int64_t limit = (int64_t)gs_flags.deadlock_timeout * 1000000000ll;
    int64_t tick = limit / 8 < 250000000ll ? limit / 8 : 250000000ll;
    struct timespec ts = {.tv_sec = tick / 1000000000ll, .tv_nsec = tick % 1000000000ll};
    wd_late late[WD_BATCH];
    for (;;) {
        nanosleep(&ts, NULL);
        size_t n = wd_collect_late(late, gs_now_ns(), limit);
        for (size_t i = 0; i < n; i++)
            if (late[i].holder)
                wd_sample_holder(&late[i]);
        for (size_t i = 0; i < n; i++) {
            gs_report_enter(); /* in flight from here: its stacks are symbolized first */
            wd_report_late(&late[i]);
            gs_report_leave();
        }
    }
    return NULL;
}

void gs_watchdog_start(void)
{
    if (gs_flags.deadlock_timeout <= 0 || !gs_flags.detect_deadlocks)
        return;
    pthread_t th;
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    if (gs_pthread_create_raw(&th, &a, wd_watchdog, NULL) != 0)
        gs_warn("cannot start the deadlock_timeout watchdog thread: deadlock_timeout is off");
    pthread_attr_destroy(&a);
}
