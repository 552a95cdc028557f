// log_path is opened before main: a file that cannot be created stops the
// program at once, with exit status 1 and one line naming the file and the
// reason, before main runs (not at the first report, whose text would be
// lost).  A usable log_path gets its PATH.PID file at start-up, and the
// reports of the run go to it even if the directory is renamed meanwhile.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: rm -rf %t.dir %t.notdir %t.moved && touch %t.notdir
// RUN: env GOSAN_OPTIONS=log_path=%t.dir/report %t > %t.out 2>&1; echo "status $?" >> %t.out
// RUN: FileCheck %s --check-prefix=MISSING < %t.out
// RUN: env GOSAN_OPTIONS=log_path=%t.notdir/report %t > %t.out 2>&1; echo "status $?" >> %t.out
// RUN: FileCheck %s --check-prefix=NOTDIR < %t.out
// RUN: mkdir %t.dir
// RUN: env GOSAN_OPTIONS=log_path=%t.dir/report MOVE_TO=%t.moved %t > %t.out 2>&1; echo "status $?" >> %t.out
// RUN: FileCheck %s --check-prefix=MOVED < %t.out
// RUN: cat %t.moved/report.* | FileCheck %s --check-prefix=LOG
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int counter;
static go_wg wg;

static void bump(void *arg)
{
    counter++;
    go_wg_done(&wg);
}

int main(void)
{
    const char *to = getenv("MOVE_TO");
    if (to) { /* the log_path directory moves away before the first report */
        const char *opts = getenv("GOSAN_OPTIONS");
        char from[4096];
        snprintf(from, sizeof from, "%s", opts + sizeof "log_path=" - 1);
        *strrchr(from, '/') = 0;
        if (rename(from, to) != 0)
            perror("rename");
    }
    puts("main ran");
    fflush(stdout);
    go_wg_add(&wg, 2);
    go_spawn(bump, NULL);
    go_spawn(bump, NULL);
    go_wg_wait(&wg);
    return 0;
}
// MISSING: gosan: FATAL: cannot open log_path file '{{.*}}.dir/report.{{[0-9]+}}': No such file or directory
// MISSING-NOT: main ran
// MISSING: status 1
// NOTDIR: gosan: FATAL: cannot open log_path file '{{.*}}.notdir/report.{{[0-9]+}}': Not a directory
// NOTDIR-NOT: main ran
// NOTDIR: status 1
// MOVED-NOT: gosan
// MOVED: main ran
// MOVED-NOT: gosan
// MOVED: status 66
// LOG: WARNING: gosan: data race
// LOG: gosan: reported 1 warning
