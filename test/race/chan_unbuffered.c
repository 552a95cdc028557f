// A send happens before its receive completes; on an unbuffered channel the
// receive also happens before the send completes.  On a buffered channel it
// does not: the same program with capacity 1 races.  A relaxed atomic flag
// (which orders nothing) makes the racy read come after main's write, so the
// report's two sides are always the same.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DCAP=1 %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

#ifndef CAP
#define CAP 0
#endif
/* Not static: at -O1 a static int only ever set to 1 is shrunk to a bool
 * by the optimizer, and its accesses become 1-byte ones. */
int before_send, before_recv;
static go_chan *c;
static go_wg wg;
static atomic_int written;

static void sender(void *arg) {
    (void)arg;
    int v = 7;
    before_send = 1;                 /* ordered before the receive by the send */
    go_chan_send(c, &v);
    while (!atomic_load_explicit(&written, memory_order_relaxed))
        go_yield();
    // CHECK: WARNING: gosan: data race
    // CHECK: Read of size 4 at {{.*}} by goroutine 2:
    // CHECK-NEXT: #0 sender {{.*}}chan_unbuffered.c:[[@LINE+1]]
    printf("%d\n", before_recv);     /* ordered only if the channel is unbuffered */
    go_wg_done(&wg);
}

int main(void) {
    c = go_chan_make(sizeof(int), CAP);
    go_wg_add(&wg, 1);
    go_spawn(sender, NULL);
    // CHECK: Previous write of size 4 at {{.*}} by goroutine 1:
    // CHECK-NEXT: #0 main {{.*}}chan_unbuffered.c:[[@LINE+1]]
    before_recv = 1;
    atomic_store_explicit(&written, 1, memory_order_relaxed);
    int v;
    go_chan_recv(c, &v);
    printf("%d %d\n", v, before_send);
    go_wg_wait(&wg);
    printf("done\n");
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: done
// CHECK: Location is global 'before_recv'
