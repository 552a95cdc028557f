/* asleep.c - Go's "all goroutines are asleep" check, and fatal errors.
 *
 * The program is deadlocked when every live goroutine is parked on a
 * library primitive and no timer is armed or firing: then nothing can ever
 * make one runnable again (only a running goroutine, a timer, a descriptor
 * a goroutine waits for (the world outside may write to it) or an adopted
 * thread's call can; an adopted thread counts as a live goroutine that is
 * never parked outside a call, a goroutine in a system call is running).
 * The check runs whenever a worker goes idle.  Its cheap filter compares
 * the live and parked counts, summed over the workers' own counters (g.h:
 * a spawn, an exit, a park or a ready writes only its worker's cache line).
 * Only when they agree does it walk the goroutine list to confirm
 * (all_waiting).  The readiness-event counters, also per worker and only
 * ever increasing, are summed before and after: equal sums mean no counter
 * moved in between, so no goroutine was readied and no timer fired while
 * we looked, and the walk saw one instant.  A thread of the program that
 * the library does not run defers the verdict while it lives (foreign.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "g.h"
#include "netpoll.h"
#include "trace.h"

static _Atomic int reported;

/* The cheap filter, one pass over the workers' counters; *events gets the
 * readiness-event sum of the same pass. */
static bool looks_asleep(int64_t *events)
{
    int64_t sums[GO_NCOUNTERS];
    go_count_sums(sums);
    *events = sums[GO_COUNT_READY];
    return sums[GO_COUNT_LIVE] != 0 && sums[GO_COUNT_LIVE] == sums[GO_COUNT_PARKED] && !go_timers_pending() &&
           !go_netpoll_waiting();
}

/* The counts alone can lie for an instant: a goroutine readied while still
 * running (G_RUNNING_WOKEN) counts itself parked in park_commit before it
 * notices the wakeup and takes the count back, and that wakeup came before
 * our epoch snapshot.  So every live goroutine must also really be parked;
 * one seen parked stays parked while the epoch does not move. */
static bool all_waiting(void)
{
    bool all = true;
    golock_lock(&go_sched.all_lock);
    for (go_g *g = go_sched.all; g && all; g = g->all_next)
        all = atomic_load(&g->status) == G_WAITING;
    golock_unlock(&go_sched.all_lock);
    return all;
}

void go_check_all_asleep(void)
{
    if (atomic_load_explicit(&go_sched.initialized, memory_order_relaxed) != 2)
        return;
    /* A worker that still holds a processor token is running a goroutine
     * or about to go idle, and checks itself once it has given the token
     * back (the last one to do so sees them all free).  This keeps the
     * check, which reads every worker's counters, off the idle path of
     * busy programs. */
    if (!go_all_tokens_free() && !GO_DET_ON()) /* the deterministic worker keeps its token */
        return;
    int64_t e1, e2;
    if (!looks_asleep(&e1) || !all_waiting())
        return;
    if (!looks_asleep(&e2) || e2 != e1)
        return;
    if (go_foreign_threads_live())
        return; /* one may still call in; the monitor looks again (foreign.c) */
    /* A thread adopted since the counts were read is no longer unknown in
     * /proc, but it counted itself live and an event before it published
     * its tid (adopt.c): read the counts once more. */
    int64_t e3;
    if (!looks_asleep(&e3) || e3 != e1)
        return;
    if (atomic_exchange(&reported, 1))
        return;
    int status = 2;
    bool checker_reported = false;
    if (GO_HOOKS_UNLIKELY(go_hooks_active != NULL) && go_hooks_active->all_asleep)
        status = go_hooks_active->all_asleep(&checker_reported);
    if (!checker_reported) { /* a checker's report says it all: one report, not two */
        static const char head[] = "fatal error: all goroutines are asleep - deadlock!\n\n";
        if (write(2, head, sizeof head - 1) < 0) {
        }
        go_traceback_all(2, false);
    }
    if (go_trace_on())
        go_trace_flush_at_death();
    _exit(status);
}

_Noreturn void go_fatal(const char *msg)
{
    static _Atomic int dying;
    if (atomic_exchange(&dying, 1)) {
        for (;;)
            pause(); /* another thread is already printing */
    }
    char buf[512];
    int n = snprintf(buf, sizeof buf, "fatal error: %s\n\n", msg);
    if (n > 0 && write(2, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1) < 0) {
    }
    go_traceback_all(2, false);
    if (go_trace_on())
        go_trace_flush_at_death();
    abort();
}
