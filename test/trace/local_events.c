// A goroutine started or unblocked on the P of its previous start, unblock
// or creation is written as Go's GoStartLocal / GoUnblockLocal (no
// sequence number, as Go's tracer does), on one worker and on two, and
// `go tool trace` still orders the trace: it parses, every goroutine
// created starts and every block is ended by an unblock of that goroutine.
// Which channel operation blocks (main's send or its receive) depends on
// which side reaches the channel first on two workers: one of them does.
// REQUIRES: go
// RUN: %plain-cc %s -o %t
// RUN: rm -f %t.trace && env GOSAN_TRACE=%t.trace GOSAN_MAXPROCS=1 %t | FileCheck %s --check-prefix=OUT
// RUN: python3 %S/Inputs/raw_kinds.py %t.trace GoStartLocal GoUnblockLocal | FileCheck %s --check-prefix=RAW
// RUN: go tool trace -d %t.trace > %t.events
// RUN: python3 %S/Inputs/count_events.py %t.events | FileCheck %s
// RUN: rm -f %t.trace && env GOSAN_TRACE=%t.trace GOSAN_MAXPROCS=2 %t | FileCheck %s --check-prefix=OUT
// RUN: python3 %S/Inputs/raw_kinds.py %t.trace GoStartLocal GoUnblockLocal | FileCheck %s --check-prefix=RAW
// RUN: go tool trace -d %t.trace > %t.events
// RUN: python3 %S/Inputs/count_events.py %t.events | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static go_chan *ping, *pong;

static void partner(void *arg)
{
    long v;
    (void)arg;
    while (go_chan_recv(ping, &v)) {
        v++;
        go_chan_send(pong, &v);
    }
}

int main(void)
{
    ping = go_chan_make(sizeof(long), 0);
    pong = go_chan_make(sizeof(long), 0);
    go_spawn(partner, NULL);
    long v = 0;
    for (int i = 0; i < 2000; i++) {
        go_chan_send(ping, &v);
        go_chan_recv(pong, &v);
    }
    go_chan_close(ping);
    printf("v=%ld\n", v);
    return 0;
}
// OUT: v=2000
// RAW: GoStartLocal yes
// RAW: GoUnblockLocal yes
// CHECK: goroutines created by the program: 2
// CHECK-DAG: GoBlock{{Send|Recv}} yes
// CHECK-DAG: GoUnblock yes
// CHECK: every goroutine started after its create: yes
// CHECK: every unblock ends a block: yes
