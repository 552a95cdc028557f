// A symbolizer that hangs (never reads, never answers) costs one bounded
// wait, not one per report: the first report gives it up after a few
// seconds with one warning, kills it, and it and the two reports after it
// name their functions from the symbol table.  With a 20 s wait per
// answer the run would not finish within the 15 s `timeout`.  Afterwards
// no symbolizer is left running.  Both when it was started at start-up
// (symbolizer_at_start=1, the program waiting until it runs) and when the
// first report starts it.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: rm -f %t.pid
// RUN: sh -c 'GOSAN_OPTIONS=symbolizer_at_start=1 GOSAN_TEST_PIDFILE=%t.pid GOSAN_SYMBOLIZER_PATH=%S/Inputs/symbolizer_hung.sh timeout 15 %t %t.pid; echo "status $?"' > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: sh %S/Inputs/symbolizer_gone.sh %t.pid | FileCheck %s --check-prefix=GONE
// RUN: rm -f %t.pid
// RUN: sh -c 'GOSAN_TEST_PIDFILE=%t.pid GOSAN_SYMBOLIZER_PATH=%S/Inputs/symbolizer_hung.sh timeout 15 %t; echo "status $?"' > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: sh %S/Inputs/symbolizer_gone.sh %t.pid | FileCheck %s --check-prefix=GONE
#include <gosan/go.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static int a, b, c;
static go_wg wg;

static void write_a(void *p) { a = (int)(long)p; go_wg_done(&wg); }
static void write_b(void *p) { b = (int)(long)p; go_wg_done(&wg); }
static void write_c(void *p) { c = (int)(long)p; go_wg_done(&wg); }

static void twice(void (*fn)(void *))
{
    go_wg_add(&wg, 2);
    go_spawn(fn, (void *)1);
    go_spawn(fn, (void *)2);
    go_wg_wait(&wg);
}

int main(int argc, char **argv)
{
    // the symbolizer has started (and recorded its pid) before we report
    struct timespec ms = {0, 1000000};
    while (argc > 1 && access(argv[1], F_OK) != 0)
        nanosleep(&ms, NULL);
    twice(write_a);
    twice(write_b);
    twice(write_c);
    printf("sum=%d\n", a + b + c);
    return 0;
}
// CHECK: gosan: WARNING: llvm-symbolizer {{.*}}symbolizer_hung.sh gave no answer in time; using the symbol table from now on
// CHECK: WARNING: gosan: data race
// CHECK: SUMMARY: gosan: data race ({{.*}}+0x{{[0-9a-f]+}}) in write_a
// CHECK: WARNING: gosan: data race
// CHECK: SUMMARY: gosan: data race ({{.*}}+0x{{[0-9a-f]+}}) in write_b
// CHECK: WARNING: gosan: data race
// CHECK: SUMMARY: gosan: data race ({{.*}}+0x{{[0-9a-f]+}}) in write_c
// CHECK-NOT: llvm-symbolizer
// CHECK: status 66
// GONE: symbolizer gone
