// Reports have FILE:LINE even when the user passes no -g (gosan-cc adds
// line tables).  A GOSAN_SYMBOLIZER_PATH that is not an executable (missing,
// a directory, no x bit) is reported with the reason, and the installed
// llvm-symbolizer is used instead.
// main prints counter: a global that is only ever written is dead code to
// the optimizer, which would delete the racy stores.
// REQUIRES: plugin
// RUN: gosan-cc -O1 %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
// RUN: env GOSAN_SYMBOLIZER_PATH=/nonexistent/llvm-symbolizer not %t 2>&1 | FileCheck %s --check-prefixes=NOSYM,FALLBACK
// RUN: env GOSAN_SYMBOLIZER_PATH=%S not %t 2>&1 | FileCheck %s --check-prefixes=DIR,FALLBACK
// RUN: rm -f %t.noexec; touch %t.noexec
// RUN: env GOSAN_SYMBOLIZER_PATH=%t.noexec not %t 2>&1 | FileCheck %s --check-prefixes=NOEXEC,FALLBACK
// RUN: env GOSAN_OPTIONS=strip_path_prefix=%S/ not %t 2>&1 | FileCheck %s --check-prefix=STRIP
// NOSYM: gosan: WARNING: GOSAN_SYMBOLIZER_PATH=/nonexistent/llvm-symbolizer is not an executable (No such file or directory); looking for llvm-symbolizer elsewhere
// DIR: gosan: WARNING: GOSAN_SYMBOLIZER_PATH={{.*}} is not an executable (Is a directory); looking for llvm-symbolizer elsewhere
// NOEXEC: gosan: WARNING: GOSAN_SYMBOLIZER_PATH={{.*}}.noexec is not an executable (Permission denied); looking for llvm-symbolizer elsewhere
// CHECK: WARNING: gosan: data race
// FALLBACK-NOT: gosan: WARNING
// FALLBACK: WARNING: gosan: data race
#include <gosan/go.h>
#include <stdio.h>

static int counter;
static go_wg wg;

void writer(void *arg)
{
    // CHECK: #0 writer {{.*}}symbolize_no_g.c:[[@LINE+4]]:
    // CHECK: SUMMARY: gosan: data race {{/.*}}symbolize_no_g.c:[[@LINE+3]] in writer
    // FALLBACK: SUMMARY: gosan: data race {{/.*}}symbolize_no_g.c:[[@LINE+2]] in writer
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
