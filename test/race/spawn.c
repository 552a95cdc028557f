// go_spawn happens before the new goroutine starts; nothing orders what the
// parent does after the spawn with the child.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static int x;
static go_wg wg;

static void child(void *arg) {
    (void)arg;
    printf("x=%d\n", x);                 /* read */
    go_wg_done(&wg);
}

int main(void) {
    go_wg_add(&wg, 1);
#ifndef RACY
    x = 1;                               /* before the spawn: ordered */
    go_spawn(child, NULL);
#else
    go_spawn(child, NULL);
    x = 1;                               /* after the spawn: races with the read */
#endif
    go_wg_wait(&wg);
    printf("done\n");
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: done
// CHECK: WARNING: gosan: data race
// CHECK: SUMMARY: gosan: data race {{.*}}spawn.c:{{[0-9]+}} in
