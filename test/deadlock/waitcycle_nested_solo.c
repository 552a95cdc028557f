// A real wait cycle through a lock taken while its goroutine held another
// (a "solo" hold: after a PRE_LOCK that went through the held-locks table,
// the LOCKED is recorded without the table's lock, solo_read_hold.h).  g1
// locks a, then b (the solo hold), then waits for c; g2 locks c, then
// waits for b.  g1's wait must publish b before it is searched, or neither
// side sees the cycle.  b is a Mutex, or an RWMutex that g1 write-locks
// (-DRW_WRITE) or read-locks while g2 waits to write-lock it (-DRW_READ).
// The report ends the program whichever goroutine waits last (-DG1_LAST:
// g1 waits for c after g2 waits for b; else g2 waits last).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t && not %t 2>&1 | FileCheck %s
// RUN: %gosan-cc -DG1_LAST %s -o %t-1 && not %t-1 2>&1 | FileCheck %s
// RUN: %gosan-cc -DRW_WRITE %s -o %t-w && not %t-w 2>&1 | FileCheck %s
// RUN: %gosan-cc -DRW_WRITE -DG1_LAST %s -o %t-w1 && not %t-w1 2>&1 | FileCheck %s
// RUN: %gosan-cc -DRW_READ %s -o %t-r && not %t-r 2>&1 | FileCheck %s
// RUN: %gosan-cc -DRW_READ -DG1_LAST %s -o %t-r1 && not %t-r1 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static go_mutex ma, mc;
#if defined(RW_WRITE) || defined(RW_READ)
static go_rwmutex mb;
#else
static go_mutex mb;
#endif
static go_chan *have_b, *have_c;

static void g1(void *arg)
{
    (void)arg;
    go_mutex_lock(&ma);
#if defined(RW_WRITE)
    go_rwmutex_lock(&mb);       // g1 holds b (solo)
#elif defined(RW_READ)
    go_rwmutex_rlock(&mb);
#else
    go_mutex_lock(&mb);
#endif
    go_chan_send(have_b, NULL);
    go_chan_recv(have_c, NULL);
#ifdef G1_LAST
    go_sleep(50000000);
#endif
    go_mutex_lock(&mc);         // g1 waits for c
}

static void g2(void *arg)
{
    (void)arg;
    go_mutex_lock(&mc);         // g2 holds c
    go_chan_recv(have_b, NULL);
    go_chan_send(have_c, NULL);
#ifndef G1_LAST
    go_sleep(50000000);
#endif
#if defined(RW_WRITE) || defined(RW_READ)
    go_rwmutex_lock(&mb);       // g2 waits for b
#else
    go_mutex_lock(&mb);
#endif
}

int main(void)
{
    have_b = go_chan_make(0, 0);
    have_c = go_chan_make(0, 0);
    go_spawn(g1, NULL);
    go_spawn(g2, NULL);
    go_sleep(5000000000ll);     // the report ends the program long before
    fprintf(stderr, "not detected\n");
    return 0;
}
// CHECK: WARNING: gosan: deadlock
// CHECK-NEXT: Wait cycle: goroutine [[X:[0-9]+]] => goroutine [[Y:[0-9]+]] => goroutine [[X]]
// CHECK: Mutex 0x{{[0-9a-f]+}} is {{read-held|held}} by goroutine [[Y]], which locked it at:
// CHECK: Mutex 0x{{[0-9a-f]+}} is {{read-held|held}} by goroutine [[X]], which locked it at:
// CHECK: SUMMARY: gosan: deadlock {{.*}}waitcycle_nested_solo.c:{{[0-9]+}} in {{g1|g2}}
// CHECK-NOT: not detected
