// halt_on_error=1 exits with exitcode right after the first report; without
// it both races are reported and the program finishes.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: env GOSAN_OPTIONS=halt_on_error=1 not %t > %t.halt 2>&1
// RUN: FileCheck %s --check-prefix=HALT < %t.halt
// RUN: not %t 2>&1 | FileCheck %s --check-prefix=ALL
#include <gosan/go.h>
#include <stdio.h>

static int a, b;
static go_wg wg;

static void bump_a(void *arg)
{
    a++;
    go_wg_done(&wg);
}

static void bump_b(void *arg)
{
    b++;
    go_wg_done(&wg);
}

int main(void)
{
    go_wg_add(&wg, 2);
    go_spawn(bump_a, NULL);
    go_spawn(bump_a, NULL);
    go_wg_wait(&wg);
    go_wg_add(&wg, 2);
    go_spawn(bump_b, NULL);
    go_spawn(bump_b, NULL);
    go_wg_wait(&wg);
    printf("finished\n");
    return 0;
}
// HALT: WARNING: gosan: data race
// HALT-NOT: WARNING: gosan
// HALT-NOT: finished
// ALL: SUMMARY: gosan: data race {{.*}}halt_on_error.c:16 in bump_a
// ALL: SUMMARY: gosan: data race {{.*}}halt_on_error.c:22 in bump_b
// ALL: finished
// ALL: gosan: reported 2 warnings
