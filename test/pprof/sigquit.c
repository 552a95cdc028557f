// SIGQUIT in a production (--plain) build, as in Go: every goroutine in
// the debug=2 traceback format on stderr (the program's frames only, with
// file:line from the debug info, labels as in the checker's dumps), then
// exit status 2.  The goroutine the signal interrupted is walked from the
// signal's registers, through the C library's raise.  An inherited
// "ignore" (a background job's) is overridden, as Go does.
// GOSAN_SIGQUIT=off leaves SIGQUIT as inherited (the default action, or
// ignored).
// RUN: %plain-cc %s -o %t
// RUN: %t 2> %t.err; test $? = 2
// RUN: bash -c 'trap "" QUIT; exec %t' 2> %t.ign; test $? = 2
// RUN: FileCheck %s < %t.ign
// RUN: FileCheck %s < %t.err
// RUN: env GOSAN_SIGQUIT=off %t 2> %t.off; test $? != 2
// RUN: FileCheck %s --allow-empty --check-prefix=OFF < %t.off
#include <gosan/go.h>
#include <signal.h>
#include <stdio.h>

#include "Inputs/parked.h"

static go_chan *c;
static go_wg started;

static void waiter(void *arg)
{
    go_label_set("job", (const char *)arg);
    go_wg_done(&started);
    go_chan_recv(c, NULL); // waiter waits here
}

static __attribute__((noinline)) void quit(void)
{
    raise(SIGQUIT);
}

int main(void)
{
    c = go_chan_make(0, 0);
    go_wg_add(&started, 1);
    go_spawn(waiter, "rx");
    go_wg_wait(&started);
    wait_parked("chan receive", 1);
    quit();
    fprintf(stderr, "not reached\n");
    return 0;
}

// CHECK: SIGQUIT: quit
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// CHECK: quit(...)
// CHECK-NEXT: {{.*}}sigquit.c:34
// CHECK-NEXT: main(...)
// CHECK-NEXT: {{.*}}sigquit.c:44
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 2 [chan receive]:
// CHECK-NEXT: labels: {"job":"rx"}
// CHECK-NEXT: waiter(...)
// CHECK-NEXT: {{.*}}sigquit.c:29
// CHECK-NEXT: created by main in goroutine 1
// CHECK-NEXT: {{.*}}sigquit.c:41
// CHECK-NOT: go_
// CHECK-NOT: not reached

// OFF-NOT: goroutine
