// gosan_trace_start/stop from code, in the middle of a run: goroutines
// already blocked or queued when the trace starts enter it as they are
// (GoWaiting, then their unblock), a second trace of the same run parses as
// well, and starting twice or stopping with no trace running is refused.
// The sync and sched profiles name the program's functions.  Every block
// the checks need is forced by waiting for the goroutines to show as
// parked (../pprof/Inputs/parked.h), never by sleeping: on a loaded machine
// one worker thread can stall while the other runs every goroutine alone.
// pprof lists every function however small its share (-nodefraction=0).
// REQUIRES: go
// RUN: %plain-cc %s -o %t
// RUN: %t %t.1.trace %t.2.trace | FileCheck %s --check-prefix=OUT
// RUN: go tool trace -d %t.1.trace > %t.1.events
// RUN: python3 %S/Inputs/count_events.py %t.1.events | FileCheck %s --check-prefix=FIRST
// RUN: go tool trace -d %t.2.trace > %t.2.events
// RUN: python3 %S/Inputs/count_events.py %t.2.events | FileCheck %s --check-prefix=SECOND
// RUN: go tool trace -pprof=sync %t.1.trace > %t.sync.pprof
// RUN: go tool pprof -top -nodefraction=0 %t.sync.pprof 2>&1 | FileCheck %s --check-prefix=SYNC
// RUN: go tool trace -pprof=sched %t.1.trace > %t.sched.pprof
// RUN: go tool pprof -top -nodefraction=0 %t.sched.pprof 2>&1 | FileCheck %s --check-prefix=SCHED
// RUN: go tool trace -pprof=sync %t.2.trace > %t.sync2.pprof
// RUN: go tool pprof -top -nodefraction=0 %t.sync2.pprof 2>&1 | FileCheck %s --check-prefix=SYNC2
#include <fcntl.h>
#include <gosan/go.h>
#include <stdio.h>
#include <unistd.h>

#include "../pprof/Inputs/parked.h"

static go_chan *gate;
static go_mutex mu;
static go_wg wg;

static void blocked_before_trace(void *arg)
{
    (void)arg;
    int v;
    go_chan_recv(gate, &v); /* parked when the trace starts */
    go_mutex_lock(&mu);
    go_mutex_unlock(&mu);
    go_wg_done(&wg);
}

/* With a non-NULL arg, also the last count main's go_wg_wait waits for:
 * given only once main is parked there, so main blocks in the trace. */
static void busy_worker(void *arg)
{
    for (int i = 0; i < 50; i++) {
        go_mutex_lock(&mu);
        go_yield();
        go_mutex_unlock(&mu);
    }
    if (arg)
        wait_parked("sync.WaitGroup.Wait", 1);
    go_wg_done(&wg);
}

static int open_trace(const char *path)
{
    return open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
}

static void round_of_work(void)
{
    go_wg_add(&wg, 6);
    for (int i = 0; i < 4; i++)
        go_spawn(blocked_before_trace, NULL);
    wait_parked("chan receive", 4); /* on the gate: GoWaiting when a trace starts */
}

static void finish_round(void)
{
    go_mutex_lock(&mu); /* all six goroutines below block on it (GoBlockSync) */
    go_spawn(busy_worker, NULL);
    go_spawn(busy_worker, &wg);
    for (int i = 0; i < 4; i++) {
        int one = 1;
        go_chan_send(gate, &one);
    }
    wait_parked("sync.Mutex.Lock", 6);
    go_mutex_unlock(&mu);
    go_wg_wait(&wg);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    gate = go_chan_make(sizeof(int), 0);
    printf("stop with none running: %s\n", gosan_trace_stop() == GO_EINVAL ? "refused" : "accepted");
    round_of_work();
    int fd1 = open_trace(argv[1]);
    printf("start: %d, enabled: %d\n", gosan_trace_start(fd1), gosan_trace_enabled());
    printf("start again: %s\n", gosan_trace_start(fd1) == GO_EINVAL ? "refused" : "accepted");
    finish_round();
    printf("stop: %d, enabled: %d\n", gosan_trace_stop(), gosan_trace_enabled());
    close(fd1);

    round_of_work(); /* not traced */
    int fd2 = open_trace(argv[2]);
    printf("second start: %d\n", gosan_trace_start(fd2));
    finish_round();
    printf("second stop: %d\n", gosan_trace_stop());
    close(fd2);
    return 0;
}
// OUT: stop with none running: refused
// OUT-NEXT: start: 0, enabled: 1
// OUT-NEXT: start again: refused
// OUT-NEXT: stop: 0, enabled: 0
// OUT-NEXT: second start: 0
// OUT-NEXT: second stop: 0

// The main goroutine, 4 that were parked, 2 spawned in the trace.
// FIRST: goroutines created by the program: 7
// FIRST: GoBlockSync yes
// FIRST: GoSched yes
// FIRST: GoUnblock yes
// FIRST: every goroutine started after its create: yes
// FIRST: every unblock ends a block: yes
// SECOND: goroutines created by the program: 7
// SECOND: every goroutine started after its create: yes

// SYNC: Type: delay
// SYNC-DAG: blocked_before_trace
// SYNC-DAG: main
// The second trace names its stacks too: the tables the first one
// filled were emptied, so its stacks are written into it again.
// SYNC2: Type: delay
// SYNC2-DAG: blocked_before_trace
// SYNC2-DAG: main

// SCHED: Type: delay
// SCHED-DAG: finish_round
