// A goroutine parked in a go_fd call is blocked on the network in the
// trace (Go's GoBlockNet), unblocked when the poller sees the descriptor
// ready: `go tool trace -pprof=net` (the network blocking profile, the
// /io view) shows the ~20 ms it waited, in the goroutine's function.  The
// 20 ms are counted from when the reader shows as parked
// (../pprof/Inputs/parked.h), not from its spawn: on a loaded machine it
// may start most of a sleep late.
// REQUIRES: go
// RUN: %plain-cc %s -o %t
// RUN: rm -f %t.trace && env GOSAN_TRACE=%t.trace %t | FileCheck %s --check-prefix=OUT
// RUN: go tool trace -pprof=net %t.trace > %t.pb && go tool pprof -top %t.pb 2>&1 | FileCheck %s
// RUN: %gosan-cc %s -o %t.checked
// RUN: rm -f %t.trace && env GOSAN_TRACE=%t.trace %t.checked | FileCheck %s --check-prefix=OUT
// RUN: go tool trace -pprof=net %t.trace > %t.pb && go tool pprof -top %t.pb 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <gosan/net.h>
#include <stdio.h>
#include <unistd.h>

#include "../pprof/Inputs/parked.h"

static go_fd *r, *w;
static go_wg wg;

static void net_reader(void *arg)
{
    char c;
    go_fd_read(r, &c, 1);
    go_wg_done(&wg);
}

int main(void)
{
    int p[2];
    if (pipe(p))
        return 1;
    r = go_fd_open(p[0]);
    w = go_fd_open(p[1]);
    go_wg_add(&wg, 1);
    go_spawn(net_reader, NULL);
    wait_parked("IO wait", 1);
    go_sleep(20 * 1000 * 1000);
    go_fd_write(w, "x", 1);
    go_wg_wait(&wg);
    printf("done\n");
    return 0;
}
// OUT: done
// CHECK: Type: delay
// CHECK: {{[0-9.]+m?s}} {{.*}} net_reader
