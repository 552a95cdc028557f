// A partial deadlock through a Mutex held by a goroutine that locked it
// while holding no other lock (a "solo" hold, recorded without the
// held-locks table's lock and without a per-mutex record): the holder,
// which locked mu once before so its record exists, locks mu and then
// waits on a channel that only its own stack points to; the waiter waits
// to lock mu.  gosan_leakcheck reports the waiter as waiting for the
// holder, and names the holder and where it locked mu: the holder is found
// among the goroutines' solo holds.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: env GOSAN_OPTIONS=leak_grace_ms=200 not %t 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdio.h>
#include <string.h>

static go_mutex mu;
static go_chan *locked, *locking;

static void holder(void *arg)
{
    go_mutex_lock(&mu);         // warm-up: the holder's record
    go_mutex_unlock(&mu);
    go_mutex_lock(&mu);         // holder locks mu here
    go_chan_send(locked, NULL);
    go_chan_recv(arg, NULL);    // holder waits here
    go_mutex_unlock(&mu);
}

static void waiter(void *arg)
{
    (void)arg;
    go_chan_send(locking, NULL);
    go_mutex_lock(&mu);         // waiter waits here
    go_mutex_unlock(&mu);
}

/* Overwrites dead stack slots so no stale copy of the channel pointer
 * survives in main's part of the stack. */
__attribute__((noinline)) static void clobber_stack(void)
{
    volatile char buf[8192];
    memset((char *)buf, 0, sizeof buf);
}

__attribute__((noinline)) static void start(void)
{
    go_chan *c = go_chan_make(0, 0);
    go_spawn(holder, c);
    go_chan_recv(locked, NULL);
    go_spawn(waiter, NULL);
    go_chan_recv(locking, NULL);
}

int main(void)
{
    locked = go_chan_make(0, 0);
    locking = go_chan_make(0, 0);
    start();
    clobber_stack();
    int n = gosan_leakcheck();
    printf("leakcheck found %d\n", n);
    return 0;
}
// CHECK: WARNING: gosan: deadlock
// CHECK: Goroutine [[W:[0-9]+]] is blocked for good in sync.Mutex.Lock on Mutex 0x{{[0-9a-f]+}} (for {{[^)]*}}): it waits for goroutine [[H:[0-9]+]], which can never go on either:
// CHECK-NEXT: #0 waiter {{.*}}mutex_solo_holder.c:34
// CHECK-NEXT: Mutex 0x{{[0-9a-f]+}} is held by goroutine [[H]], which locked it at:
// CHECK-NEXT: #0 holder {{.*}}mutex_solo_holder.c:24
// CHECK: leakcheck found 2
