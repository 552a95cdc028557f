// A race on a malloc'ed block says which block and where it was allocated.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdlib.h>

static go_wg wg;

static void store(void *arg)
{
    ((int *)arg)[3] = 1;
    go_wg_done(&wg);
}

static int *make_block(void)
{
    return malloc(64);
}

int main(void)
{
    int *p = make_block();
    go_wg_add(&wg, 2);
    go_spawn(store, p);
    go_spawn(store, p);
    go_wg_wait(&wg);
    free(p);
    return 0;
}
// CHECK: WARNING: gosan: data race
// CHECK: Location is heap block of size 64 at 0x{{[0-9a-f]+}} allocated by goroutine 1:
// CHECK: make_block {{.*}}location_heap.c:18
// CHECK: SUMMARY: gosan: data race {{.*}}location_heap.c:12 in store
