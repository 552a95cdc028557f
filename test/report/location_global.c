// A race on a global names the variable, its size and its declaration.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
#include <gosan/go.h>

long shared_total;
static go_wg wg;

static void add(void *arg)
{
    shared_total += 5;
    go_wg_done(&wg);
}

int main(void)
{
    go_wg_add(&wg, 2);
    go_spawn(add, NULL);
    go_spawn(add, NULL);
    go_wg_wait(&wg);
    return 0;
}
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'shared_total' of size 8
// CHECK: SUMMARY: gosan: data race {{.*}}location_global.c:12 in add
