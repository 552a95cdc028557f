// Closing a channel happens before a receive that returns because the
// channel is closed (NORACE).  A close is a write of the channel and a send
// a read of it: a close not ordered with a send is a race (CLOSE_SEND).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DCLOSE_SEND %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static int x;
static go_chan *c;
static go_wg wg;

static void closer(void *arg) {
    (void)arg;
    x = 1;
    go_chan_close(c);
    go_wg_done(&wg);
}

static void sender(void *arg) {
    (void)arg;
    go_chan_send(c, NULL);           /* may also find it closed: GO_ECLOSED */
    go_wg_done(&wg);
}

int main(void) {
    c = go_chan_make(0, 1);
#ifdef CLOSE_SEND
    go_wg_add(&wg, 2);
    go_spawn(sender, NULL);
    go_spawn(closer, NULL);
#else
    go_wg_add(&wg, 1);
    go_spawn(closer, NULL);
    while (go_chan_recv(c, NULL))    /* returns false once closed */
        ;
    printf("x=%d\n", x);
#endif
    go_wg_wait(&wg);
    printf("done\n");
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: done
// CHECK: WARNING: gosan: data race
// CHECK: SUMMARY: gosan: data race {{.*}}chan_close.c
