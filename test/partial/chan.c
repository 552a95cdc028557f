// Partial deadlock on a channel, found while main keeps running: a worker
// waits on a channel that only its own stack still points to.  The periodic
// reachability scan (deadlock_scan_ms) reports it once, with where it
// blocked and where it was created; main goes on.
// Variants where the channel can still be reached from something that can
// run get no report: a global (GLOBAL), a sleeping goroutine's stack
// (SLEEPER), a heap object reachable from a global (HEAP).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: env GOSAN_OPTIONS=deadlock_scan_ms=20 not %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: %gosan-cc -DGLOBAL %s -o %t-global
// RUN: env GOSAN_OPTIONS=deadlock_scan_ms=20 %t-global 2>&1 | FileCheck --check-prefix=REACHABLE %s
// RUN: %gosan-cc -DSLEEPER %s -o %t-sleeper
// RUN: env GOSAN_OPTIONS=deadlock_scan_ms=20 %t-sleeper 2>&1 | FileCheck --check-prefix=REACHABLE %s
// RUN: %gosan-cc -DHEAP %s -o %t-heap
// RUN: env GOSAN_OPTIONS=deadlock_scan_ms=20 %t-heap 2>&1 | FileCheck --check-prefix=REACHABLE %s
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MS 1000000ll

static go_chan *global_chan;
struct box { long pad; go_chan *c; };
static struct box *global_box;
static go_wg done;

static void worker(void *arg)
{
    go_chan *c = arg;
    go_chan_recv(c, NULL); // worker blocks here
    go_wg_done(&done);
}

static void sleeper(void *arg)
{
    go_chan *c = arg;
    go_sleep(400 * MS);    // may run again: c stays reachable
    go_chan_send(c, NULL);
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
#if defined(GLOBAL)
    global_chan = c;
#elif defined(SLEEPER)
    go_spawn(sleeper, c);
#elif defined(HEAP)
    global_box = calloc(1, sizeof *global_box);
    global_box->c = c;
#endif
    go_wg_add(&done, 1);
    go_spawn(worker, c); // worker created here
}

int main(void)
{
    start();
    clobber_stack();
    go_sleep(300 * MS);
#if defined(GLOBAL)
    go_chan_close(global_chan);
    go_wg_wait(&done);
#elif defined(SLEEPER)
    go_wg_wait(&done);
#elif defined(HEAP)
    go_chan_close(global_box->c);
    go_wg_wait(&done);
#endif
    printf("main done\n");
    return 0;
}
// CHECK: WARNING: gosan: deadlock
// CHECK-NEXT: Goroutine [[G:[0-9]+]] is blocked for good in chan receive on channel 0x{{[0-9a-f]+}} (len 0, cap 0) (for {{[^)]*}}): nothing that can still run can reach it:
// CHECK-NEXT: #0 worker {{.*}}chan.c:33
// CHECK: Goroutine [[G]] created by goroutine 1 at:
// CHECK-NEXT: #0 start {{.*}}chan.c:64
// CHECK-NEXT: #1 main
// CHECK: SUMMARY: gosan: deadlock {{.*}}chan.c:33 in worker
// CHECK-NOT: WARNING: gosan: deadlock
// CHECK: main done
// REACHABLE-NOT: WARNING: gosan
// REACHABLE: main done
