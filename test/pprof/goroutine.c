// The goroutine profile of a production (--plain) build: every goroutine,
// grouped by stack and label set (two goroutines with one stack but other
// labels are two samples), in profile.proto for `go tool pprof`, and in
// Go's two text forms: debug=1 (grouped, with counts) and debug=2 (each
// goroutine in the traceback format of the SIGQUIT dump).  A goroutine
// spinning on another worker shows its stack: the profile stops the world.
// REQUIRES: go
// RUN: %plain-cc %s -o %t
// RUN: %t 0 > %t.pb.gz
// RUN: go tool pprof -traces %t.pb.gz | FileCheck %s --check-prefix=TRACES
// RUN: go tool pprof -top -tagfocus=role=tx %t.pb.gz | FileCheck %s --check-prefix=TX
// RUN: go tool pprof -traces -lines %t.pb.gz | FileCheck %s --check-prefix=LINES
// RUN: go tool pprof -raw %t.pb.gz | FileCheck %s --check-prefix=RAW
// RUN: %t 1 | FileCheck %s --check-prefix=DEBUG1
// RUN: %t 2 | FileCheck %s --check-prefix=DEBUG2
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>

#include "Inputs/parked.h"

static go_chan *c;
static go_wg started;
static _Atomic int stop;

static void receiver(void *arg)
{
    go_label_set("role", (const char *)arg);
    go_wg_done(&started);
    go_chan_recv(c, NULL); // RECV
}

static __attribute__((noinline)) void spin(void)
{
    while (!stop) {
    }
}

static void spinner(void *arg)
{
    (void)arg;
    go_wg_done(&started);
    spin();
}

int main(int argc, char **argv)
{
    c = go_chan_make(0, 0);
    go_wg_add(&started, 4);
    go_spawn(receiver, "rx");
    go_spawn(receiver, "rx");
    go_spawn(receiver, "tx");
    go_spawn(spinner, NULL);
    go_wg_wait(&started);
    wait_parked("chan receive", 3);
    int rc = gosan_pprof_write("goroutine", 1, atoi(argv[1]));
    stop = 1;
    if (rc)
        fprintf(stderr, "gosan_pprof_write: %s\n", go_strerror(rc));
    return rc != 0;
}

// TRACES: Type: goroutine
// TRACES: -----------+-
// TRACES-NEXT: role: rx
// TRACES-NEXT: 2 go_chan_recv
// TRACES-NEXT: receiver
// TRACES: -----------+-
// TRACES-NEXT: role: tx
// TRACES-NEXT: 1 go_chan_recv
// TRACES-NEXT: receiver
// TRACES: -----------+-
// TRACES-NEXT: 1 spin
// TRACES-NEXT: spinner
// TRACES-NEXT: -----------+-
// TRACES-NEXT: 1 gosan_pprof_write
// TRACES-NEXT: main

// TX: Active filters:
// TX-NEXT: tagfocus=role=tx
// TX: Showing nodes accounting for 1, 20.00% of 5 total
// TX-NEXT: flat flat% sum% cum cum%
// TX-NEXT: 1 20.00% 20.00% 1 20.00% go_chan_recv
// TX-NEXT: 0 0% 20.00% 1 20.00% receiver
// TX-EMPTY:

// LINES: role: rx
// LINES-NEXT: 2 go_chan_recv {{.*}}chan.c:{{[0-9]+}}
// LINES-NEXT: receiver {{.*}}goroutine.c:30

// RAW: Mappings
// RAW-NEXT: 1: 0x{{[0-9a-f]+}}/0x{{[0-9a-f]+}}/0x{{[0-9a-f]+}} {{.*}}goroutine.c.tmp {{[0-9a-f]+}} [FN][FL][LN]

// DEBUG1: goroutine profile: total 5
// DEBUG1-NEXT: 2 @ 0x{{[0-9a-f]+}} 0x{{[0-9a-f]+}}
// DEBUG1-NEXT: # labels: {"role":"rx"}
// DEBUG1-NEXT: #	0x{{[0-9a-f]+}}	go_chan_recv+0x{{[0-9a-f]+}}	{{.*}}chan.c:{{[0-9]+}}
// DEBUG1-NEXT: #	0x{{[0-9a-f]+}}	receiver+0x{{[0-9a-f]+}}	{{.*}}goroutine.c:30
// DEBUG1-EMPTY:
// DEBUG1: 1 @ 0x{{[0-9a-f]+}} 0x{{[0-9a-f]+}}
// DEBUG1-NEXT: # labels: {"role":"tx"}

// DEBUG2: goroutine 1 [running]:
// DEBUG2-NEXT: main(...)
// DEBUG2-NEXT: {{.*}}goroutine.c:56
// DEBUG2-EMPTY:
// DEBUG2-NEXT: goroutine 2 [chan receive]:
// DEBUG2-NEXT: labels: {"role":"rx"}
// DEBUG2-NEXT: receiver(...)
// DEBUG2-NEXT: {{.*}}goroutine.c:30
// DEBUG2-NEXT: created by main in goroutine 1
// DEBUG2-NEXT: {{.*}}goroutine.c:50
// DEBUG2: goroutine 4 [chan receive]:
// DEBUG2-NEXT: labels: {"role":"tx"}
// DEBUG2: goroutine 5 [running]:
// DEBUG2-NEXT: spin(...)
// DEBUG2-NEXT: {{.*}}goroutine.c:35
// DEBUG2-NEXT: spinner(...)
// DEBUG2-NEXT: {{.*}}goroutine.c:43
// DEBUG2-NEXT: created by main in goroutine 1
