// A negative go_wg counter is fatal, as in Go: one Done too many, or an
// Add with a negative delta larger than the counter.
// RUN: %plain-cc %s -o %t && not --crash %t 2>&1 | FileCheck %s
// RUN: %plain-cc -DADD %s -o %t-add && not --crash %t-add 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static go_wg wg;

int main(void)
{
    printf("before\n");
    fflush(stdout);
#ifdef ADD
    go_wg_add(&wg, 2);
    go_wg_add(&wg, -3);
#else
    go_wg_add(&wg, 1);
    go_wg_done(&wg);
    go_wg_done(&wg);
#endif
    printf("not reached\n");
    return 0;
}
// CHECK: before
// CHECK-NOT: not reached
// CHECK: fatal error: sync: negative WaitGroup counter
