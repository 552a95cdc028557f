// The mutex and block profiles of a production build, sampling every event
// from start-up (GOSAN_MUTEXPROFILE, GOSAN_BLOCKPROFILE: written at exit):
// mutex contention is charged to the unlocker's stack (go_mutex_unlock in
// hold, go_rwmutex_unlock in writer when it wakes a reader), with the
// waiters' delay; blocking to the blocked goroutine's own
// stack (go_mutex_lock, go_chan_recv, go_wg_wait, go_cond_wait,
// go_select).  Sleeping is not blocking.  The text form (debug=1) is Go's.
// With the rates at 0 nothing is recorded.
// REQUIRES: go
// RUN: %plain-cc %s -o %t
// RUN: rm -f %t.mutex %t.block
// RUN: env GOSAN_MUTEXPROFILE=%t.mutex GOSAN_BLOCKPROFILE=%t.block %t text > %t.txt
// RUN: go tool pprof -top -nodefraction=0 %t.mutex | FileCheck %s --check-prefix=MUTEX
// RUN: go tool pprof -traces -sample_index=contentions %t.block | FileCheck %s --check-prefix=BLOCK
// RUN: go tool pprof -top -nodefraction=0 -sample_index=delay %t.block | FileCheck %s --check-prefix=DELAY
// RUN: FileCheck %s --check-prefix=TEXT < %t.txt
// RUN: %t off | FileCheck %s --check-prefix=OFF
#include <gosan/go.h>
#include <stdio.h>
#include <string.h>

#include "Inputs/parked.h"

static go_mutex mu;
static go_cond cond;
static go_wg wg;
static go_chan *c;
static int ready;

static __attribute__((noinline)) void hold(void)
{
    go_mutex_lock(&mu);
    go_sleep(1000 * 1000);
    go_mutex_unlock(&mu);
}

static go_chan *start; /* closed once both lockers wait on it: they contend */

static void locker(void *arg)
{
    (void)arg;
    go_chan_recv(start, NULL);
    for (int i = 0; i < 20; i++)
        hold();
    go_wg_done(&wg);
}

static void receiver(void *arg)
{
    (void)arg;
    for (int i = 0; i < 5; i++)
        go_chan_recv(c, NULL);
    go_wg_done(&wg);
}

static go_rwmutex rw;
static void reader(void *arg)
{
    (void)arg;
    go_rwmutex_rlock(&rw); /* waits for the writer below */
    go_rwmutex_runlock(&rw);
    go_wg_done(&wg);
}

/* Holds the write lock until the reader waits for it. */
static __attribute__((noinline)) void writer(void)
{
    go_rwmutex_lock(&rw);
    go_spawn(reader, NULL);
    wait_parked("sync.RWMutex.RLock", 1);
    go_rwmutex_unlock(&rw);
}

static void waiter(void *arg)
{
    (void)arg;
    go_mutex_lock(&mu);
    while (!ready)
        go_cond_wait(&cond);
    go_mutex_unlock(&mu);
    go_wg_done(&wg);
}

int main(int argc, char **argv)
{
    if (strcmp(argv[1], "off") == 0) {
        gosan_set_mutex_profile_fraction(0);
        gosan_set_block_profile_rate(0);
    }
    c = go_chan_make(0, 0);
    start = go_chan_make(0, 0);
    go_cond_init(&cond, &mu);
    go_wg_add(&wg, 5);
    writer();
    go_spawn(waiter, NULL);
    for (int i = 0; i < 2; i++)
        go_spawn(locker, NULL);
    go_spawn(receiver, NULL);
    wait_parked("chan receive", 3); /* two lockers on start, the receiver */
    go_chan_close(start);
    for (int i = 0; i < 5; i++) {
        wait_parked("chan receive", 1); /* the receiver blocks each time */
        go_chan_send(c, NULL);
    }
    wait_parked("sync.Cond.Wait", 1);
    go_mutex_lock(&mu);
    ready = 1;
    go_cond_broadcast(&cond);
    go_mutex_unlock(&mu);
    go_wg_wait(&wg);
    gosan_pprof_write("mutex", 1, 1);
    gosan_pprof_write("block", 1, 1);
    printf("bad profile: %d\n", gosan_pprof_write("heap", 1, 0));
    return 0;
}

// MUTEX: Type: delay
// MUTEX: flat flat% sum% cum cum%
// MUTEX-DAG: {{.*}} go_mutex_unlock
// MUTEX-DAG: {{.*}} hold
// MUTEX-DAG: {{.*}} locker
// MUTEX-DAG: {{.*}} go_rwmutex_unlock
// MUTEX-DAG: {{.*}} writer

// BLOCK: Type: contentions
// BLOCK-DAG: go_mutex_lock{{$}}
// BLOCK-DAG: {{5 +}}go_chan_recv{{$}}
// BLOCK-DAG: receiver{{$}}
// BLOCK-DAG: {{1 +}}go_wg_wait{{$}}
// BLOCK-DAG: go_cond_wait{{$}}
// BLOCK-DAG: waiter{{$}}
// BLOCK-DAG: go_rwmutex_rlock{{$}}
// BLOCK-NOT: go_sleep

// DELAY: Type: delay
// DELAY: flat flat% sum% cum cum%
// DELAY-DAG: go_mutex_lock
// DELAY-DAG: go_wg_wait

// TEXT: --- mutex:
// TEXT-NEXT: cycles/second=1000000000
// TEXT-NEXT: sampling period=1
// TEXT-NEXT: {{[0-9]+ [0-9]+}} @ 0x{{[0-9a-f]+}} 0x{{[0-9a-f]+}} 0x{{[0-9a-f]+}}
// TEXT-NEXT: #	0x{{[0-9a-f]+}}	go_mutex_unlock+0x{{[0-9a-f]+}}	{{.*}}
// TEXT-NEXT: #	0x{{[0-9a-f]+}}	hold+0x{{[0-9a-f]+}}	{{.*}}contention.c:34
// TEXT-NEXT: #	0x{{[0-9a-f]+}}	locker+0x{{[0-9a-f]+}}	{{.*}}contention.c:44
// TEXT: --- contention:
// TEXT-NEXT: cycles/second=1000000000
// TEXT: bad profile: -3

// OFF: --- mutex:
// OFF-NEXT: cycles/second=1000000000
// OFF-NEXT: sampling period=0
// OFF-NEXT: --- contention:
// OFF-NEXT: cycles/second=1000000000
// OFF-NEXT: bad profile: -3
