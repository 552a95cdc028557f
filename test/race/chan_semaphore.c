// A buffered channel of capacity C used as a counting semaphore: the k-th
// receive happens before the (k+C)-th send completes, so with C = 1 the
// critical sections are ordered.  With C = 2 two goroutines are inside at
// once, and two sends on a buffered channel do not synchronise: a race.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O2 -DCAP=2 %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

#ifndef CAP
#define CAP 1
#endif
static long counter;
static go_chan *sem;
static go_wg wg;

static void worker(void *arg) {
    (void)arg;
    for (int i = 0; i < 100; i++) {
        go_chan_send(sem, NULL);       /* take a token */
        counter++;
        go_chan_recv(sem, NULL);       /* give it back */
    }
    go_wg_done(&wg);
}

int main(void) {
    sem = go_chan_make(0, CAP);
    go_wg_add(&wg, 4);
    for (int i = 0; i < 4; i++)
        go_spawn(worker, NULL);
    go_wg_wait(&wg);
    printf("counter=%ld\ndone\n", counter);
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: done
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'counter'
