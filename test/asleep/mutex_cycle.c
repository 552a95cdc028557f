// Global deadlock on an AB-BA mutex cycle: each goroutine holds one mutex and
// waits for the other.  Both wait in sync.Mutex.Lock; exit status 2.
// RUN: %plain-cc %s -o %t
// RUN: %t > %t.out 2>&1; test $? -eq 2
// RUN: FileCheck %s < %t.out
// RUN: env GOSAN_MAXPROCS=1 not %t 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static go_mutex a, b;
static go_wg both_hold;

static void take_b_then_a(void *arg) {
    go_mutex_lock(&b);
    go_wg_done(&both_hold);
    go_wg_wait(&both_hold);
    go_mutex_lock(&a);
    printf("unreachable\n");
}

int main(void) {
    go_wg_add(&both_hold, 2);
    go_spawn(take_b_then_a, NULL);
    go_mutex_lock(&a);
    go_wg_done(&both_hold);
    go_wg_wait(&both_hold); /* now each holds one */
    go_mutex_lock(&b);
    printf("unreachable\n");
    return 0;
}
// CHECK-NOT: unreachable
// CHECK: fatal error: all goroutines are asleep - deadlock!
// CHECK-DAG: goroutine 1 [sync.Mutex.Lock]:
// CHECK-DAG: goroutine 2 [sync.Mutex.Lock]:
// CHECK-DAG: {{^}}take_b_then_a+
// CHECK-DAG: {{^}}go_mutex_lock+
