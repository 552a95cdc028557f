// go_rwmutex: readers hold the lock together; writers exclude everyone;
// TryLock/TryRLock; writer preference (a pending Lock blocks new RLocks);
// no reader starvation (readers waiting when a writer unlocks all get in
// before the next writer).
// RUN: %plain-cc %s -o %t
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=2 %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=8 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
// RUN: %cc-tsan %s -o %t-tsan && env GOSAN_MAXPROCS=2 %t-tsan | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define MS (1000LL * 1000)

static go_rwmutex rw;
static go_wg wg;

/* ---- readers overlap: each waits inside until all NR are inside. */
enum { NR = 10 };
static atomic_int readers_inside, max_readers_inside;

static void overlapping_reader(void *arg)
{
    (void)arg;
    go_rwmutex_rlock(&rw);
    atomic_fetch_add(&readers_inside, 1);
    for (int i = 0; i < 10000 && atomic_load(&readers_inside) < NR; i++)
        go_sleep(MS);
    int n = atomic_load(&readers_inside);
    int m = atomic_load(&max_readers_inside);
    while (n > m && !atomic_compare_exchange_weak(&max_readers_inside, &m, n))
        ;
    go_rwmutex_runlock(&rw);
    go_wg_done(&wg);
}

/* ---- writers and readers mixed: a writer is always alone. */
static atomic_int w_in, r_in, violations;
static int shared[4];

static void mixed(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < 300; i++) {
        if ((id + i) % 5 == 0) {
            go_rwmutex_lock(&rw);
            if (atomic_fetch_add(&w_in, 1) != 0 || atomic_load(&r_in) != 0)
                atomic_fetch_add(&violations, 1);
            for (int k = 0; k < 4; k++)
                shared[k]++;
            if (i % 7 == 0)
                go_yield();
            atomic_fetch_sub(&w_in, 1);
            go_rwmutex_unlock(&rw);
        } else {
            go_rwmutex_rlock(&rw);
            atomic_fetch_add(&r_in, 1);
            if (atomic_load(&w_in) != 0)
                atomic_fetch_add(&violations, 1);
            if (shared[0] != shared[3])   /* a torn write would show here */
                atomic_fetch_add(&violations, 1);
            if (i % 7 == 0)
                go_yield();
            atomic_fetch_sub(&r_in, 1);
            go_rwmutex_runlock(&rw);
        }
    }
    go_wg_done(&wg);
}

/* ---- an ordered log of who got in. */
static go_mutex log_mu;
static char order[16];

static void log_char(char c)
{
    go_mutex_lock(&log_mu);
    order[strlen(order)] = c;
    go_mutex_unlock(&log_mu);
}

static atomic_int arrived;

static void writer_W(void *arg)
{
    atomic_fetch_add(&arrived, 1);
    go_rwmutex_lock(&rw);
    log_char(*(const char *)arg);
    go_rwmutex_unlock(&rw);
    go_wg_done(&wg);
}

static void reader_r(void *arg)
{
    atomic_fetch_add(&arrived, 1);
    go_rwmutex_rlock(&rw);
    log_char(*(const char *)arg);
    go_rwmutex_runlock(&rw);
    go_wg_done(&wg);
}

static void wait_arrived(int n)
{
    for (int i = 0; i < 10000 && atomic_load(&arrived) < n; i++)
        go_sleep(MS);
    go_sleep(100 * MS); /* from "arrived" to blocking is a few instructions */
}

static void writer_preference(void)
{
    memset(order, 0, sizeof order);
    atomic_store(&arrived, 0);
    go_rwmutex_rlock(&rw);
    go_wg_add(&wg, 2);
    go_spawn(writer_W, "W");
    /* TryRLock fails once the writer is pending, though only readers hold it. */
    int tries = 0;
    while (go_rwmutex_tryrlock(&rw) && tries++ < 10000) {
        go_rwmutex_runlock(&rw);
        go_sleep(MS);
    }
    printf("pending writer blocks tryrlock: %s\n", tries < 10000 ? "yes" : "no");
    go_spawn(reader_r, "r");
    wait_arrived(2);
    printf("while main reads: [%s]\n", order);
    go_rwmutex_runlock(&rw);
    go_wg_wait(&wg);
    printf("writer preference order: [%s]\n", order);
}

static void no_reader_starvation(void)
{
    memset(order, 0, sizeof order);
    atomic_store(&arrived, 0);
    go_rwmutex_lock(&rw);
    go_wg_add(&wg, 4);
    go_spawn(reader_r, "r");
    go_spawn(reader_r, "r");
    go_spawn(reader_r, "r");
    wait_arrived(3);
    go_spawn(writer_W, "W");
    wait_arrived(4);
    printf("while main writes: [%s]\n", order);
    go_rwmutex_unlock(&rw);
    go_wg_wait(&wg);
    printf("waiting readers before next writer: [%s]\n", order);
}

static void try_test(void)
{
    go_rwmutex m = {0};
    printf("trylock free: %d\n", go_rwmutex_trylock(&m));
    printf("tryrlock write-held: %d\n", go_rwmutex_tryrlock(&m));
    printf("trylock write-held: %d\n", go_rwmutex_trylock(&m));
    go_rwmutex_unlock(&m);
    printf("tryrlock free: %d\n", go_rwmutex_tryrlock(&m));
    printf("tryrlock read-held: %d\n", go_rwmutex_tryrlock(&m));
    printf("trylock read-held: %d\n", go_rwmutex_trylock(&m));
    go_rwmutex_runlock(&m);
    go_rwmutex_runlock(&m);
    printf("trylock after runlocks: %d\n", go_rwmutex_trylock(&m));
    go_rwmutex_unlock(&m);
}

int main(void)
{
    go_wg_add(&wg, NR);
    for (int i = 0; i < NR; i++)
        go_spawn(overlapping_reader, NULL);
    go_wg_wait(&wg);
    printf("readers inside at once: %d\n", atomic_load(&max_readers_inside));

    go_wg_add(&wg, 20);
    for (long i = 0; i < 20; i++)
        go_spawn(mixed, (void *)i);
    go_wg_wait(&wg);
    printf("violations=%d writes=%d\n", atomic_load(&violations), shared[0]);

    try_test();
    writer_preference();
    no_reader_starvation();
    return 0;
}
// CHECK: readers inside at once: 10
// CHECK-NEXT: violations=0 writes=1200
// CHECK-NEXT: trylock free: 1
// CHECK-NEXT: tryrlock write-held: 0
// CHECK-NEXT: trylock write-held: 0
// CHECK-NEXT: tryrlock free: 1
// CHECK-NEXT: tryrlock read-held: 1
// CHECK-NEXT: trylock read-held: 0
// CHECK-NEXT: trylock after runlocks: 1
// CHECK-NEXT: pending writer blocks tryrlock: yes
// CHECK-NEXT: while main reads: []
// CHECK-NEXT: writer preference order: [Wr]
// CHECK-NEXT: while main writes: []
// CHECK-NEXT: waiting readers before next writer: [rrrW]
