// Global deadlock with main alone: every other goroutine has exited and
// main receives from a channel nobody else knows.  Also checks that sleeping
// or pending timers postpone the verdict: main first sleeps and receives with
// a deadline that expires (no false alarm), then blocks for good.
// RUN: %plain-cc %s -o %t
// RUN: %t > %t.out 2>&1; test $? -eq 2
// RUN: FileCheck %s < %t.out
#include <gosan/go.h>
#include <stdio.h>

static void quick(void *arg) { go_sleep(1000000); }

int main(void) {
    for (int i = 0; i < 10; i++)
        go_spawn(quick, NULL);
    go_chan *c = go_chan_make(sizeof(int), 0);
    int v;
    go_sleep(20000000); /* only timers pending: not a deadlock */
    printf("recv with deadline: %d\n", go_chan_recv_timeout(c, &v, 20000000));
    fflush(stdout);
    go_chan_recv(c, &v);
    printf("unreachable\n");
    return 0;
}
// CHECK: recv with deadline: -5
// CHECK-NOT: unreachable
// CHECK: fatal error: all goroutines are asleep - deadlock!
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [chan receive]:
// CHECK-NEXT: {{^}}go_chan_recv+
// CHECK-NOT: goroutine {{[0-9]+}} [
