// deadlock_timeout: the holder's line says what the holder was doing when
// the watchdog saw the wait pass the timeout, not when the report got
// printed.  Printing waits for the stacks' lines, and a cold symbolizer on
// a loaded machine takes seconds: by then the holder may have unlocked the
// mutex and exited, and the report used to say it had "exited (still
// holding the mutex)", which was false.  Here a symbolizer that never
// answers holds the report back for its first 5 s bound; the holder
// unlocks after 3 s and exits, main then locks, unlocks and returns, and
// the exit waits for the report.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: rm -f %t.pid
// RUN: sh -c 'GOSAN_TEST_PIDFILE=%t.pid GOSAN_SYMBOLIZER_PATH=%S/../report/Inputs/symbolizer_hung.sh GOSAN_OPTIONS=deadlock_timeout=1 %t; echo "status $?"' > %t.out 2>&1
// RUN: FileCheck %s < %t.out
#include <gosan/go.h>
#include <stdio.h>

static go_mutex m;
static go_chan *locked;

static void holder(void *arg)
{
    (void)arg;
    go_mutex_lock(&m);
    go_chan_send(locked, NULL);
    go_sleep(3000 * 1000000LL);
    go_mutex_unlock(&m);
}

int main(void)
{
    locked = go_chan_make(0, 0);
    go_spawn(holder, NULL);
    go_chan_recv(locked, NULL);
    go_mutex_lock(&m);
    go_mutex_unlock(&m);
    fprintf(stderr, "main returns\n");
    return 0;
}
// CHECK: WARNING: gosan: deadlock
// CHECK-NEXT: Goroutine 1 has waited {{.*}} (more than deadlock_timeout=1 s) to lock mutex
// CHECK: Mutex 0x{{[0-9a-f]+}} is held by goroutine [[H:[0-9]+]], which locked it at:
// CHECK-NEXT: #0 holder
// CHECK-NEXT: Goroutine [[H]] is now sleep.
// CHECK: SUMMARY: gosan: deadlock
// CHECK: status 66
