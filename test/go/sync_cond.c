// go_cond: Signal wakes exactly one waiter, the longest waiting (FIFO);
// Broadcast wakes all; a woken Wait returns holding the mutex; signals with
// no waiter are not remembered.  Also a bounded queue with two conditions.
// RUN: %plain-cc %s -o %t
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=2 %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=8 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
// RUN: %cc-tsan %s -o %t-tsan && env GOSAN_MAXPROCS=2 %t-tsan | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

#define MS (1000LL * 1000)
enum { NW = 5 };

static go_mutex mu;
static go_cond cond;
static int waiting;        /* under mu: goroutines inside go_cond_wait */
static int woken_order[NW], nwoken;
static go_wg wg;

static void waiter(void *arg)
{
    int id = (int)(long)arg;
    go_mutex_lock(&mu);
    waiting++;
    go_cond_wait(&cond);
    /* holding mu again */
    woken_order[nwoken++] = id;
    waiting--;
    go_mutex_unlock(&mu);
    go_wg_done(&wg);
}

static int locked_read(int *p)
{
    go_mutex_lock(&mu);
    int v = *p;
    go_mutex_unlock(&mu);
    return v;
}

/* Waiter `id` is queued once it counted itself: go_cond_wait queues it
 * before it releases mu. */
static void spawn_waiter_and_wait_queued(int id)
{
    int before = locked_read(&waiting);
    go_spawn(waiter, (void *)(long)id);
    for (int i = 0; i < 10000 && locked_read(&waiting) == before; i++)
        go_sleep(MS);
}

static void wait_woken(int n)
{
    for (int i = 0; i < 10000 && locked_read(&nwoken) < n; i++)
        go_sleep(MS);
}

/* ---- bounded queue: producers wait on not_full, consumers on not_empty. */
enum { CAP = 3, ITEMS = 2000, PRODUCERS = 4, CONSUMERS = 4 };
static go_mutex qmu;
static go_cond not_full, not_empty;
static int q[CAP], qlen, qhead;
static long consumed_sum;
static int consumed, overflow;

static void producer(void *arg)
{
    long base = (long)arg;
    for (int i = 0; i < ITEMS / PRODUCERS; i++) {
        go_mutex_lock(&qmu);
        while (qlen == CAP)
            go_cond_wait(&not_full);
        q[(qhead + qlen++) % CAP] = (int)(base + i);
        go_cond_signal(&not_empty);
        go_mutex_unlock(&qmu);
    }
    go_wg_done(&wg);
}

static void consumer(void *arg)
{
    (void)arg;
    for (;;) {
        go_mutex_lock(&qmu);
        while (qlen == 0 && consumed < ITEMS)
            go_cond_wait(&not_empty);
        if (consumed == ITEMS) {
            go_cond_broadcast(&not_empty); /* let the other consumers out */
            go_mutex_unlock(&qmu);
            break;
        }
        if (qlen > CAP)
            overflow++;
        consumed_sum += q[qhead];
        qhead = (qhead + 1) % CAP;
        qlen--;
        consumed++;
        go_cond_signal(&not_full);
        if (consumed == ITEMS)
            go_cond_broadcast(&not_empty);
        go_mutex_unlock(&qmu);
    }
    go_wg_done(&wg);
}

int main(void)
{
    go_cond_init(&cond, &mu);
    go_cond_signal(&cond);    /* nobody waits: lost, as in Go */
    go_cond_broadcast(&cond);

    go_wg_add(&wg, NW);
    for (int i = 0; i < NW; i++)
        spawn_waiter_and_wait_queued(i);
    printf("queued: %d\n", locked_read(&waiting));

    go_mutex_lock(&mu);
    go_cond_signal(&cond);
    go_mutex_unlock(&mu);
    wait_woken(1);
    go_sleep(50 * MS);         /* a second wake-up would show here */
    printf("after one signal: woken=%d first=%d\n", locked_read(&nwoken), woken_order[0]);

    go_cond_signal(&cond);     /* signalling without holding mu is allowed */
    wait_woken(2);
    printf("after two signals: woken=%d second=%d\n", locked_read(&nwoken), woken_order[1]);

    go_mutex_lock(&mu);
    go_cond_broadcast(&cond);
    go_mutex_unlock(&mu);
    go_wg_wait(&wg);
    printf("after broadcast: woken=%d waiting=%d\n", nwoken, waiting);

    go_cond_init(&not_full, &qmu);
    go_cond_init(&not_empty, &qmu);
    go_wg_add(&wg, PRODUCERS + CONSUMERS);
    for (long p = 0; p < PRODUCERS; p++)
        go_spawn(producer, (void *)(p * (ITEMS / PRODUCERS)));
    for (int c = 0; c < CONSUMERS; c++)
        go_spawn(consumer, NULL);
    go_wg_wait(&wg);
    printf("queue: consumed=%d sum=%ld overflow=%d\n", consumed, consumed_sum, overflow);
    return 0;
}
// CHECK: queued: 5
// CHECK-NEXT: after one signal: woken=1 first=0
// CHECK-NEXT: after two signals: woken=2 second=1
// CHECK-NEXT: after broadcast: woken=5 waiting=0
// CHECK-NEXT: queue: consumed=2000 sum=1999000 overflow=0
