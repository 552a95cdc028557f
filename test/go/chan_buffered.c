// A buffered channel is a FIFO of cap values: sends complete without a
// receiver until it is full, then block until a receive makes room;
// values come out in order; len/cap report the fill level.  With several
// senders each sender's values stay in order.
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=2 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
// RUN: %cc-tsan %s -o %t-tsan && env GOSAN_MAXPROCS=2 %t-tsan | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

static go_chan *c;
static atomic_int fourth_sent;

static void fill(void *arg) {
    (void)arg;
    for (int i = 1; i <= 4; i++) {
        go_chan_send(c, &i);
        if (i == 4)
            atomic_store(&fourth_sent, 1);
    }
}

#define SENDERS 8
#define PER 500
static go_chan *multi;
static void sender(void *arg) {
    int id = (int)(long)arg;
    for (int i = 0; i < PER; i++) {
        int v = id * PER + i;
        go_chan_send(multi, &v);
    }
}

int main(void) {
    c = go_chan_make(sizeof(int), 3);
    printf("empty: len=%zu cap=%zu\n", go_chan_len(c), go_chan_cap(c));
    go_spawn(fill, NULL);
    while (go_chan_len(c) < 3)
        go_yield();
    go_sleep(10 * 1000000ll);
    printf("full: len=%zu fourth sent=%d\n", go_chan_len(c), atomic_load(&fourth_sent));
    for (int i = 0; i < 4; i++) {
        int v = 0;
        go_chan_recv(c, &v);
        printf("got %d\n", v);
    }
    printf("after four receives len=%zu\n", go_chan_len(c));

    /* wrap around the ring many times */
    int bad = 0;
    for (int i = 0; i < 1000; i++) {
        int a = i, b = -i, x, y;
        go_chan_send(c, &a);
        go_chan_send(c, &b);
        go_chan_recv(c, &x);
        go_chan_recv(c, &y);
        bad += x != a || y != b;
    }
    printf("wrap bad=%d\n", bad);

    multi = go_chan_make(sizeof(int), 16);
    for (long s = 0; s < SENDERS; s++)
        go_spawn(sender, (void *)s);
    int next[SENDERS] = {0};
    int misorder = 0;
    for (int i = 0; i < SENDERS * PER; i++) {
        int v;
        go_chan_recv(multi, &v);
        int s = v / PER;
        misorder += v % PER != next[s];
        next[s] = v % PER + 1;
    }
    printf("per-sender order broken %d times, len=%zu\n", misorder, go_chan_len(multi));
    go_chan_free(multi);
    go_chan_free(c);
    return 0;
}
// CHECK: empty: len=0 cap=3
// CHECK: full: len=3 fourth sent=0
// CHECK-NEXT: got 1
// CHECK-NEXT: got 2
// CHECK-NEXT: got 3
// CHECK-NEXT: got 4
// CHECK: after four receives len=0
// CHECK: wrap bad=0
// CHECK: per-sender order broken 0 times, len=0
