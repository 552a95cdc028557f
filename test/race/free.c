// free() is a write of the whole block: freeing memory that another
// goroutine used without being ordered after that use is a race, reported
// at the free with the other goroutine's access as the previous one.
// Freeing after the WaitGroup's Wait is ordered, so nothing races (NORACE).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <stdio.h>

static go_wg wg;
static atomic_int used; /* relaxed: tells main use() ran, orders nothing */

static void use(void *arg) {
    long *p = arg;
    p[5] = 42;
    atomic_store_explicit(&used, 1, memory_order_relaxed);
    go_wg_done(&wg);
}

int main(void) {
    long *p = malloc(8 * sizeof(long));
    if (!p)
        return 1;
    go_wg_add(&wg, 1);
    go_spawn(use, p);
#ifdef RACY
    while (!atomic_load_explicit(&used, memory_order_relaxed))
        go_yield(); /* use() has run, but nothing orders it before the free */
    free(p);
    go_wg_wait(&wg);
#else
    go_wg_wait(&wg);
    free(p);
#endif
    printf("freed\n");
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: freed
// CHECK: WARNING: gosan: data race
// CHECK-NEXT: Write of size {{[0-9]+}} at 0x{{[0-9a-f]+}} by goroutine 1:
// CHECK-NEXT: #0 main {{.*}}free.c:32
// CHECK: Previous write of size 8 at 0x{{[0-9a-f]+}} by goroutine {{[0-9]+}}:
// CHECK-NEXT: #0 use {{.*}}free.c:18
// CHECK: Location is heap block of size 64
// CHECK-NOT: WARNING: gosan
