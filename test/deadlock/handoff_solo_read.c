// A read lock taken by a goroutine holding no other lock (a "solo" read
// hold, recorded without the held-locks table's lock) and released by
// another goroutine (Go allows it): the locker holds nothing afterwards.
// The locker then locks m, and main locks m and then write-locks rw: had
// the locker still counted as rw's reader, its lock of m would have added
// rw -> m and main's m -> rw a false lock-order inversion.  No report,
// exit status 0, in both real-time orders (MAIN_FIRST: main's m -> rw
// comes before the locker's lock of m).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: %t 2>&1 | FileCheck %s
// RUN: %gosan-cc -DMAIN_FIRST %s -o %t-mf
// RUN: %t-mf 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static go_rwmutex rw;
static go_mutex m;
static go_chan *locked, *released, *done;

static void locker(void *arg)
{
    (void)arg;
    go_rwmutex_rlock(&rw);      // warm-up: the locker's record
    go_rwmutex_runlock(&rw);
    go_rwmutex_rlock(&rw);      // the solo read hold
    go_chan_send(locked, NULL);
    go_chan_recv(released, NULL);
#ifdef MAIN_FIRST
    go_chan_recv(released, NULL);
#endif
    go_mutex_lock(&m);
    go_mutex_unlock(&m);
    go_chan_send(done, NULL);
}

static void releaser(void *arg)
{
    (void)arg;
    go_chan_recv(locked, NULL);
    go_rwmutex_runlock(&rw);    // another goroutine ends the locker's hold
    go_chan_send(released, NULL);
}

int main(void)
{
    locked = go_chan_make(0, 0);
    released = go_chan_make(0, 0);
    done = go_chan_make(0, 0);
    go_spawn(locker, NULL);
    go_spawn(releaser, NULL);
#ifdef MAIN_FIRST
    go_sleep(20000000);
#else
    go_chan_recv(done, NULL);
#endif
    go_mutex_lock(&m);
    go_rwmutex_lock(&rw);
    go_rwmutex_unlock(&rw);
    go_mutex_unlock(&m);
#ifdef MAIN_FIRST
    go_chan_send(released, NULL);
    go_chan_recv(done, NULL);
#endif
    printf("done\n");
    return 0;
}
// CHECK-NOT: WARNING: gosan
// CHECK: done
