// Global deadlock on a WaitGroup: main waits for three workers but only two
// call Done; the third is stuck on a Cond nobody signals.
// RUN: %plain-cc %s -o %t
// RUN: %t > %t.out 2>&1; test $? -eq 2
// RUN: FileCheck %s < %t.out
#include <gosan/go.h>
#include <stdio.h>

static go_wg wg;
static go_mutex mu;
static go_cond cond;

static void polite_worker(void *arg) { go_wg_done(&wg); }

static void waits_for_signal(void *arg) {
    go_mutex_lock(&mu);
    go_cond_wait(&cond); /* never signalled */
    go_mutex_unlock(&mu);
    go_wg_done(&wg);
}

int main(void) {
    go_cond_init(&cond, &mu);
    go_wg_add(&wg, 3);
    go_spawn(polite_worker, NULL);
    go_spawn(polite_worker, NULL);
    go_spawn(waits_for_signal, NULL);
    go_wg_wait(&wg);
    printf("unreachable\n");
    return 0;
}
// CHECK-NOT: unreachable
// CHECK: fatal error: all goroutines are asleep - deadlock!
// CHECK-DAG: goroutine 1 [sync.WaitGroup.Wait]:
// CHECK-DAG: goroutine 4 [sync.Cond.Wait]:
// CHECK-DAG: {{^}}waits_for_signal+
// CHECK-NOT: goroutine 2 [
// CHECK-NOT: goroutine 3 [
