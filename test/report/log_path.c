// log_path=PATH sends reports to PATH.PID, not stderr; the exit status is
// unchanged.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: env GOSAN_OPTIONS=log_path=%t.dir/report not %t 2> %t.err
// RUN: FileCheck %s --check-prefix=STDERR < %t.err
// RUN: cat %t.dir/report.* | FileCheck %s --check-prefix=LOG
#include <gosan/go.h>
#include <stdio.h>

static int counter;
static go_wg wg;

static void bump(void *arg)
{
    // LOG: WARNING: gosan: data race (pid={{[0-9]+}})
    // LOG: SUMMARY: gosan: data race {{.*}}log_path.c:[[@LINE+1]] in bump
    counter++;
    go_wg_done(&wg);
}

int main(void)
{
    go_wg_add(&wg, 2);
    go_spawn(bump, NULL);
    go_spawn(bump, NULL);
    go_wg_wait(&wg);
    fprintf(stderr, "main done\n");
    return 0;
}
// STDERR-NOT: WARNING: gosan
// STDERR: main done
// STDERR-NOT: WARNING: gosan
// LOG: gosan: reported 1 warning
