// The views of `go tool trace -http` open a gosan trace: the timeline
// (/jsontrace), the goroutine analysis with each goroutine kind named by
// its function, user tasks and regions, and the MMU page.  Built with the
// checker too: a checked program traces the same way.
// REQUIRES: go
// RUN: %gosan-cc %s -o %t
// RUN: rm -f %t.trace && env GOSAN_TRACE=%t.trace %t | FileCheck %s --check-prefix=OUT
// RUN: python3 %S/Inputs/views.py %t.trace / /jsontrace /trace /goroutines /usertasks /userregions "/usertask?type=work" "/userregion?type=setup" /mmu | FileCheck %s
// RUN: %plain-cc %s -o %t.plain
// RUN: rm -f %t.trace && env GOSAN_TRACE=%t.trace GOSAN_MAXPROCS=3 %t.plain | FileCheck %s --check-prefix=OUT
// RUN: python3 %S/Inputs/views.py %t.trace / /jsontrace /trace /goroutines /usertasks /userregions "/usertask?type=work" "/userregion?type=setup" /mmu | FileCheck %s
#include "Inputs/program.h"

int main(void)
{
    traced_work();
    return 0;
}
// OUT: counter=190
// CHECK: / 200 non-empty
// CHECK-NEXT: /jsontrace 200 non-empty
// CHECK-NEXT: /trace 200 non-empty
// CHECK-NEXT: /goroutines 200 non-empty
// CHECK-NEXT: goroutine kind: consumer
// CHECK-NEXT: goroutine kind: late_sender
// CHECK-NEXT: goroutine kind: main
// CHECK-NEXT: goroutine kind: producer
// CHECK-NEXT: goroutine kind: selector
// CHECK-NEXT: goroutine kind: waiter
// CHECK-COUNT-6: goroutine page 200 non-empty
// CHECK-NEXT: /usertasks 200 non-empty
// CHECK-NEXT: /userregions 200 non-empty
// CHECK-NEXT: /usertask?type=work 200 non-empty
// CHECK-NEXT: /userregion?type=setup 200 non-empty
// CHECK-NEXT: /mmu 200 non-empty
