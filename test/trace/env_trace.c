// GOSAN_TRACE=PATH traces the whole run of a production (--plain) build in
// Go 1.19's format: `go tool trace -d` parses it, and shows the program's
// goroutines created, started, blocked with Go's reasons and unblocked, the
// workers as Ps, and the user task, region and log.
// REQUIRES: go
// RUN: %plain-cc %s -o %t
// RUN: rm -f %t.trace && env GOSAN_TRACE=%t.trace %t | FileCheck %s --check-prefix=OUT
// RUN: go tool trace -d %t.trace > %t.events
// RUN: python3 %S/Inputs/count_events.py %t.events | FileCheck %s
// RUN: rm -f %t.trace && env GOSAN_TRACE=%t.trace GOSAN_MAXPROCS=1 %t | FileCheck %s --check-prefix=OUT
// RUN: go tool trace -d %t.trace > %t.events
// RUN: python3 %S/Inputs/count_events.py %t.events | FileCheck %s
#include "Inputs/program.h"

int main(void)
{
    traced_work();
    return 0;
}
// OUT: counter=190
// CHECK: goroutines created by the program: 7
// CHECK-DAG: GoBlockSend yes
// CHECK-DAG: GoBlockRecv yes
// CHECK-DAG: GoBlockSelect yes
// CHECK-DAG: GoBlockSync yes
// CHECK-DAG: GoBlockCond yes
// CHECK-DAG: GoSleep yes
// CHECK-DAG: GoSched yes
// CHECK-DAG: GoUnblock yes
// CHECK-DAG: GoEnd yes
// CHECK-DAG: ProcStart yes
// CHECK-DAG: UserTaskCreate work
// CHECK-DAG: UserTaskEnd yes
// CHECK-DAG: UserRegion setup 2
// CHECK-DAG: UserLog phase spawning
// CHECK: every goroutine started after its create: yes
