// Locks handed along a chain of three goroutines: main locks a and spawns
// g1; g1 locks b and spawns g2; g2 unlocks b (g1's lock), g1 relocks b,
// then unlocks it and unlocks a (main's lock); main relocks a.  No wait
// cycle (each relock waits for a goroutine that will unlock), in both
// real-time orders (EARLY: every unlock comes before the relock waiting
// for it; else every relock is already blocked).  The hand-off lock makes
// no lock-order edges: main took x while holding a, which g1 was going to
// unlock, and g3 later takes a while holding x: no inversion either, and
// g2's own later lock of x is an ordinary lock.  No report, exit status 0.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: %t 2>&1 | FileCheck %s
// RUN: %gosan-cc -DEARLY %s -o %t-early
// RUN: %t-early 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

static go_mutex a, b, x;
static int v, w;
static go_chan *done;
static atomic_int a_free, b_free; /* relaxed: order nothing for the checker */

static void spin_ms(int ms)
{
    struct timespec s, n;
    clock_gettime(CLOCK_MONOTONIC, &s);
    do
        clock_gettime(CLOCK_MONOTONIC, &n);
    while ((n.tv_sec - s.tv_sec) * 1000000000L + (n.tv_nsec - s.tv_nsec) < ms * 1000000L);
}

/* EARLY: wait until the hand-off unlock happened; else let the relock
 * block first. */
static void before_relock(atomic_int *freed)
{
#ifdef EARLY
    while (!atomic_load_explicit(freed, memory_order_relaxed))
        go_yield();
#else
    (void)freed;
#endif
}

static void before_unlock(void)
{
#ifndef EARLY
    spin_ms(30);
#endif
}

static void g2(void *arg)
{
    (void)arg;
    before_unlock();
    w = 2;
    go_mutex_unlock(&b);        // g2 unlocks g1's lock
    atomic_store_explicit(&b_free, 1, memory_order_relaxed);
    go_mutex_lock(&x);
    go_mutex_unlock(&x);
}

static void g1(void *arg)
{
    (void)arg;
    go_mutex_lock(&b);
    go_spawn(g2, NULL);
    before_relock(&b_free);
    go_mutex_lock(&b);          // g1 relocks b
    v = w + 1;
    go_mutex_unlock(&b);
    before_unlock();
    go_mutex_unlock(&a);        // g1 unlocks main's lock
    atomic_store_explicit(&a_free, 1, memory_order_relaxed);
}

static void g3(void *arg)
{
    (void)arg;
    go_mutex_lock(&x);
    go_mutex_lock(&a);          // a after x: the reverse of main's a then x
    go_mutex_unlock(&a);
    go_mutex_unlock(&x);
    go_chan_send(done, NULL);
}

int main(void)
{
    done = go_chan_make(0, 0);
    go_mutex_lock(&a);
    go_mutex_lock(&x);          // x while holding a (a lock g1 will unlock)
    go_mutex_unlock(&x);
    go_spawn(g1, NULL);
    before_relock(&a_free);
    go_mutex_lock(&a);          // main relocks a
    printf("v = %d\n", v);
    go_mutex_unlock(&a);
    go_spawn(g3, NULL);
    go_chan_recv(done, NULL);
    return 0;
}
// CHECK-NOT: WARNING: gosan
// CHECK: v = 3
// CHECK-NOT: WARNING: gosan
