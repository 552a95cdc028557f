// The report says where the raced-on memory lives: a global, a heap block
// (with its allocation stack) or a goroutine's stack.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DWHERE=0 %s -o %t-g && not %t-g 2>&1 | FileCheck --check-prefix=GLOBAL %s
// RUN: %gosan-cc -O1 -DWHERE=1 %s -o %t-h && not %t-h 2>&1 | FileCheck --check-prefix=HEAP %s
// RUN: %gosan-cc -O1 -DWHERE=2 %s -o %t-s && not %t-s 2>&1 | FileCheck --check-prefix=STACK %s
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>

static int global_var;
static go_wg wg;

static void poke(void *arg) {
    *(volatile int *)arg = 2;
    go_wg_done(&wg);
}

static __attribute__((noinline)) int *make_block(void) {
    return malloc(64);
}

int main(void) {
    int local = 0;
    int *p = WHERE == 0 ? &global_var : WHERE == 1 ? make_block() : &local;
    go_wg_add(&wg, 1);
    go_spawn(poke, p);
    *(volatile int *)p = 1;
    go_wg_wait(&wg);
    printf("done %d\n", *p);
    return 0;
}
// GLOBAL: WARNING: gosan: data race
// GLOBAL: Location is global 'global_var' of size 4 at {{.*}}location.c:11
// HEAP: WARNING: gosan: data race
// HEAP: Location is heap block of size 64 at 0x{{[0-9a-f]+}} allocated by goroutine 1:
// HEAP: make_block {{.*}}location.c:20
// STACK: WARNING: gosan: data race
// STACK: Location is stack of goroutine 1
