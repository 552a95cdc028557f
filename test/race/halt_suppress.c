// halt_on_error=1 stops at the first report; a `race:` suppression drops
// reports whose stacks match.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: not %t 2>&1 | FileCheck --check-prefix=BOTH %s
// RUN: env GOSAN_OPTIONS=halt_on_error=1 not %t 2>&1 | FileCheck --check-prefix=HALT %s
// RUN: echo "race:racy_b" > %t.supp
// RUN: env GOSAN_OPTIONS=suppressions=%t.supp not %t 2>&1 | FileCheck --check-prefix=SUPP %s
#include <gosan/go.h>
#include <stdio.h>

static int a, b;
static go_wg wg;

static __attribute__((noinline)) void racy_a(void) { a++; }
static __attribute__((noinline)) void racy_b(void) { b++; }

static void worker(void *arg) {
    (void)arg;
    racy_a();
    racy_b();
    go_wg_done(&wg);
}

int main(void) {
    go_wg_add(&wg, 2);
    go_spawn(worker, NULL);
    go_spawn(worker, NULL);
    go_wg_wait(&wg);
    printf("done\n");
    return 0;
}
// BOTH: SUMMARY: gosan: data race {{.*}} in racy_a
// BOTH: SUMMARY: gosan: data race {{.*}} in racy_b
// BOTH: reported 2 warnings
// HALT: SUMMARY: gosan: data race {{.*}} in racy_a
// HALT-NOT: WARNING: gosan
// HALT-NOT: done
// SUPP: SUMMARY: gosan: data race {{.*}} in racy_a
// SUPP-NOT: racy_b
// SUPP: reported 1 warning
