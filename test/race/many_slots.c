// Happens-before through a channel from many goroutines at once: each of 40
// goroutines (so 40+ clock slots in use) writes its own cell, then sends;
// main reads every cell after receiving 40 times, so nothing races
// (NORACE).  With -DRACY the goroutines announce through a relaxed atomic
// counter only, which orders nothing, so main's reads race.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

#define N 40

long vals[N];
static go_chan *done;
static atomic_int finished;

static void worker(void *arg) {
    long i = (long)arg;
    vals[i] = i + 1;
#ifdef RACY
    atomic_fetch_add_explicit(&finished, 1, memory_order_relaxed);
#else
    go_chan_send(done, &i);
#endif
}

int main(void) {
    done = go_chan_make(sizeof(long), N);
    for (long i = 0; i < N; i++)
        go_spawn(worker, (void *)i);
#ifdef RACY
    while (atomic_load_explicit(&finished, memory_order_relaxed) < N)
        go_yield();
#else
    for (int i = 0; i < N; i++)
        go_chan_recv(done, NULL);
#endif
    long sum = 0;
    for (int i = 0; i < N; i++)
        sum += vals[i];
    printf("sum=%ld\n", sum);
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: sum=820
// CHECK: WARNING: gosan: data race
// CHECK: Read of size 8 at {{.*}} by goroutine 1:
// CHECK: Previous write of size 8 at {{.*}} by goroutine {{[0-9]+}}:
// CHECK: Location is global 'vals
