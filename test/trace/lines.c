// The trace's stack frames carry function, file and line from the
// executable's line table: `go tool trace -pprof=sync` (the
// synchronization blocking profile) places the consumers' mutex wait on
// program.h's line of go_mutex_lock.
// REQUIRES: go
// RUN: %plain-cc -g %s -o %t
// RUN: rm -f %t.trace && env GOSAN_TRACE=%t.trace %t | FileCheck %s --check-prefix=OUT
// RUN: go tool trace -pprof=sync %t.trace > %t.pb && go tool pprof -lines -top -nodefraction=0 %t.pb 2>&1 | FileCheck %s
// RUN: %gosan-cc -g %s -o %t.checked
// RUN: rm -f %t.trace && env GOSAN_TRACE=%t.trace %t.checked | FileCheck %s --check-prefix=OUT
// RUN: go tool trace -pprof=sync %t.trace > %t.pb && go tool pprof -lines -top -nodefraction=0 %t.pb 2>&1 | FileCheck %s
#include "Inputs/program.h"

int main(void)
{
    traced_work();
    return 0;
}
// OUT: counter=190
// CHECK: consumer {{.*}}program.h:24
