// In the deterministic mode a goroutine's wait is measured on the virtual
// clock everywhere: the checker's deadlock report, like the library's own
// dump, says goroutine 2 has waited the 2.5 virtual minutes main slept, and
// main, which has just blocked, a few milliseconds (not the machine's
// uptime: the report once compared a virtual time with the real clock).
// RUN: %gosan-cc -O1 -g %s -o %t-chk
// RUN: not env GOSAN_SCHED=random GOSAN_SEED=1 %t-chk 2>&1 | FileCheck --check-prefix=CHK %s
// RUN: not env GOSAN_SCHED=pct GOSAN_SEED=5 %t-chk 2>&1 | FileCheck --check-prefix=CHK %s
// RUN: %plain-cc -O1 -g %s -o %t
// RUN: not env GOSAN_SCHED=random GOSAN_SEED=1 %t 2>&1 | FileCheck --check-prefix=PLAIN %s
// CHK: deadlock
// CHK: Goroutine 1 waits in chan receive on channel {{.*}} (for {{[0-9]+}} ms):
// CHK: Goroutine 2 waits in chan receive on channel {{.*}} (for 2 minutes):
// CHK-NEXT: #0 waiter {{.*}}report_wait_time.c:[[@LINE+11]]
// PLAIN: fatal error: all goroutines are asleep - deadlock!
// PLAIN: goroutine 1 [chan receive]:
// PLAIN: goroutine 2 [chan receive, 2 minutes]:
#include <gosan/go.h>

static go_chan *never;

static void waiter(void *arg)
{
    (void)arg;
    go_chan_recv(never, NULL);
}

int main(void)
{
    never = go_chan_make(0, 0);
    go_spawn(waiter, NULL);
    go_sleep(150LL * 1000000000LL); /* virtual: no real time passes */
    go_chan_recv(never, NULL);
    return 0;
}
