// A goroutine blocked in a system call (a go_fd read of a pipe the program
// set back to blocking mode behind the library's back) while another waits for the processor: the monitor takes
// the worker's processor, and the trace has Go's GoSysCall, GoSysBlock and
// GoSysExit for it, so `go tool trace -pprof=syscall` (the syscall blocking
// profile, the /syscall view) shows the wait in the goroutine's function,
// with its file and line.
// REQUIRES: go
// RUN: %plain-cc -g %s -o %t
// RUN: rm -f %t.trace && env GOSAN_TRACE=%t.trace GOSAN_MAXPROCS=1 %t | FileCheck %s --check-prefix=OUT
// RUN: go tool trace -d %t.trace | FileCheck %s --check-prefix=EVENTS
// RUN: go tool trace -pprof=syscall %t.trace > %t.pb && go tool pprof -lines -top %t.pb 2>&1 | FileCheck %s
#include <fcntl.h>
#include <gosan/go.h>
#include <gosan/net.h>
#include <stdio.h>
#include <unistd.h>

static go_fd *rd;
static go_wg wg;
static _Atomic int entering; /* the reader is about to make its call */

static void sys_reader(void *arg)
{
    (void)arg;
    char c = 0;
    entering = 1;
    go_fd_read(rd, &c, 1); // the blocking call
    go_wg_done(&wg);
}

int main(void)
{
    int p[2];
    if (pipe(p))
        return 1;
    rd = go_fd_open(p[0]);
    if (!rd || fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) & ~O_NONBLOCK) != 0)
        return 1; /* blocking again: the read blocks its thread */
    go_wg_add(&wg, 1);
    go_spawn(sys_reader, NULL);
    /* The reader runs and blocks meanwhile; when the sleep ends this
     * goroutine waits for the one processor until the monitor hands it off
     * (10 ms later).  On a loaded host the reader may not have run yet:
     * then sleep again, until main only runs again because the processor
     * was taken from the reader's blocked call. */
    do
        go_sleep(20000000);
    while (!entering);
    if (write(p[1], "x", 1) != 1)
        return 1;
    go_wg_wait(&wg);
    printf("done\n");
    return 0;
}
// OUT: done
// EVENTS: GoSysCall
// EVENTS: GoSysBlock
// EVENTS: GoSysExit
// CHECK: sys_reader {{.*}}syscall.c:27
