// help=1 lists every flag with its default (and its current value where
// that differs) and a description, then the program runs normally.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: env GOSAN_OPTIONS=help=1:exitcode=9 %t 2>&1 | FileCheck %s
#include <stdio.h>

int main(void)
{
    puts("main ran");
    return 0;
}
// CHECK: gosan: GOSAN_OPTIONS flags
// CHECK: halt_on_error {{.*}}(default 0)
// CHECK: exitcode {{.*}}(default 66, now 9)
// CHECK: log_path
// CHECK: suppressions
// CHECK: strip_path_prefix
// CHECK: detect_leaks
// CHECK: leak_grace_ms {{.*}}(default 500)
// CHECK: deadlock_timeout
// CHECK: detect_recursive_lock {{.*}}(default 0)
// CHECK: symbolize {{.*}}(default 1)
// CHECK: main ran
