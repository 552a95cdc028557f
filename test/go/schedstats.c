// GOSAN_SCHEDSTATS=1 prints per-worker scheduler counts at exit; other
// values are refused with a message and print nothing.
// RUN: %plain-cc %s -o %t
// RUN: env GOSAN_SCHEDSTATS=1 GOSAN_MAXPROCS=2 %t 2>&1 | FileCheck %s
// RUN: env GOSAN_SCHEDSTATS=yes %t 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: %t 2>&1 | FileCheck %s --check-prefix=OFF
#include <gosan/go.h>
#include <stdio.h>

static go_chan *ping, *pong;

static void partner(void *arg) {
    while (go_chan_recv(ping, NULL))
        go_chan_send(pong, NULL);
}

int main(void) {
    ping = go_chan_make(0, 0);
    pong = go_chan_make(0, 0);
    go_spawn(partner, NULL);
    for (int i = 0; i < 1000; i++) {
        go_chan_send(ping, NULL);
        go_chan_recv(pong, NULL);
    }
    go_chan_close(ping);
    printf("done\n");
    fflush(stdout);
    return 0;
}
// CHECK: done
// CHECK: gosan: scheduler statistics (GOSAN_SCHEDSTATS), {{[0-9]+}} workers, maxprocs 2
// CHECK-NEXT: worker parks readies steals runnext-waits runnext-steals sleeps wakes
// CHECK-NEXT: {{^  0 +[0-9]+ +[0-9]+}}
// 1000 round trips park each side about 2000 times: at least 4 digits.
// CHECK: {{^  total +[0-9]{4,} +[0-9]{4,} }}
// BAD: gosan: ignoring GOSAN_SCHEDSTATS=yes (want 0 or 1)
// BAD-NOT: scheduler statistics
// OFF-NOT: scheduler statistics
