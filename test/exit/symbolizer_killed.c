// Every way out kills the symbolizer: one that hangs (never reads the EOF
// our exit gives it) must not outlive the program.  Return from main,
// _exit, and a fatal signal (abort), with a symbolizer started at start-up
// (symbolizer_at_start=1) that never answered its warm-up requests.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: rm -f %t.pid0 %t.pid1 %t.pid2
// RUN: env GOSAN_OPTIONS=symbolizer_at_start=1 GOSAN_TEST_PIDFILE=%t.pid0 GOSAN_SYMBOLIZER_PATH=%S/../report/Inputs/symbolizer_hung.sh %t %t.pid0 0
// RUN: sh %S/../report/Inputs/symbolizer_gone.sh %t.pid0 | FileCheck %s
// RUN: env GOSAN_OPTIONS=symbolizer_at_start=1 GOSAN_TEST_PIDFILE=%t.pid1 GOSAN_SYMBOLIZER_PATH=%S/../report/Inputs/symbolizer_hung.sh %t %t.pid1 1
// RUN: sh %S/../report/Inputs/symbolizer_gone.sh %t.pid1 | FileCheck %s
// RUN: env GOSAN_OPTIONS=symbolizer_at_start=1 GOSAN_TEST_PIDFILE=%t.pid2 GOSAN_SYMBOLIZER_PATH=%S/../report/Inputs/symbolizer_hung.sh not --crash %t %t.pid2 2
// RUN: sh %S/../report/Inputs/symbolizer_gone.sh %t.pid2 | FileCheck %s
// CHECK: symbolizer gone
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct timespec ms = {0, 1000000};
    while (access(argv[1], F_OK) != 0) // it started and recorded its pid
        nanosleep(&ms, NULL);
    switch (argc > 2 ? atoi(argv[2]) : 0) {
    case 1:
        _exit(0);
    case 2:
        abort();
    }
    return 0;
}
