// Custom locks annotated for TSan (see tsan_custom_mutex.c) used by
// goroutines: the spin lock on relaxed atomics (yielding while it spins)
// orders its critical sections only through the annotations (counter: no
// race), and two goroutines taking two such locks in opposite orders, one
// after the other in real time (a relaxed flag, which orders nothing), are
// a lock-order inversion (inversion), on one worker thread or two.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: env GOSAN_MAXPROCS=1 %t counter 2>&1 | FileCheck --check-prefix=OK %s
// RUN: env GOSAN_MAXPROCS=2 %t counter 2>&1 | FileCheck --check-prefix=OK %s
// RUN: env GOSAN_MAXPROCS=1 not %t inversion 2>&1 | FileCheck --check-prefix=INV %s
// RUN: env GOSAN_MAXPROCS=2 not %t inversion 2>&1 | FileCheck --check-prefix=INV %s
// OK-NOT: WARNING
// OK: counter=2000
// INV: WARNING: gosan: lock-order inversion (potential deadlock)
// INV: Mutex M2 acquired here while holding mutex M1 in goroutine
// INV: SUMMARY: gosan: lock-order inversion
#include <gosan/go.h>
#include <sanitizer/tsan_interface.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

typedef struct spin {
    atomic_int word;
} spin;

static void spin_lock(spin *l) {
    __tsan_mutex_pre_lock(l, 0);
    while (atomic_exchange_explicit(&l->word, 1, memory_order_relaxed))
        go_yield();
    __tsan_mutex_post_lock(l, 0, 0);
}

static void spin_unlock(spin *l) {
    __tsan_mutex_pre_unlock(l, 0);
    atomic_store_explicit(&l->word, 0, memory_order_relaxed);
    __tsan_mutex_post_unlock(l, 0);
}

static spin a, b;
static int counter;
static atomic_int first_done; // relaxed only
static go_wg wg;

static void count(void *arg) {
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        spin_lock(&a);
        counter++;
        spin_unlock(&a);
        if (i % 16 == 0)
            go_yield();
    }
    go_wg_done(&wg);
}

static void a_then_b(void *arg) {
    (void)arg;
    spin_lock(&a);
    spin_lock(&b);
    spin_unlock(&b);
    spin_unlock(&a);
    atomic_store_explicit(&first_done, 1, memory_order_relaxed);
    go_wg_done(&wg);
}

static void b_then_a(void *arg) {
    (void)arg;
    while (!atomic_load_explicit(&first_done, memory_order_relaxed))
        go_yield();
    spin_lock(&b);
    spin_lock(&a);
    spin_unlock(&a);
    spin_unlock(&b);
    go_wg_done(&wg);
}

int main(int argc, char **argv) {
    int inversion = argc > 1 && !strcmp(argv[1], "inversion");
    go_wg_add(&wg, 2);
    go_spawn(inversion ? b_then_a : count, NULL);
    go_spawn(inversion ? a_then_b : count, NULL);
    go_wg_wait(&wg);
    if (!inversion)
        printf("counter=%d\n", counter);
    return 0;
}
