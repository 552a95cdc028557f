// Under the checker a global deadlock prints one report, the checker's
// `deadlock` report (symbolized), and not the library's "all goroutines are
// asleep" traceback after it; the program exits with exitcode (66).  When a
// `deadlock:` suppression drops the report, the library's fatal error is
// printed instead and the status is Go's 2.  Both orders of the two sides:
// main blocks first, or the goroutine does (-DG_FIRST).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: sh -c '%t; echo "status $?"' > %t.out 2>&1; FileCheck %s < %t.out
// RUN: %gosan-cc -DG_FIRST %s -o %t-g
// RUN: sh -c '%t-g; echo "status $?"' > %t.g 2>&1; FileCheck %s < %t.g
// RUN: echo 'deadlock:never_sent' > %t.supp
// RUN: sh -c 'GOSAN_OPTIONS=suppressions=%t.supp %t; echo "status $?"' > %t.sup 2>&1
// RUN: FileCheck %s --check-prefix=SUPP < %t.sup
#include <gosan/go.h>
#include <time.h>

static go_chan *c;

static void never_sent(void *arg)
{
    (void)arg;
#ifndef G_FIRST
    struct timespec ts = {0, 5000000};
    nanosleep(&ts, NULL); // main blocks first
#endif
    go_chan_recv(c, NULL);
}

int main(void)
{
    c = go_chan_make(0, 0);
    go_spawn(never_sent, NULL);
#ifdef G_FIRST
    struct timespec ts = {0, 5000000};
    nanosleep(&ts, NULL); // the goroutine blocks first
#endif
    go_chan_recv(c, NULL);
    return 0;
}
// CHECK: WARNING: gosan: deadlock
// CHECK-NEXT: All goroutines are asleep: none of them can ever run again.
// CHECK-DAG: #0 main {{.*}}checked_one_report.c:38
// CHECK-DAG: #0 never_sent {{.*}}checked_one_report.c:27
// CHECK: SUMMARY: gosan: deadlock {{.*}}checked_one_report.c:38 in main
// CHECK-NEXT: ==================
// CHECK-NOT: all goroutines are asleep
// CHECK-NOT: goroutine 1 [
// CHECK: gosan: reported 1 warning
// CHECK-NEXT: status 66
// SUPP-NOT: WARNING: gosan
// SUPP: fatal error: all goroutines are asleep - deadlock!
// SUPP: goroutine 1 [chan receive]:
// SUPP-NOT: WARNING: gosan
// SUPP: status 2
