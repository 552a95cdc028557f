// Many goroutines on two processors hammer one mutex and one RWMutex: every
// access is ordered by a lock, so a single report is a false one.  A write
// lock's clock is updated without a lock of its own (the mutex orders its
// events); if two of its events could overlap, a lost join would show up
// here as a report.  Twenty goroutines push the clocks past their inline
// size while they are in use; the readers' RLock/RUnlock overlap each other.
// REQUIRES: plugin
// RUN: %gosan-cc -O2 %s -o %t && %t 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

#define WORKERS 20
#define ROUNDS 3000

static long counter, table[8];
static go_mutex mu;
static go_rwmutex rw;
static go_wg wg;

static void worker(void *arg) {
    long id = (long)arg;
    for (int i = 0; i < ROUNDS; i++) {
        go_mutex_lock(&mu);
        counter++;
        go_mutex_unlock(&mu);
        if (i % 4 == (int)(id % 4)) {
            go_rwmutex_lock(&rw);
            table[i % 8] += id;
            go_rwmutex_unlock(&rw);
        } else {
            go_rwmutex_rlock(&rw);
            long s = table[(i + id) % 8];
            go_rwmutex_runlock(&rw);
            if (s < 0) printf("impossible\n");
        }
        if (i % 64 == 0) go_yield();
    }
    go_wg_done(&wg);
}

int main(void) {
    go_maxprocs(2);
    go_wg_add(&wg, WORKERS);
    for (long i = 0; i < WORKERS; i++)
        if (go_spawn(worker, (void *)i)) return 1;
    go_wg_wait(&wg);
    printf("counter %ld\n", counter);
    return 0;
}

// CHECK-NOT: WARNING: gosan
// CHECK: counter 60000
// CHECK-NOT: WARNING: gosan
