// A program whose main returns 0 exits with 66 once a report was printed
// (exitcode=N changes it), and says how many warnings there were.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: sh -c '%t; echo "status $?"' > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: sh -c 'GOSAN_OPTIONS=exitcode=3 %t; echo "status $?"' > %t.out3 2>&1
// RUN: FileCheck %s --check-prefix=CODE3 < %t.out3
#include <gosan/go.h>
#include <stdio.h>

static int counter;
static go_wg wg;

static void bump(void *arg)
{
    // CHECK: WARNING: gosan: data race
    // CHECK: SUMMARY: gosan: data race {{.*}}exit_status.c:[[@LINE+1]] in bump
    counter++;
    go_wg_done(&wg);
}

int main(void)
{
    go_wg_add(&wg, 2);
    go_spawn(bump, NULL);
    go_spawn(bump, NULL);
    go_wg_wait(&wg);
    printf("main returns 0\n");
    return 0;
}
// CHECK: main returns 0
// CHECK: gosan: reported 1 warning
// CHECK: status 66
// CODE3: gosan: reported 1 warning
// CODE3: status 3
