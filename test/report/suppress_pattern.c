// Suppression patterns that cannot be what was meant are rejected with
// FILE:LINE: one that is empty once its anchors are removed (`^`, `$`,
// `^$`, which would suppress every report of the type) and a line with a
// NUL byte (which cut the pattern short).  An explicit `race:*` is
// accepted and suppresses every race, as in TSan.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: printf 'race:fine\nrace:^\n' > %t.caret
// RUN: env GOSAN_OPTIONS=suppressions=%t.caret not %t 2>&1 | FileCheck %s --check-prefix=CARET
// RUN: printf 'race:$\n' > %t.dollar
// RUN: env GOSAN_OPTIONS=suppressions=%t.dollar not %t 2>&1 | FileCheck %s --check-prefix=DOLLAR
// RUN: printf '# x\ndeadlock: ^$ \n' > %t.both
// RUN: env GOSAN_OPTIONS=suppressions=%t.both not %t 2>&1 | FileCheck %s --check-prefix=BOTH
// RUN: printf 'race:unrelated\nrace:bump\0_counter\n' > %t.nul
// RUN: env GOSAN_OPTIONS=suppressions=%t.nul not %t 2>&1 | FileCheck %s --check-prefix=NUL
// RUN: printf 'race:*\n' > %t.star
// RUN: env GOSAN_OPTIONS=suppressions=%t.star %t 2>&1 | FileCheck %s --check-prefix=STAR
// RUN: printf 'race:^*$\n' > %t.star2
// RUN: env GOSAN_OPTIONS=suppressions=%t.star2 %t 2>&1 | FileCheck %s --check-prefix=STAR
// RUN: printf 'race:^bump_counter$\n' > %t.exact
// RUN: env GOSAN_OPTIONS=suppressions=%t.exact %t 2>&1 | FileCheck %s --check-prefix=STAR
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
// CARET: gosan: FATAL: {{.*}}.caret:2: pattern '^' is empty without its anchors and would match everything (write 'race:*' to suppress every race report)
// CARET-NOT: finished
// DOLLAR: {{.*}}.dollar:1: pattern '$' is empty without its anchors
// DOLLAR-NOT: finished
// BOTH: {{.*}}.both:2: pattern '^$' is empty without its anchors and would match everything (write 'deadlock:*'
// NUL: gosan: FATAL: {{.*}}.nul:2: NUL byte in a suppression line
// NUL-NOT: finished
// STAR-NOT: WARNING: gosan
// STAR: finished
// STAR-NOT: reported
