// A send on a freed channel is a heap-use-after-free, reported before the
// send takes the channel's lock (whose freed word may look held for ever)
// and before it touches the channel's record (rt/gosan/race/chan_access.c,
// gs_chan_send: the shadow's freed mark first).  halt_on_error: the
// library then spins on that lock.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && env GOSAN_OPTIONS=halt_on_error=1 not %t 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

int main(void) {
    go_chan *c = go_chan_make(0, 4);
    go_chan_send(c, NULL);
    go_chan_free(c);
    go_chan_send(c, NULL);
    printf("done\n");
    return 0;
}
// CHECK: WARNING: gosan: heap-use-after-free
// CHECK: SUMMARY: gosan: heap-use-after-free {{.*}}chan_send_after_free.c:15 in main
