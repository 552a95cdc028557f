// A relock that nobody can release is still a deadlock.  main locks l and
// relocks it; the helper that could have unlocked l sets a and returns
// without unlocking (EARLY: it has already returned when main relocks;
// else main is already blocked when it returns), or (BLOCKED) blocks for
// good on a channel instead.  Then every goroutine is asleep: the checker
// reports the `deadlock`, naming main's wait and main as the holder, and
// the program ends with the checker's status.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: %gosan-cc -DEARLY %s -o %t-early
// RUN: not %t-early > %t-early.out 2>&1
// RUN: FileCheck %s < %t-early.out
// RUN: %gosan-cc -DBLOCKED %s -o %t-blocked
// RUN: not %t-blocked > %t-blocked.out 2>&1
// RUN: FileCheck %s < %t-blocked.out
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

static go_mutex l;
static const char *a;
static atomic_int gone; /* relaxed: orders nothing for the checker */

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
#ifndef EARLY
    spin_ms(30);                /* main blocks on l meanwhile */
#endif
    a = "hello";
    atomic_store_explicit(&gone, 1, memory_order_relaxed);
#ifdef BLOCKED
    go_chan_recv(arg, NULL);    /* nobody sends: blocked for good */
#else
    (void)arg;
#endif
}                               /* l is never unlocked */

int main(void)
{
    go_chan *never = go_chan_make(0, 0);
    go_mutex_lock(&l);
    go_spawn(g1, never);
#ifdef EARLY
    while (!atomic_load_explicit(&gone, memory_order_relaxed))
        go_yield();
    go_sleep(5000000);          /* g1 has returned (or blocked) by now */
#endif
    go_mutex_lock(&l);          // main relocks: nobody can unlock l
    printf("unreachable %s\n", a);
    return 0;
}
// CHECK: WARNING: gosan: deadlock
// CHECK-NEXT: All goroutines are asleep: none of them can ever run again.
// CHECK: Goroutine 1 waits in sync.Mutex.Lock on Mutex 0x{{[0-9a-f]+}} (for {{.*}}):
// CHECK-NEXT: #0 main {{.*}}handoff_exit.c:60
// CHECK-NEXT: Mutex 0x{{[0-9a-f]+}} is held by goroutine 1, which locked it at:
// CHECK-NEXT: #0 main {{.*}}handoff_exit.c:53
// CHECK: SUMMARY: gosan: deadlock {{.*}}handoff_exit.c:60 in main
// CHECK-NOT: unreachable
