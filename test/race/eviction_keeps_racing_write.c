// A racing write is not forgotten because other goroutines keep rewriting
// the rest of its 16-byte granule: an access that happens before the new
// one and covers no more bytes is replaced (FastTrack's rule), so a relay
// of 40 goroutines, each writing x[1..3] after the previous one, leaves
// goroutine 2's unsynchronised write of x[0] in the shadow until main's
// read finds it.  (Replacing a random cell instead loses it in most runs.)
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && not %t 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

#define RELAY 40
int x[4] __attribute__((aligned(16)));
static atomic_int written;
static go_chan *token;

static void racer(void *arg) {
    (void)arg;
    x[0] = 1;
    atomic_store_explicit(&written, 1, memory_order_relaxed); /* orders nothing */
}

static void relay(void *arg) {
    long i = (long)arg;
    char t;
    go_chan_recv(token, &t);
    x[1] = (int)i;
    x[2] = (int)i;
    x[3] = (int)i;
    go_chan_send(token, &t);
}

int main(void) {
    token = go_chan_make(1, 0);
    go_spawn(racer, NULL);
    while (!atomic_load_explicit(&written, memory_order_relaxed))
        go_yield();
    for (long i = 0; i < RELAY; i++)
        go_spawn(relay, (void *)i);
    char t = 0;
    go_chan_send(token, &t);
    go_chan_recv(token, &t);
    // CHECK: WARNING: gosan: data race
    // CHECK: Read of size 4 at {{.*}} by goroutine 1:
    // CHECK-NEXT: #0 main {{.*}}eviction_keeps_racing_write.c:[[@LINE+4]]
    // CHECK: Previous write of size 4 at {{.*}} by goroutine 2:
    // CHECK-NEXT: #0 racer {{.*}}eviction_keeps_racing_write.c:20
    // CHECK: Location is global 'x'
    printf("%d %d\n", x[0], x[1]);
    return 0;
}
