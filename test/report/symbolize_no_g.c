// Reports have FILE:LINE even when the user passes no -g (gosan-cc adds
// line tables); with no symbolizer they fall back to the symbol table.
// main prints counter: a global that is only ever written is dead code to
// the optimizer, which would delete the racy stores.
// REQUIRES: plugin
// RUN: gosan-cc -O1 %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
// RUN: env GOSAN_SYMBOLIZER_PATH=/nonexistent/llvm-symbolizer not %t 2>&1 | FileCheck %s --check-prefix=NOSYM
// RUN: env GOSAN_OPTIONS=strip_path_prefix=%S/ not %t 2>&1 | FileCheck %s --check-prefix=STRIP
// CHECK: WARNING: gosan: data race
#include <gosan/go.h>
#include <stdio.h>

static int counter;
static go_wg wg;

void writer(void *arg)
{
    // CHECK: #0 writer {{.*}}symbolize_no_g.c:[[@LINE+3]]:
    // CHECK: SUMMARY: gosan: data race {{/.*}}symbolize_no_g.c:[[@LINE+2]] in writer
    // STRIP: SUMMARY: gosan: data race symbolize_no_g.c:[[@LINE+1]] in writer
    counter = (int)(long)arg;
    go_wg_done(&wg);
}

int main(void)
{
    go_wg_add(&wg, 2);
    go_spawn(writer, (void *)1);
    go_spawn(writer, (void *)2);
    go_wg_wait(&wg);
    printf("counter=%d\n", counter);
    return 0;
}
// NOSYM: GOSAN_SYMBOLIZER_PATH=/nonexistent/llvm-symbolizer is not an executable
// NOSYM: SUMMARY: gosan: data race ({{.*}}+0x{{[0-9a-f]+}}) in writer
