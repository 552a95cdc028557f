// A wait cycle through a mutex that a third goroutine is going to unlock
// is no deadlock.  Mutex a is handed off once first (main locks it, a
// helper unlocks it).  Then g1 locks a and b's holder g2 waits for a while
// g1 waits for b: a cycle of g1 and g2, but g3 unlocks a (g1's lock), g2
// goes on and unlocks b, and g1 goes on.  No report (no wait cycle, and
// a hand-off mutex makes no lock-order edge, so no inversion), exit 0, in
// both real-time orders (EARLY: g3 unlocks a before g2 waits for it; else
// the cycle has formed when g3 unlocks a).  With detect_recursive_lock=1
// the cycle is reported when it closes (the STRICT build has no first
// hand-off, whose relock that option reports too, and g3 waits longer).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: %t 2>&1 | FileCheck %s
// RUN: env GOSAN_OPTIONS=deadlock_scan_ms=2 %t 2>&1 | FileCheck %s
// RUN: %gosan-cc -DEARLY %s -o %t-early
// RUN: %t-early 2>&1 | FileCheck %s
// RUN: %gosan-cc -DSTRICT %s -o %t-strict
// RUN: env GOSAN_OPTIONS=detect_recursive_lock=1 not %t-strict 2>&1 | FileCheck --check-prefix=STRICT %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

static go_mutex a, b;
static go_chan *g1_has_a, *g2_has_b, *done;
static int x;
static atomic_int a_free; /* relaxed: orders nothing for the checker */

#if !defined(EARLY) && !defined(STRICT)
static void spin_ms(int ms)
{
    struct timespec s, n;
    clock_gettime(CLOCK_MONOTONIC, &s);
    do
        clock_gettime(CLOCK_MONOTONIC, &n);
    while ((n.tv_sec - s.tv_sec) * 1000000000L + (n.tv_nsec - s.tv_nsec) < ms * 1000000L);
}
#endif

static void first_handoff(void *arg)
{
    (void)arg;
    go_mutex_unlock(&a);
}

static void g1(void *arg)
{
    (void)arg;
    go_mutex_lock(&a);          // g1 locks a, for g3 to unlock
    go_chan_send(g1_has_a, NULL); /* to main */
    go_chan_send(g1_has_a, NULL); /* to g3 */
    go_chan_recv(g2_has_b, NULL);
    go_mutex_lock(&b);          // g1 waits for b
    x++;
    go_mutex_unlock(&b);
    go_chan_send(done, NULL);
}

static void g2(void *arg)
{
    (void)arg;
    go_mutex_lock(&b);          // g2 locks b
    go_chan_send(g2_has_b, NULL); /* to g1 */
    go_chan_send(g2_has_b, NULL); /* to g3 */
#ifdef EARLY
    while (!atomic_load_explicit(&a_free, memory_order_relaxed))
        go_yield();
#endif
    go_mutex_lock(&a);          // g2 waits for a
    x++;
    go_mutex_unlock(&a);
    go_mutex_unlock(&b);
    go_chan_send(done, NULL);
}

static void g3(void *arg)
{
    (void)arg;
    go_chan_recv(g1_has_a, NULL);
    go_chan_recv(g2_has_b, NULL);
#if defined(STRICT)
    go_sleep(5000000000ll);     /* the report ends the program long before */
#elif !defined(EARLY)
    spin_ms(30);                /* g1 and g2 wait for each other meanwhile */
#endif
    go_mutex_unlock(&a);        // g3 unlocks g1's lock
    atomic_store_explicit(&a_free, 1, memory_order_relaxed);
    go_chan_send(done, NULL);
}

int main(void)
{
    g1_has_a = go_chan_make(0, 0);
    g2_has_b = go_chan_make(0, 0);
    done = go_chan_make(0, 3);
#ifndef STRICT
    go_mutex_lock(&a);
    go_spawn(first_handoff, NULL);
    go_mutex_lock(&a);          /* a has been handed off once */
    go_mutex_unlock(&a);
#endif
    go_spawn(g1, NULL);
    go_chan_recv(g1_has_a, NULL);
    go_spawn(g2, NULL);
    go_spawn(g3, NULL);
    for (int i = 0; i < 3; i++)
        go_chan_recv(done, NULL);
    printf("x = %d\n", x);
    return 0;
}
// CHECK-NOT: WARNING: gosan
// CHECK: x = 2
// CHECK-NOT: WARNING: gosan

// STRICT: WARNING: gosan: deadlock
// STRICT-NEXT: Wait cycle: goroutine {{[0-9]+}} => goroutine {{[0-9]+}} => goroutine {{[0-9]+}}
// STRICT: SUMMARY: gosan: deadlock
// STRICT-NOT: x = 2
