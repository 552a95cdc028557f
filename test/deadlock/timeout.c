// deadlock_timeout=SECONDS: a goroutine that has waited for a mutex longer
// than that is reported (once per wait) with the holder, the stack where
// the holder locked it and what the holder is doing now.  Here the holder
// sleeps 3 s with the lock held and main waits for it; the program then
// goes on and ends normally (status 66 for the report).  A wait shorter
// than the timeout is not reported: a 50 ms hold against a 10 s timeout
// (against 1 s, a starved process, a few % of one processor, waited more
// than 1 s of wall time for its 50 ms hold in 4 runs of 5, and that wait
// was rightly reported).  Main's "done" is checked apart from the report:
// the report may be printed after main went on (its stacks' lines can take
// seconds under load), and the holder's line tells the state it had when
// the watchdog saw the wait.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: env GOSAN_OPTIONS=deadlock_timeout=1 not %t 3000 > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: FileCheck --check-prefix=DONE %s < %t.out
// RUN: env GOSAN_OPTIONS=deadlock_timeout=10 %t 50 2>&1 | FileCheck --check-prefix=SHORT %s
// RUN: %t 3000 2>&1 | FileCheck --check-prefix=SHORT %s
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>

static go_mutex m;
static go_chan *locked;
static int64_t hold_ms;

static void holder(void *arg)
{
    (void)arg;
    go_mutex_lock(&m);          // holder locks m
    go_chan_send(locked, NULL);
    go_sleep(hold_ms * 1000000);
    go_mutex_unlock(&m);
}

int main(int argc, char **argv)
{
    hold_ms = argc > 1 ? atoi(argv[1]) : 3000;
    locked = go_chan_make(0, 0);
    go_spawn(holder, NULL);
    go_chan_recv(locked, NULL);
    go_mutex_lock(&m);          // main waits here
    go_mutex_unlock(&m);
    fprintf(stderr, "done\n");
    return 0;
}
// CHECK: WARNING: gosan: deadlock
// CHECK-NEXT: Goroutine 1 has waited {{.*}} (more than deadlock_timeout=1 s) to lock mutex 0x{{[0-9a-f]+}} at:
// CHECK-NEXT: #0 main {{.*}}timeout.c:43
// CHECK: Mutex 0x{{[0-9a-f]+}} is held by goroutine [[H:[0-9]+]], which locked it at:
// CHECK-NEXT: #0 holder {{.*}}timeout.c:31
// CHECK-NEXT: Goroutine [[H]] is now sleep.
// CHECK: SUMMARY: gosan: deadlock {{.*}}timeout.c:43 in main
// DONE: done

// SHORT-NOT: WARNING: gosan
// SHORT: done
