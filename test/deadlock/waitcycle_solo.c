// A real wait cycle whose first locks are "solo" holds (a Mutex locked
// while its goroutine holds no other lock, recorded without the
// held-locks table's lock): each goroutine locks and unlocks both mutexes
// once first, so its record exists and its next first lock is solo.  g1
// holds a and waits for b, g2 holds b and waits for a.  Each second lock
// must move its goroutine's solo hold into the table before it waits, or
// neither the lock-order inversion nor the cycle would be seen.  B_FIRST:
// g2 takes its second lock first.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
// RUN: %gosan-cc -DB_FIRST %s -o %t-b
// RUN: not %t-b 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static go_mutex ma, mb;
static go_chan *have_a, *have_b, *warm;

static void g1(void *arg)
{
    (void)arg;
    go_mutex_lock(&ma);         // warm-up, in no order
    go_mutex_unlock(&ma);
    go_chan_recv(warm, NULL);
    go_mutex_lock(&ma);         // g1 locks a
    go_chan_send(have_a, NULL);
    go_chan_recv(have_b, NULL);
#ifdef B_FIRST
    go_sleep(20000000);
#endif
    go_mutex_lock(&mb);         // g1 waits for b
}

static void g2(void *arg)
{
    (void)arg;
    go_mutex_lock(&mb);         // warm-up, in no order
    go_mutex_unlock(&mb);
    go_chan_send(warm, NULL);
    go_mutex_lock(&mb);         // g2 locks b
    go_chan_send(have_b, NULL);
    go_chan_recv(have_a, NULL);
#ifndef B_FIRST
    go_sleep(20000000);
#endif
    go_mutex_lock(&ma);         // g2 waits for a
}

int main(void)
{
    have_a = go_chan_make(0, 1);
    have_b = go_chan_make(0, 1);
    warm = go_chan_make(0, 0);
    go_spawn(g1, NULL);
    go_spawn(g2, NULL);
    go_sleep(5000000000ll);     // the report ends the program long before
    fprintf(stderr, "not detected\n");
    return 0;
}
// CHECK: WARNING: gosan: lock-order inversion (potential deadlock)
// CHECK: WARNING: gosan: deadlock
// CHECK-NEXT: Wait cycle: goroutine [[X:[0-9]+]] => goroutine [[Y:[0-9]+]] => goroutine [[X]]
// CHECK: Goroutine [[X]] waits to lock mutex 0x{{[0-9a-f]+}} at:
// CHECK-NEXT: #0 {{g1|g2}} {{.*}}waitcycle_solo.c:{{32|47}}
// CHECK: Mutex 0x{{[0-9a-f]+}} is held by goroutine [[Y]], which locked it at:
// CHECK-NEXT: #0 {{g1|g2}} {{.*}}waitcycle_solo.c:{{26|41}}
// CHECK: Goroutine [[Y]] waits to lock mutex 0x{{[0-9a-f]+}} at:
// CHECK: Mutex 0x{{[0-9a-f]+}} is held by goroutine [[X]], which locked it at:
// CHECK: SUMMARY: gosan: deadlock {{.*}}waitcycle_solo.c:{{32|47}} in {{g1|g2}}
// CHECK-NOT: not detected
