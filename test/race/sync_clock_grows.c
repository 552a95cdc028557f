// A WaitGroup's clock keeps what it learned while few goroutines existed
// after many more have appeared.  Goroutine 2 writes x[0] and calls Done
// while fewer than 8 goroutines have touched memory (the clock is small
// then); 30 more goroutines, each started after the previous one is done,
// write their own x[i] and call Done, so the clock must grow without losing
// goroutine 2's entry.  Main's Wait orders every write before its reads:
// nothing races (NORACE).  With -DRACY goroutine 2 calls Done before its
// write, and main's read of x[0] races with it.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

#define LATER 30
static go_wg wg;
long x[LATER + 1];
static atomic_int done;

static void writer(void *arg) {
    long i = (long)arg;
#ifdef RACY
    if (i == 0) {
        go_wg_done(&wg);
        x[0] = 1;
        atomic_fetch_add_explicit(&done, 1, memory_order_relaxed);
        return;
    }
#endif
    x[i] = i + 1;
    go_wg_done(&wg);
    atomic_fetch_add_explicit(&done, 1, memory_order_relaxed); /* orders nothing */
}

int main(void) {
    go_wg_add(&wg, LATER + 1);
    for (long i = 0; i <= LATER; i++) {
        go_spawn(writer, (void *)i);
        while (atomic_load_explicit(&done, memory_order_relaxed) <= i)
            go_yield();
    }
    go_wg_wait(&wg);
    long sum = 0;
    for (int i = 0; i <= LATER; i++)
        sum += x[i];
    printf("sum=%ld\n", sum);
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: sum=496
// CHECK: WARNING: gosan: data race
// CHECK: Read of size 8 at {{.*}} by goroutine 1:
// CHECK: Previous write of size 8 at {{.*}} by goroutine 2:
// CHECK: Location is global 'x'
