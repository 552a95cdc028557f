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
    // ALL: SUMMARY: gosan: data race {{.*}}halt_on_error.c:[[@LINE+1]] in bump_a
    a++;
    go_wg_done(&wg);
}

static void bump_b(void *arg)
{
    // ALL: SUMMARY: gosan: data race {{.*}}halt_on_error.c:[[@LINE+1]] in bump_b
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
    printf("main: all done\n");
    return 0;
}
// HALT: WARNING: gosan: data race
// HALT-NOT: WARNING: gosan
// HALT-NOT: main: all done
// ALL: main: all done
// ALL: gosan: reported 2 warnings
