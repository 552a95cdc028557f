// A program that printed a report and then ends through _exit(0),
// _Exit(0) or quick_exit(0) (which skip the destructors that set the status
// at a normal exit) still exits with exitcode (66), or exitcode=N; so does
// halt_on_error, which leaves through _exit.  Both goroutines have finished
// their racy increments (the report is complete) before the exit.
// REQUIRES: plugin
// RUN: %gosan-cc -DEND=_exit %s -o %t-u
// RUN: sh -c '%t-u; echo "status $?"' > %t.u 2>&1; FileCheck %s < %t.u
// RUN: sh -c 'GOSAN_OPTIONS=exitcode=3 %t-u; echo "status $?"' > %t.u3 2>&1; FileCheck %s --check-prefix=CODE3 < %t.u3
// RUN: %gosan-cc -DEND=_Exit %s -o %t-c
// RUN: sh -c '%t-c; echo "status $?"' > %t.c 2>&1; FileCheck %s < %t.c
// RUN: %gosan-cc -DEND=quick_exit %s -o %t-q
// RUN: sh -c '%t-q; echo "status $?"' > %t.q 2>&1; FileCheck %s < %t.q
// RUN: sh -c 'GOSAN_OPTIONS=halt_on_error=1 %t-u; echo "status $?"' > %t.h 2>&1; FileCheck %s --check-prefix=HALT < %t.h
#include <gosan/go.h>
#include <stdlib.h>
#include <unistd.h>

static int counter;
static go_wg wg;

static void bump(void *arg)
{
    (void)arg;
    counter++;
    go_wg_done(&wg);
}

int main(void)
{
    go_wg_add(&wg, 2);
    go_spawn(bump, NULL);
    go_spawn(bump, NULL);
    go_wg_wait(&wg);
    END(0);
}
// CHECK: SUMMARY: gosan: data race {{.*}}status_after_report.c:25 in bump
// CHECK: gosan: reported 1 warning
// CHECK-NEXT: status 66
// CODE3: gosan: reported 1 warning
// CODE3-NEXT: status 3
// HALT: SUMMARY: gosan: data race
// HALT-NOT: WARNING: gosan
// HALT: status 66
