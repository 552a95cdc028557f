// A send happens before its receive completes; on an unbuffered channel the
// receive also happens before the send completes.  On a buffered channel it
// does not: the same program with capacity 1 races.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DCAP=1 %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

#ifndef CAP
#define CAP 0
#endif
static int before_send, before_recv;
static go_chan *c;
static go_wg wg;

static void sender(void *arg) {
    (void)arg;
    int v = 7;
    before_send = 1;                 /* ordered before the receive by the send */
    go_chan_send(c, &v);
    printf("%d\n", before_recv);     /* ordered only if the channel is unbuffered */
    go_wg_done(&wg);
}

int main(void) {
    c = go_chan_make(sizeof(int), CAP);
    go_wg_add(&wg, 1);
    go_spawn(sender, NULL);
    before_recv = 1;
    int v;
    go_chan_recv(c, &v);
    printf("%d %d\n", v, before_send);
    go_wg_wait(&wg);
    printf("done\n");
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: done
// CHECK: WARNING: gosan: data race
// CHECK: Read of size 4 at {{.*}} by goroutine 2:
// CHECK-NEXT: #0 sender {{.*}}chan_unbuffered.c:22
// CHECK: Previous write of size 4 at {{.*}} by goroutine 1:
// CHECK-NEXT: #0 main {{.*}}chan_unbuffered.c:30
// CHECK: Location is global 'before_recv'
