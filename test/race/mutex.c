// Unlock n happens before lock m returns (n < m): a counter under a mutex
// does not race (NORACE); one goroutine skipping the lock does (RACY).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O2 %s -o %t2 && %t2 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static long counter;
static go_mutex mu;
static go_wg wg;

static void worker(void *arg) {
    int locked = arg != NULL;
    for (int i = 0; i < 1000; i++) {
        if (locked) go_mutex_lock(&mu);
        counter++;
        if (locked) go_mutex_unlock(&mu);
    }
    go_wg_done(&wg);
}

int main(void) {
    go_wg_add(&wg, 3);
    go_spawn(worker, &mu);
    go_spawn(worker, &mu);
#ifdef RACY
    go_spawn(worker, NULL);
#else
    go_spawn(worker, &mu);
#endif
    go_wg_wait(&wg);
    printf("counter=%ld\ndone\n", counter);
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: done
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'counter'
// CHECK: SUMMARY: gosan: data race {{.*}}mutex.c:{{[0-9]+}} in worker
