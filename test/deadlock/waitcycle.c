// A real wait cycle while other goroutines still run: g1 holds a and waits
// for b, g2 holds b and waits for a; a third goroutine keeps running, so
// the program as a whole is not asleep.  The cycle is reported as a
// `deadlock` when its last wait starts, naming each goroutine, what it
// waits for, who holds that and where it locked it; then the program exits
// with status 66 (halt_on_deadlock=1, the default).  The lock-order
// inversion behind it is reported first.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static go_mutex ma, mb;
static go_chan *have_a, *have_b;

static void g1(void *arg)
{
    (void)arg;
    go_mutex_lock(&ma);         // g1 locks a
    go_chan_send(have_a, NULL);
    go_chan_recv(have_b, NULL);
    go_mutex_lock(&mb);         // g1 waits for b
}

static void g2(void *arg)
{
    (void)arg;
    go_mutex_lock(&mb);         // g2 locks b
    go_chan_send(have_b, NULL);
    go_chan_recv(have_a, NULL);
    go_mutex_lock(&ma);         // g2 waits for a
}

static volatile int spins;

static void busy(void *arg)
{
    (void)arg;
    for (;;) {
        spins++;
        go_sleep(1000000);
    }
}

int main(void)
{
    have_a = go_chan_make(0, 1);
    have_b = go_chan_make(0, 1);
    go_spawn(busy, NULL);
    go_spawn(g1, NULL);
    go_spawn(g2, NULL);
    go_sleep(5000000000ll);     // the report ends the program long before
    fprintf(stderr, "not detected\n");
    return 0;
}
// CHECK: WARNING: gosan: lock-order inversion (potential deadlock)
// CHECK: WARNING: gosan: deadlock
// CHECK-NEXT: Wait cycle: goroutine [[X:[0-9]+]] => goroutine [[Y:[0-9]+]] => goroutine [[X]]
// CHECK: Goroutine [[X]] waits to lock mutex 0x{{[0-9a-f]+}} at:
// CHECK-NEXT: #0 {{g1|g2}} {{.*}}waitcycle.c:{{23|32}}
// CHECK: Mutex 0x{{[0-9a-f]+}} is held by goroutine [[Y]], which locked it at:
// CHECK-NEXT: #0 {{g1|g2}} {{.*}}waitcycle.c:{{20|29}}
// CHECK-NEXT: Location is global '{{ma|mb}}'
// CHECK: Goroutine [[Y]] waits to lock mutex 0x{{[0-9a-f]+}} at:
// CHECK: Mutex 0x{{[0-9a-f]+}} is held by goroutine [[X]], which locked it at:
// CHECK: SUMMARY: gosan: deadlock {{.*}}waitcycle.c:{{23|32}} in {{g1|g2}}
// CHECK-NOT: not detected
