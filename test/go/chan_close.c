// Close wakes every blocked receiver with ok == false and a zeroed value,
// makes every blocked sender return GO_ECLOSED, and leaves buffered values
// to be drained before receives report "closed".
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=2 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

#define WAITERS 100 /* more than one wake-up batch */
static go_chan *c;
static go_wg wg;
static atomic_int not_ok, nonzero, send_closed, parked;

static void receiver(void *arg) {
    (void)arg;
    long v = 12345;
    atomic_fetch_add(&parked, 1);
    if (!go_chan_recv(c, &v))
        atomic_fetch_add(&not_ok, 1);
    if (v != 0)
        atomic_fetch_add(&nonzero, 1);
    go_wg_done(&wg);
}

static void sender(void *arg) {
    (void)arg;
    long v = 7;
    atomic_fetch_add(&parked, 1);
    if (go_chan_send(c, &v) == GO_ECLOSED)
        atomic_fetch_add(&send_closed, 1);
    go_wg_done(&wg);
}

int main(void) {
    c = go_chan_make(sizeof(long), 0);
    go_wg_add(&wg, WAITERS);
    for (int i = 0; i < WAITERS; i++)
        go_spawn(receiver, NULL);
    while (atomic_load(&parked) < WAITERS)
        go_yield();
    go_sleep(10 * 1000000ll);
    printf("close: %d\n", go_chan_close(c));
    go_wg_wait(&wg);
    printf("receivers woken with ok=false: %d, nonzero values: %d\n", atomic_load(&not_ok), atomic_load(&nonzero));
    go_chan_free(c);

    c = go_chan_make(sizeof(long), 0);
    atomic_store(&parked, 0);
    go_wg_add(&wg, WAITERS);
    for (int i = 0; i < WAITERS; i++)
        go_spawn(sender, NULL);
    while (atomic_load(&parked) < WAITERS)
        go_yield();
    go_sleep(10 * 1000000ll);
    go_chan_close(c);
    go_wg_wait(&wg);
    printf("senders woken with GO_ECLOSED: %d\n", atomic_load(&send_closed));
    long v = 5;
    printf("recv after close: ok=%d v=%ld\n", go_chan_recv(c, &v), v);
    go_chan_free(c);

    c = go_chan_make(sizeof(long), 4);
    for (long i = 1; i <= 3; i++)
        go_chan_send(c, &i);
    go_chan_close(c);
    printf("len after close: %zu\n", go_chan_len(c));
    for (int i = 0; i < 5; i++) {
        long x = -1;
        bool ok = go_chan_recv(c, &x);
        printf("drain: ok=%d v=%ld\n", ok, x);
    }
    printf("recv NULL elem after close: %d\n", go_chan_recv(c, NULL));
    go_chan_free(c);
    return 0;
}
// CHECK: close: 0
// CHECK: receivers woken with ok=false: 100, nonzero values: 0
// CHECK: senders woken with GO_ECLOSED: 100
// CHECK: recv after close: ok=0 v=0
// CHECK: len after close: 3
// CHECK-NEXT: drain: ok=1 v=1
// CHECK-NEXT: drain: ok=1 v=2
// CHECK-NEXT: drain: ok=1 v=3
// CHECK-NEXT: drain: ok=0 v=0
// CHECK-NEXT: drain: ok=0 v=0
// CHECK: recv NULL elem after close: 0
