// A goroutine that locks a mutex it already holds waits for a hand-off:
// another goroutine may unlock it (Go allows that).  It is a deadlock only
// once nothing else that can still run can reach the mutex.  Here the
// worker's mutex is on the heap and only the worker's own stack points to
// it: the periodic reachability scan (deadlock_scan_ms) reports the worker
// while main keeps running, and main goes on.
// GLOBAL: the mutex is a global, so main could still unlock it, and does
// after a while: no report, the worker finishes.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: env GOSAN_OPTIONS=deadlock_scan_ms=20 not %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: %gosan-cc -DGLOBAL %s -o %t-global
// RUN: env GOSAN_OPTIONS=deadlock_scan_ms=20 %t-global 2>&1 | FileCheck --check-prefix=REACHABLE %s
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MS 1000000ll

static go_mutex global_mu;
static go_wg done;

static void worker(void *arg)
{
    go_mutex *mu = arg;
    go_mutex_lock(mu);
    go_mutex_lock(mu);  // worker relocks here
    go_mutex_unlock(mu);
    go_wg_done(&done);
}

/* Overwrites dead stack slots so no stale copy of the mutex pointer
 * survives in main's part of the stack. */
__attribute__((noinline)) static void clobber_stack(void)
{
    volatile char buf[8192];
    memset((char *)buf, 0, sizeof buf);
}

__attribute__((noinline)) static void start(void)
{
#ifdef GLOBAL
    go_mutex *mu = &global_mu;
#else
    go_mutex *mu = calloc(1, sizeof *mu);
#endif
    go_wg_add(&done, 1);
    go_spawn(worker, mu); // worker created here
}

int main(void)
{
    start();
    clobber_stack();
    go_sleep(300 * MS);
#ifdef GLOBAL
    go_mutex_unlock(&global_mu); /* the hand-off the worker waits for */
    go_wg_wait(&done);
#endif
    printf("main done\n");
    return 0;
}
// CHECK: WARNING: gosan: deadlock
// CHECK-NEXT: Goroutine [[G:[0-9]+]] is blocked for good in sync.Mutex.Lock on Mutex 0x{{[0-9a-f]+}} (for {{[^)]*}}): it holds the mutex itself, and nothing else that can still run can reach it:
// CHECK-NEXT: #0 worker {{.*}}relock.c:29
// CHECK-NEXT: Mutex 0x{{[0-9a-f]+}} is held by goroutine [[G]], which locked it at:
// CHECK-NEXT: #0 worker {{.*}}relock.c:28
// CHECK: Goroutine [[G]] created by goroutine 1 at:
// CHECK-NEXT: #0 start {{.*}}relock.c:50
// CHECK: SUMMARY: gosan: deadlock {{.*}}relock.c:29 in worker
// CHECK-NOT: WARNING: gosan: deadlock
// CHECK: main done
// REACHABLE-NOT: WARNING: gosan
// REACHABLE: main done
