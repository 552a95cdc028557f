/* asleep.c - Go's "all goroutines are asleep" check, and fatal errors.
 *
 * The program is deadlocked when every live goroutine is parked on a
 * library primitive and no timer is armed or firing: then nothing can ever
 * make one runnable again (only a running goroutine, a timer or an adopted
 * thread's call can; an adopted thread counts as a live goroutine that is
 * never parked outside a call, a goroutine in a system call is running).
 * The check is one load of go_sched.counts, done whenever a worker goes
 * idle; go_sched.ready_epoch, bumped by every go_ready and timer event, makes
 * the snapshot consistent: if it did not move while we looked, the counts
 * and the timer state were true at the same instant.  Only when the counts
 * say "all parked" does it walk the goroutine list to confirm (all_waiting).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "g.h"

static _Atomic int reported;

static bool looks_asleep(void)
{
    uint64_t c = atomic_load(&go_sched.counts);
    uint32_t live = (uint32_t)(c >> 32), parked = (uint32_t)c;
    return live != 0 && live == parked && !go_timers_pending();
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
    uint64_t e1 = atomic_load(&go_sched.ready_epoch);
    if (!looks_asleep() || !all_waiting())
        return;
    if (atomic_load(&go_sched.ready_epoch) != e1 || !looks_asleep())
        return;
    if (atomic_exchange(&reported, 1))
        return;
    int status = 2;
    if (GO_HOOKS_UNLIKELY(go_hooks_active != NULL) && go_hooks_active->all_asleep)
        status = go_hooks_active->all_asleep();
    static const char head[] = "fatal error: all goroutines are asleep - deadlock!\n\n";
    if (write(2, head, sizeof head - 1) < 0) {
    }
    go_traceback_all(2, false);
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
    abort();
}
