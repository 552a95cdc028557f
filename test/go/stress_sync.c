// Stress: thousands of goroutines doing random Mutex, RWMutex (read, write,
// try), WaitGroup (nested fan-outs), Once and Cond (a counting semaphore)
// operations, each goroutine following its own seeded random sequence.
// Invariants checked: a Mutex or write lock is never shared, readers never
// overlap a writer, the Cond-guarded pool never goes below zero, every
// Once ran once, every nested WaitGroup saw all its children, and the
// plain counters guarded by the locks end exact.
// RUN: %plain-cc -O1 %s -o %t
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=2 %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=8 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && env GOSAN_MAXPROCS=2 %t-asan | FileCheck %s
// TSan runs with 300 goroutines (the optional argument): it slows down
// sharply once many more goroutines are alive than it has thread slots (256),
// and 300 still give "many" operations of every kind.
// RUN: %cc-tsan %s -o %t-tsan && env GOSAN_MAXPROCS=2 %t-tsan 300 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { NG = 3000, OPS = 40, NONCE = 8, POOL = 5, CHILDREN = 3 };

static go_mutex mu;
static long mu_counter;                 /* under mu */
static atomic_long mu_expected;
static atomic_int mu_inside;

static go_rwmutex rw;
static long rw_counter;                 /* written under rw's write lock */
static atomic_long rw_expected;
static atomic_int w_inside, r_inside;

static go_once onces[NONCE];
static atomic_int once_runs[NONCE];
static int once_value[NONCE];           /* published by the Once */

static go_mutex pool_mu;
static go_cond pool_cond;
static int pool = POOL;                 /* under pool_mu */
static atomic_int pool_in_use;

static atomic_long child_runs, child_expected;
static atomic_int errors;
static go_wg all;

static void fail(const char *what)
{
    if (atomic_fetch_add(&errors, 1) < 5)
        printf("invariant broken: %s\n", what);
}

static uint32_t next_rand(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void op_mutex(uint32_t r)
{
    if ((r & 3) == 0) {
        if (!go_mutex_trylock(&mu))
            return;
    } else {
        go_mutex_lock(&mu);
    }
    if (atomic_fetch_add(&mu_inside, 1) != 0)
        fail("two goroutines inside the mutex");
    long v = mu_counter;
    if (r & 8)
        go_yield();
    mu_counter = v + 1;
    atomic_fetch_add(&mu_expected, 1);
    atomic_fetch_sub(&mu_inside, 1);
    go_mutex_unlock(&mu);
}

static void op_write(uint32_t r)
{
    if ((r & 3) == 0) {
        if (!go_rwmutex_trylock(&rw))
            return;
    } else {
        go_rwmutex_lock(&rw);
    }
    if (atomic_fetch_add(&w_inside, 1) != 0 || atomic_load(&r_inside) != 0)
        fail("a writer is not alone");
    long v = rw_counter;
    if (r & 8)
        go_yield();
    rw_counter = v + 1;
    atomic_fetch_add(&rw_expected, 1);
    atomic_fetch_sub(&w_inside, 1);
    go_rwmutex_unlock(&rw);
}

static void op_read(uint32_t r)
{
    if ((r & 3) == 0) {
        if (!go_rwmutex_tryrlock(&rw))
            return;
    } else {
        go_rwmutex_rlock(&rw);
    }
    atomic_fetch_add(&r_inside, 1);
    if (atomic_load(&w_inside) != 0)
        fail("a reader overlaps a writer");
    if (r & 8)
        go_yield();
    atomic_fetch_sub(&r_inside, 1);
    go_rwmutex_runlock(&rw);
}

static void once_fn(void *arg)
{
    int i = (int)(long)arg;
    atomic_fetch_add(&once_runs[i], 1);
    go_yield();
    once_value[i] = i + 1;
}

static void op_once(uint32_t r)
{
    int i = (int)(r % NONCE);
    go_once_do(&onces[i], once_fn, (void *)(long)i);
    if (once_value[i] != i + 1)
        fail("go_once_do returned before the function did");
}

/* The pool is a counting semaphore built from a Cond. */
static void op_pool(uint32_t r)
{
    go_mutex_lock(&pool_mu);
    while (pool == 0)
        go_cond_wait(&pool_cond);
    pool--;
    go_mutex_unlock(&pool_mu);
    if (atomic_fetch_add(&pool_in_use, 1) >= POOL)
        fail("more pool slots in use than exist");
    if (r & 8)
        go_yield();
    atomic_fetch_sub(&pool_in_use, 1);
    go_mutex_lock(&pool_mu);
    pool++;
    if (r & 16)
        go_cond_broadcast(&pool_cond);
    else
        go_cond_signal(&pool_cond);
    go_mutex_unlock(&pool_mu);
}

struct fan { go_wg wg; atomic_int done; };

static void child(void *arg)
{
    struct fan *f = arg;
    atomic_fetch_add(&f->done, 1);
    atomic_fetch_add(&child_runs, 1);
    go_wg_done(&f->wg);
}

static void op_fanout(uint32_t r)
{
    struct fan f = {0};
    for (int round = 0; round < 1 + (int)(r & 1); round++) {   /* reuse it */
        atomic_store(&f.done, 0);
        go_wg_add(&f.wg, CHILDREN);
        for (int i = 0; i < CHILDREN; i++)
            go_spawn(child, &f);
        atomic_fetch_add(&child_expected, CHILDREN);
        go_wg_wait(&f.wg);
        if (atomic_load(&f.done) != CHILDREN)
            fail("go_wg_wait returned before every Done");
    }
}

static void worker(void *arg)
{
    uint32_t seed = (uint32_t)(uintptr_t)arg * 2654435761u + 1;
    for (int i = 0; i < OPS; i++) {
        uint32_t r = next_rand(&seed);
        switch ((r >> 8) % 6) {
        case 0: op_mutex(r); break;
        case 1: op_write(r); break;
        case 2: op_read(r); break;
        case 3: op_once(r); break;
        case 4: op_pool(r); break;
        case 5: op_fanout(r); break;
        }
    }
    go_wg_done(&all);
}

int main(int argc, char **argv)
{
    long ng = argc > 1 ? atol(argv[1]) : NG;
    if (ng < 1 || ng > NG) {
        fprintf(stderr, "usage: %s [goroutines, 1..%d]\n", argv[0], NG);
        return 2;
    }
    go_cond_init(&pool_cond, &pool_mu);
    go_wg_add(&all, ng);
    for (long i = 0; i < ng; i++)
        go_spawn(worker, (void *)i);
    go_wg_wait(&all);

    if (mu_counter != atomic_load(&mu_expected))
        fail("mutex counter lost updates");
    if (rw_counter != atomic_load(&rw_expected))
        fail("rwmutex counter lost updates");
    for (int i = 0; i < NONCE; i++)
        if (atomic_load(&once_runs[i]) != 1)
            fail("a Once ran other than once");
    if (pool != POOL)
        fail("pool slots leaked");
    if (atomic_load(&child_runs) != atomic_load(&child_expected))
        fail("children lost");
    printf("mutex ops %s, write ops %s, children %s\n",
           atomic_load(&mu_expected) > 1000 ? "many" : "few",
           atomic_load(&rw_expected) > 1000 ? "many" : "few",
           atomic_load(&child_runs) > 1000 ? "many" : "few");
    printf("errors=%d\n", atomic_load(&errors));
    return 0;
}
// CHECK-NOT: invariant broken
// CHECK: mutex ops many, write ops many, children many
// CHECK-NEXT: errors=0
