// Global deadlock after the number of processors changed at run time: the
// check runs once every processor is free, and must still fire when
// go_maxprocs went up (more workers to go idle) and then down again (a
// worker gives its processor back). Many goroutines spawned and finished
// before also move free stacks between the workers' caches and the pool.
// RUN: %plain-cc %s -o %t
// RUN: %t > %t.out 2>&1; test $? -eq 2
// RUN: FileCheck %s < %t.out
#include <gosan/go.h>
#include <stdio.h>

static go_wg wg;
static go_chan *never;

static void short_lived(void *arg) { go_wg_done(&wg); }

static void stuck(void *arg) { go_chan_recv(never, NULL); }

int main(void) {
    go_maxprocs(4);
    for (int round = 0; round < 50; round++) {
        go_wg_add(&wg, 100);
        for (int i = 0; i < 100; i++)
            if (go_spawn(short_lived, NULL) != 0) return 1;
        go_wg_wait(&wg);
    }
    go_maxprocs(1);
    never = go_chan_make(0, 0);
    for (int i = 0; i < 3; i++)
        if (go_spawn(stuck, NULL) != 0) return 1;
    printf("spawned, blocking\n");
    fflush(stdout);
    go_chan_recv(never, NULL);
    printf("unreachable\n");
    return 0;
}
// CHECK: spawned, blocking
// CHECK-NOT: unreachable
// CHECK: fatal error: all goroutines are asleep - deadlock!
// CHECK-DAG: goroutine 1 [chan receive]:
// CHECK-DAG: goroutine 5002 [chan receive]:
// CHECK-DAG: goroutine 5003 [chan receive]:
// CHECK-DAG: goroutine 5004 [chan receive]:
