// In the deterministic mode (GOSAN_SCHED) the library stamps a goroutine's
// state on the virtual clock, so `info goroutines` measures how long it
// has waited on that clock too: main's two virtual seconds of sleep, not
// the real clock's uptime.
// REQUIRES: gdb
// RUN: %plain-cc -O0 %s -o %t
// RUN: env GOSAN_SCHED=random GOSAN_SEED=1 %gdb -ex 'break stop_here' -ex run -ex 'info goroutines' %t 2>&1 | FileCheck %s
// CHECK: goroutine 2 [chan receive, 2.0 s]
// CHECK-NEXT: at receiver at {{.*}}virtual_time.c:[[@LINE+8]]
#include <gosan/go.h>

static go_chan *never; /* nothing is ever sent */

static void receiver(void *arg)
{
    (void)arg;
    go_chan_recv(never, NULL);
}

void stop_here(void) {}

int main(void)
{
    never = go_chan_make(0, 0);
    go_spawn(receiver, NULL);
    go_sleep(2000000000); /* virtual: returns at once */
    stop_here();
    return 0;
}
