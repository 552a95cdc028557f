// A symbolizer still at work when the bound on an answer passes (a cold
// start on a loaded machine: running, its CPU time growing) is waited for,
// up to 20 s per answer: the report gets its lines, not the symbol table's
// names and offsets.  Here the symbolizer computes for 8 s before its
// first answer; the first bound is 5 s.  (One that waits for nothing is
// still given up at the bound: symbolize_hung.c.)
// REQUIRES: plugin
// RUN: %gosan-cc -g %s -o %t
// RUN: sh -c 'GOSAN_SYMBOLIZER_PATH=%S/Inputs/symbolizer_slow.sh %t; echo "status $?"' > %t.out 2>&1
// RUN: FileCheck %s < %t.out
#include <gosan/go.h>
#include <stdio.h>

static int a;
static go_wg wg;

static void write_a(void *p)
{
    a = (int)(long)p;
    go_wg_done(&wg);
}

int main(void)
{
    go_wg_add(&wg, 2);
    go_spawn(write_a, (void *)1);
    go_spawn(write_a, (void *)2);
    go_wg_wait(&wg);
    printf("a=%d\n", a);
    return 0;
}
// CHECK-NOT: llvm-symbolizer
// CHECK: WARNING: gosan: data race
// CHECK: #0 write_a {{.*}}symbolize_slow.c:19
// CHECK: SUMMARY: gosan: data race {{.*}}symbolize_slow.c:19 in write_a
// CHECK-NOT: llvm-symbolizer
// CHECK: status 66
