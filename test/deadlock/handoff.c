// Go lets one goroutine unlock a mutex another locked ("a locked Mutex is
// not associated with a particular goroutine"): main locks l, a helper
// sets a and unlocks l, main's second lock of l then goes on and reads a.
// Not a deadlock, not a race: no report, exit status 0, in both real-time
// orders (EARLY: the helper unlocks before main's second lock starts; else
// main is already blocked on l when the helper unlocks it), also with the
// reachability scan running while main waits.  The program ends right
// after.  RW: the same with an RWMutex's write lock.  With
// detect_recursive_lock=1 (go-deadlock's rule: the locker is
// the unlocker) main's relock is reported at once as a wait cycle.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: %t 2>&1 | FileCheck %s
// RUN: env GOSAN_OPTIONS=deadlock_scan_ms=2 %t 2>&1 | FileCheck %s
// RUN: %gosan-cc -DEARLY %s -o %t-early
// RUN: %t-early 2>&1 | FileCheck %s
// RUN: env GOSAN_OPTIONS=deadlock_scan_ms=2 %t-early 2>&1 | FileCheck %s
// RUN: env GOSAN_OPTIONS=detect_recursive_lock=1 not %t 2>&1 | FileCheck --check-prefix=STRICT %s
// RUN: %gosan-cc -DRW %s -o %t-rw
// RUN: env GOSAN_OPTIONS=deadlock_scan_ms=2 %t-rw 2>&1 | FileCheck %s
// RUN: %gosan-cc -DRW -DEARLY %s -o %t-rw-early
// RUN: env GOSAN_OPTIONS=deadlock_scan_ms=2 %t-rw-early 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#ifdef RW
static go_rwmutex l;
#define LOCK go_rwmutex_lock
#define UNLOCK go_rwmutex_unlock
#else
static go_mutex l;
#define LOCK go_mutex_lock
#define UNLOCK go_mutex_unlock
#endif
static const char *a;
static atomic_int unlocked; /* relaxed: orders nothing for the checker */

static void spin_ms(int ms)
{
    struct timespec s, n;
    clock_gettime(CLOCK_MONOTONIC, &s);
    do
        clock_gettime(CLOCK_MONOTONIC, &n);
    while ((n.tv_sec - s.tv_sec) * 1000000000L + (n.tv_nsec - s.tv_nsec) < ms * 1000000L);
}

static void g1(void *arg)
{
    (void)arg;
#ifndef EARLY
    spin_ms(30);                /* main blocks on l meanwhile */
#endif
    a = "hello";
    UNLOCK(&l);                // the helper unlocks main's lock
    atomic_store_explicit(&unlocked, 1, memory_order_relaxed);
}

int main(void)
{
    LOCK(&l);
    go_spawn(g1, NULL);
#ifdef EARLY
    while (!atomic_load_explicit(&unlocked, memory_order_relaxed))
        go_yield();
#endif
    LOCK(&l);                  // main relocks
    printf("a = %s\n", a);
    return 0;
}
// CHECK-NOT: WARNING: gosan
// CHECK: a = hello
// CHECK-NOT: WARNING: gosan

// STRICT: WARNING: gosan: deadlock
// STRICT-NEXT: Wait cycle: goroutine 1 => goroutine 1
// STRICT: Goroutine 1 waits to lock mutex 0x{{[0-9a-f]+}} at:
// STRICT-NEXT: #0 main {{.*}}handoff.c:68
// STRICT: Mutex 0x{{[0-9a-f]+}} is held by goroutine 1, which locked it at:
// STRICT-NEXT: #0 main {{.*}}handoff.c:62
// STRICT: SUMMARY: gosan: deadlock {{.*}}handoff.c:68 in main
// STRICT-NOT: a = hello
