// go_mutex: mutual exclusion under contention (a plain counter incremented
// by many goroutines ends exact, and no two goroutines are ever inside at
// once), go_mutex_trylock, and no starvation: a goroutine blocked on Lock
// gets the mutex while another keeps re-locking it.
// RUN: %plain-cc %s -o %t
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=2 %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=8 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
// RUN: %cc-tsan %s -o %t-tsan && env GOSAN_MAXPROCS=2 %t-tsan | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

enum { NG = 100, ITERS = 1000 };

static go_mutex mu;
static long counter;           /* plain: only the mutex protects it */
static atomic_int inside, overlaps;
static go_wg wg;

static void incrementer(void *arg)
{
    (void)arg;
    for (int i = 0; i < ITERS; i++) {
        go_mutex_lock(&mu);
        if (atomic_fetch_add(&inside, 1) != 0)
            atomic_fetch_add(&overlaps, 1);
        long v = counter;
        if (i % 64 == 0)
            go_yield();        /* hold the lock across a switch now and then */
        counter = v + 1;
        atomic_fetch_sub(&inside, 1);
        go_mutex_unlock(&mu);
    }
    go_wg_done(&wg);
}

static void trylock_test(void)
{
    go_mutex m = {0};
    printf("trylock free: %d\n", go_mutex_trylock(&m));
    printf("trylock held: %d\n", go_mutex_trylock(&m));
    go_mutex_unlock(&m);
    go_mutex_lock(&m);
    printf("trylock after lock: %d\n", go_mutex_trylock(&m));
    go_mutex_unlock(&m);
    printf("trylock after unlock: %d\n", go_mutex_trylock(&m));
    go_mutex_unlock(&m);
}

/* A hog re-locks as soon as it unlocks and sleeps while holding the mutex;
 * the waiter must still get in (Go's starvation mode). */
static go_mutex hogged;
static atomic_int waiter_done;
static atomic_long hog_rounds;

static void hog(void *arg)
{
    (void)arg;
    while (!atomic_load(&waiter_done) && atomic_load(&hog_rounds) < 20000) {
        go_mutex_lock(&hogged);
        go_sleep(100 * 1000);
        go_mutex_unlock(&hogged);
        atomic_fetch_add(&hog_rounds, 1);
    }
    go_wg_done(&wg);
}

static void starve_test(void)
{
    go_wg_add(&wg, 1);
    go_spawn(hog, NULL);
    while (atomic_load(&hog_rounds) < 3)
        go_sleep(1000 * 1000);
    go_mutex_lock(&hogged);
    atomic_store(&waiter_done, 1);
    go_mutex_unlock(&hogged);
    go_wg_wait(&wg);
    printf("waiter got the mutex while the hog ran: %s\n",
           atomic_load(&hog_rounds) < 20000 ? "yes" : "no");
}

int main(void)
{
    go_wg_add(&wg, NG);
    for (int i = 0; i < NG; i++)
        go_spawn(incrementer, NULL);
    go_wg_wait(&wg);
    printf("counter=%ld overlaps=%d\n", counter, atomic_load(&overlaps));
    trylock_test();
    starve_test();
    return 0;
}
// CHECK: counter=100000 overlaps=0
// CHECK-NEXT: trylock free: 1
// CHECK-NEXT: trylock held: 0
// CHECK-NEXT: trylock after lock: 0
// CHECK-NEXT: trylock after unlock: 1
// CHECK-NEXT: waiter got the mutex while the hog ran: yes
