// A race: line in the suppressions file silences a race whose stack has a
// matching function (glob) or file; the exit status is then 0.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: echo 'race:bump_*' > %t.func
// RUN: env GOSAN_OPTIONS=suppressions=%t.func %t 2>&1 | FileCheck %s --check-prefix=QUIET
// RUN: echo 'race:suppress_race.c$' > %t.file
// RUN: env GOSAN_OPTIONS=suppressions=%t.file %t 2>&1 | FileCheck %s --check-prefix=QUIET
// RUN: echo 'race:unrelated_function' > %t.other
// RUN: env GOSAN_OPTIONS=suppressions=%t.other not %t 2>&1 | FileCheck %s --check-prefix=LOUD
#include <gosan/go.h>
#include <stdio.h>

static int counter;
static go_wg wg;

static void bump_counter(void *arg)
{
    counter++;
    go_wg_done(&wg);
}

int main(void)
{
    go_wg_add(&wg, 2);
    go_spawn(bump_counter, NULL);
    go_spawn(bump_counter, NULL);
    go_wg_wait(&wg);
    printf("finished\n");
    return 0;
}
// QUIET-NOT: WARNING: gosan
// QUIET: finished
// QUIET-NOT: reported
// LOUD: WARNING: gosan: data race
// LOUD: finished
