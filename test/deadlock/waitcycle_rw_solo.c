// A wait cycle through a read lock that its goroutine took while holding
// no other lock (a "solo" read hold, recorded without the held-locks
// table's lock): the reader, which read-locked rw once before so its
// record exists, read-locks rw, then waits for m; the writer holds m and
// waits to write-lock rw.  Reported as a `deadlock` naming the reader as
// rw's holder, whichever goroutine starts waiting last (READER_LAST: the
// reader waits for m after the writer waits for rw; else the writer waits
// after the reader).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
// RUN: %gosan-cc -DREADER_LAST %s -o %t-rl
// RUN: not %t-rl 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static go_rwmutex rw;
static go_mutex m;
static go_chan *step1, *step2;

static void reader(void *arg)
{
    (void)arg;
    go_rwmutex_rlock(&rw);      // warm-up: the reader's record
    go_rwmutex_runlock(&rw);
    go_rwmutex_rlock(&rw);      // reader read-locks rw
    go_chan_send(step1, NULL);
    go_chan_recv(step2, NULL);
#ifdef READER_LAST
    go_sleep(50000000);         // the writer waits for rw first
#endif
    go_mutex_lock(&m);          // reader waits for m
}

static void writer(void *arg)
{
    (void)arg;
    go_mutex_lock(&m);          // writer locks m
    go_chan_send(step2, NULL);
#ifndef READER_LAST
    go_sleep(50000000);         // the reader waits for m first
#endif
    go_rwmutex_lock(&rw);       // writer waits for the reader
}

int main(void)
{
    step1 = go_chan_make(0, 1);
    step2 = go_chan_make(0, 1);
    go_spawn(reader, NULL);
    go_chan_recv(step1, NULL);
    go_spawn(writer, NULL);
    go_sleep(5000000000ll);
    fprintf(stderr, "not detected\n");
    return 0;
}
// CHECK: WARNING: gosan: deadlock
// CHECK-NEXT: Wait cycle:
// CHECK-DAG: waits to write-lock RWMutex 0x{{[0-9a-f]+}} at:
// CHECK-DAG: Mutex 0x{{[0-9a-f]+}} is read-held by goroutine {{[0-9]+}}, which locked it at:
// CHECK-DAG: #0 reader {{.*}}waitcycle_rw_solo.c:26
// CHECK: SUMMARY: gosan: deadlock
// CHECK-NOT: not detected
