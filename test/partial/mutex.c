// A partial deadlock through a mutex, found by gosan_leakcheck while main
// keeps running: the holder locks mu and then waits on a channel that only
// its own stack points to; the waiter waits to lock mu.  Both get a
// `deadlock` report: the holder because nothing that can run reaches its
// channel, the waiter because the goroutine it waits for can never unlock
// mu (then, being alive, each is a `goroutine leak` too).
// GLOBAL: the channel is also in a global, so main could still send on it:
// nobody is stuck, no `deadlock` report (main then closes it and both
// finish).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: env GOSAN_OPTIONS=leak_grace_ms=200 not %t > %t.out 2>&1
// RUN: FileCheck --check-prefix=HOLDER %s < %t.out
// RUN: FileCheck --check-prefix=WAITER %s < %t.out
// RUN: %gosan-cc -DGLOBAL %s -o %t-global
// RUN: env GOSAN_OPTIONS=leak_grace_ms=200 not %t-global 2>&1 | FileCheck --check-prefix=REACHABLE %s
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdio.h>
#include <string.h>

static go_mutex mu;
static go_chan *locked, *locking;
static go_chan *global_chan;
static go_wg done;

static void holder(void *arg)
{
    go_mutex_lock(&mu);         // holder locks mu here
    go_chan_send(locked, NULL);
    go_chan_recv(arg, NULL);    // holder waits here
    go_mutex_unlock(&mu);
    go_wg_done(&done);
}

static void waiter(void *arg)
{
    (void)arg;
    go_chan_send(locking, NULL);
    go_mutex_lock(&mu);         // waiter waits here
    go_mutex_unlock(&mu);
    go_wg_done(&done);
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
#ifdef GLOBAL
    global_chan = c;
#endif
    go_wg_add(&done, 2);
    go_spawn(holder, c);        // holder created here
    go_chan_recv(locked, NULL);
    go_spawn(waiter, NULL);     // waiter created here
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
#ifdef GLOBAL
    go_chan_close(global_chan);
    go_wg_wait(&done);
#endif
    return 0;
}
// HOLDER: WARNING: gosan: deadlock
// HOLDER: Goroutine [[H:[0-9]+]] is blocked for good in chan receive on channel 0x{{[0-9a-f]+}} (len 0, cap 0) (for {{[^)]*}}): nothing that can still run can reach it:
// HOLDER-NEXT: #0 holder {{.*}}mutex.c:31
// HOLDER: Goroutine [[H]] created by goroutine 1 at:
// HOLDER-NEXT: #0 start {{.*}}mutex.c:60
// HOLDER: leakcheck found 2

// WAITER: WARNING: gosan: deadlock
// WAITER: Goroutine [[W:[0-9]+]] is blocked for good in sync.Mutex.Lock on Mutex 0x{{[0-9a-f]+}} (for {{[^)]*}}): it waits for goroutine [[H:[0-9]+]], which can never go on either:
// WAITER-NEXT: #0 waiter {{.*}}mutex.c:40
// WAITER-NEXT: Mutex 0x{{[0-9a-f]+}} is held by goroutine [[H]], which locked it at:
// WAITER-NEXT: #0 holder {{.*}}mutex.c:29
// WAITER: Goroutine [[W]] created by goroutine 1 at:
// WAITER-NEXT: #0 start {{.*}}mutex.c:62
// WAITER: SUMMARY: gosan: deadlock {{.*}}mutex.c:40 in waiter
// WAITER: leakcheck found 2

// REACHABLE-NOT: WARNING: gosan: deadlock
// REACHABLE: leakcheck found 2
