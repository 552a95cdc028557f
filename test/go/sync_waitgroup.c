// go_wg: Wait returns once every Done arrived (fan-out of many goroutines),
// several goroutines can Wait on one round, Wait on a zero counter returns
// at once, Add of several at a time, and the group is reused for more
// rounds after Wait returns.
// RUN: %plain-cc %s -o %t
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=2 %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=8 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
// RUN: %cc-tsan %s -o %t-tsan && env GOSAN_MAXPROCS=2 %t-tsan | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

enum { ROUNDS = 5, WORKERS = 200, EXTRA_WAITERS = 3 };

static go_wg wg, waiters_done;
static atomic_int finished;      /* workers finished in this round */
static atomic_int bad_waits;     /* a Wait returned before the round ended */

static void worker(void *arg)
{
    long i = (long)arg;
    if (i % 3 == 0)
        go_yield();
    if (i % 17 == 0)
        go_sleep(1000 * 1000);
    atomic_fetch_add(&finished, 1);
    go_wg_done(&wg);
}

static void extra_waiter(void *arg)
{
    (void)arg;
    go_wg_wait(&wg);
    if (atomic_load(&finished) != WORKERS)
        atomic_fetch_add(&bad_waits, 1);
    go_wg_done(&waiters_done);
}

int main(void)
{
    go_wg zero = {0};
    go_wg_wait(&zero);
    printf("wait on zero returned\n");

    for (int r = 0; r < ROUNDS; r++) {
        atomic_store(&finished, 0);
        go_wg_add(&wg, WORKERS / 2);
        go_wg_add(&wg, WORKERS / 2);
        go_wg_add(&waiters_done, EXTRA_WAITERS);
        for (int i = 0; i < EXTRA_WAITERS; i++)
            go_spawn(extra_waiter, NULL);
        for (long i = 0; i < WORKERS; i++)
            go_spawn(worker, (void *)i);
        go_wg_wait(&wg);
        int seen = atomic_load(&finished);
        go_wg_wait(&waiters_done);   /* before reusing wg: Go's rule */
        printf("round %d: finished=%d\n", r, seen);
    }
    go_wg_add(&wg, 0);
    go_wg_wait(&wg);
    printf("bad waits=%d\n", atomic_load(&bad_waits));
    return 0;
}
// CHECK: wait on zero returned
// CHECK-NEXT: round 0: finished=200
// CHECK-NEXT: round 1: finished=200
// CHECK-NEXT: round 2: finished=200
// CHECK-NEXT: round 3: finished=200
// CHECK-NEXT: round 4: finished=200
// CHECK-NEXT: bad waits=0
