// gosan_leakcheck (goleak's VerifyNone): after the grace period every
// goroutine but the caller that is still alive is a `goroutine leak`, with
// its labels, state and wait reason, how long, where it blocked and where
// it was created; the call returns how many.  Goroutines that finish within
// the grace period are not leaks (the -DNOLEAK build: they sleep 20 ms,
// the check starts at once and waits for them).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: env GOSAN_OPTIONS=leak_grace_ms=300 not %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: %gosan-cc -DNOLEAK %s -o %t-noleak
// RUN: env GOSAN_OPTIONS=leak_grace_ms=5000 %t-noleak 2>&1 | FileCheck --check-prefix=NOLEAK %s
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdio.h>

static go_chan *jobs; /* a global: the leaked goroutine could still be woken */

static void consumer(void *arg)
{
    (void)arg;
    go_label_set("role", "consumer");
    go_chan_recv(jobs, NULL); // consumer blocks here
}

static void quick(void *arg)
{
    (void)arg;
    go_sleep(20 * 1000000ll);
}

int main(void)
{
    jobs = go_chan_make(sizeof(int), 4);
#ifdef NOLEAK
    for (int i = 0; i < 4; i++)
        go_spawn(quick, NULL);
#else
    go_spawn(consumer, NULL); // consumer created here
#endif
    int n = gosan_leakcheck();
    printf("leaks: %d\n", n);
    go_chan_close(jobs);
    return 0;
}
// CHECK-NOT: WARNING: gosan: deadlock
// CHECK: WARNING: gosan: goroutine leak
// CHECK-NEXT: Goroutine [[G:[0-9]+]] [role=consumer] is still alive (chan receive on channel 0x{{[0-9a-f]+}} (len 0, cap 4), for {{[^)]*}}) [leak 1 of 1]:
// CHECK-NEXT: #0 consumer {{.*}}leakcheck.c:23
// CHECK: Goroutine [[G]] created by goroutine 1 at:
// CHECK-NEXT: #0 main {{.*}}leakcheck.c:39
// CHECK: SUMMARY: gosan: goroutine leak {{.*}}leakcheck.c:23 in consumer
// CHECK: leaks: 1
// NOLEAK-NOT: WARNING: gosan
// NOLEAK: leaks: 0
