// A granule marked by its first access, an atomic (race/atomic_record.h),
// then crowded by plain writes of its other bytes from eight goroutines,
// each in many epochs: the granule spills to the side table, and records
// move between its cells and its entry (shadow_overflow.c) on every
// rewrite.  The mark must stay in its cell through all of it: main's
// plain write of the atomic's bytes, unordered with the atomic, is a race.
// Run right at exit.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && not %t 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

#define WRITERS 8
#define ROUNDS 200

static struct {
    _Atomic long word;
    char bytes[WRITERS];
} __attribute__((aligned(16))) g;
static _Atomic int flag;
static go_wg wg;
static go_mutex mu[WRITERS];

static void atomic_side(void *arg) {
    (void)arg;
    atomic_store_explicit(&g.word, 1, memory_order_relaxed);
    atomic_store_explicit(&flag, 1, memory_order_relaxed);
}

static void writer(void *arg) {
    long i = (long)arg;
    for (int r = 0; r < ROUNDS; r++) {
        go_mutex_lock(&mu[i]);
        ((volatile char *)g.bytes)[i] = (char)r;
        go_mutex_unlock(&mu[i]); /* a release: the next write is a new epoch */
    }
    go_wg_done(&wg);
}

int main(void) {
    go_spawn(atomic_side, NULL);
    while (!atomic_load_explicit(&flag, memory_order_relaxed))
        go_yield();
    go_wg_add(&wg, WRITERS);
    for (long i = 0; i < WRITERS; i++)
        go_spawn(writer, (void *)i);
    go_wg_wait(&wg);
    *(volatile long *)&g.word = 2;
    return 0;
}
// CHECK: WARNING: gosan: data race
// CHECK: Write of size 8 at {{.*}} by goroutine 1:
// CHECK: Previous atomic write of size 8 at {{.*}} by goroutine 2:
// CHECK: atomic_side
