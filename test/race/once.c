// The go_once_do function's return happens before every go_once_do returns
// (NORACE).  Reading what it initialised without go_once_do races (RACY).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static int config;
static go_once once;
static go_wg wg;

static void init(void *arg) { (void)arg; config = 42; }

static void user(void *arg) {
    (void)arg;
    go_once_do(&once, init, NULL);
    printf("config=%d\n", config);
    go_wg_done(&wg);
}

static void peeker(void *arg) {
    (void)arg;
    printf("peek=%d\n", config);     /* no go_once_do: not ordered */
    go_wg_done(&wg);
}

int main(void) {
    go_wg_add(&wg, 3);
    go_spawn(user, NULL);
    go_spawn(user, NULL);
#ifdef RACY
    go_spawn(peeker, NULL);
#else
    go_spawn(user, NULL);
#endif
    go_wg_wait(&wg);
    printf("done\n");
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: done
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'config'
