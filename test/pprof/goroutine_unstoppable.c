// A goroutine profile taken while one worker cannot be stopped (its thread
// blocks every signal and spins) still counts every goroutine: the
// unreachable running goroutine is filed under the function it was started
// with, and the text traceback says its stack is unavailable rather than
// printing frames it cannot know.  The snapshot waits at most three
// seconds for the worker before it settles for that.
// REQUIRES: go
// RUN: %plain-cc %s -o %t
// RUN: env GOSAN_MAXPROCS=2 %t 0 > %t.pb.gz
// RUN: go tool pprof -top -nodefraction=0 %t.pb.gz | FileCheck %s --check-prefix=TOP
// RUN: env GOSAN_MAXPROCS=2 %t 2 | FileCheck %s --check-prefix=DEBUG2
#include <gosan/go.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "Inputs/parked.h"

static go_chan *c;
static _Atomic int deaf, stop;

static void receiver(void *arg)
{
    (void)arg;
    go_chan_recv(c, NULL);
}

/* Blocks every signal on its worker thread, so stop-the-world's signal
 * never arrives, then spins until main is done. */
static void deaf_spinner(void *arg)
{
    (void)arg;
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    deaf = 1;
    while (!stop) {
    }
}

int main(int argc, char **argv)
{
    c = go_chan_make(0, 0);
    go_spawn(receiver, NULL);
    go_spawn(receiver, NULL);
    go_spawn(deaf_spinner, NULL);
    while (!deaf)
        go_yield();
    wait_parked("chan receive", 2);
    int rc = gosan_pprof_write("goroutine", 1, atoi(argv[1]));
    stop = 1;
    if (rc)
        fprintf(stderr, "gosan_pprof_write: %s\n", go_strerror(rc));
    return rc != 0;
}

// TOP: Type: goroutine
// TOP: Showing nodes accounting for 4, 100% of 4 total
// TOP-DAG: 1 25.00%{{.*}}deaf_spinner
// TOP-DAG: 2 50.00%{{.*}}go_chan_recv

// DEBUG2: goroutine 4 [running]:
// DEBUG2-NEXT: goroutine running on other thread; stack unavailable
// DEBUG2-NEXT: created by main in goroutine 1
