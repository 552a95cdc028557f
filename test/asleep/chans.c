// Global deadlock, every goroutine blocked on a channel: a pipeline whose
// producer forgot to close.  The report names each goroutine's wait reason,
// the function it blocked in, who created it and its labels; exit status 2.
// RUN: %plain-cc %s -o %t
// RUN: %t > %t.out 2>&1; test $? -eq 2
// RUN: FileCheck %s < %t.out
// RUN: env GOSAN_MAXPROCS=1 not %t 2>&1 | FileCheck %s
// RUN: env GOSAN_MAXPROCS=8 not %t 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static go_chan *nums, *squares;

static void square_stage(void *arg) {
    int v;
    while (go_chan_recv(nums, &v)) {
        int s = v * v;
        go_chan_send(squares, &s);
    }
    go_chan_close(squares);
}

static void blocked_sender(void *arg) {
    int v = 7;
    go_chan_send(arg, &v); /* nobody ever receives from this one */
}

int main(void) {
    go_label_set("stage", "main");
    nums = go_chan_make(sizeof(int), 0);
    squares = go_chan_make(sizeof(int), 4);
    go_chan *orphan = go_chan_make(sizeof(int), 0);
    go_spawn(square_stage, NULL);
    go_label_set("stage", "orphan");
    go_spawn(blocked_sender, orphan);
    for (int i = 0; i < 3; i++)
        go_chan_send(nums, &i);
    /* Forgot go_chan_close(nums): square_stage waits for more forever. */
    int s, n = 0;
    while (go_chan_recv(squares, &s))
        n++;
    printf("unreachable %d\n", n);
    return 0;
}
// CHECK-NOT: unreachable
// CHECK: fatal error: all goroutines are asleep - deadlock!
// CHECK-DAG: goroutine 1 [chan receive]:
// CHECK-DAG: goroutine 2 [chan receive]:
// CHECK-DAG: goroutine 3 [chan send]:
// CHECK-DAG: {{^}}square_stage+
// CHECK-DAG: {{^}}blocked_sender+
// CHECK-DAG: created by main+{{.*}} in goroutine 1
// CHECK-DAG: labels: {"stage": "orphan"}
