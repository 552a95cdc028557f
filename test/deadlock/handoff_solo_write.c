// A Mutex locked by a goroutine holding no other lock (a "solo" hold,
// recorded without the held-locks table's lock and without a per-mutex
// record) and unlocked by another goroutine (Go allows it): the unlocker
// must find the locker's solo hold, so the locker holds nothing
// afterwards.  The locker then locks x, and main locks x and then m: had
// the locker still counted as m's holder, its lock of x would have added
// m -> x and main's x -> m a false lock-order inversion.  No report, exit
// status 0, in both real-time orders (MAIN_FIRST: main's x -> m comes
// before the locker's lock of x).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: %t 2>&1 | FileCheck %s
// RUN: %gosan-cc -DMAIN_FIRST %s -o %t-mf
// RUN: %t-mf 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static go_mutex m, x;
static go_chan *locked, *released, *done;

static void locker(void *arg)
{
    (void)arg;
    go_mutex_lock(&m);          // warm-up: the locker's record
    go_mutex_unlock(&m);
    go_mutex_lock(&m);          // the solo hold
    go_chan_send(locked, NULL);
    go_chan_recv(released, NULL);
#ifdef MAIN_FIRST
    go_chan_recv(released, NULL);
#endif
    go_mutex_lock(&x);
    go_mutex_unlock(&x);
    go_chan_send(done, NULL);
}

static void releaser(void *arg)
{
    (void)arg;
    go_chan_recv(locked, NULL);
    go_mutex_unlock(&m);        // another goroutine ends the locker's hold
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
    go_mutex_lock(&x);
    go_mutex_lock(&m);
    go_mutex_unlock(&m);
    go_mutex_unlock(&x);
#ifdef MAIN_FIRST
    go_chan_send(released, NULL);
    go_chan_recv(done, NULL);
#endif
    printf("done\n");
    return 0;
}
// CHECK-NOT: WARNING: gosan
// CHECK: done
