// A run that hangs is a failure: --timeout kills it (and its process
// group) and gosan-explore reports the seed of the hang.  The program
// spins on a flag nobody sets, without calling the library, so neither
// the all-asleep check nor a scheduler can end it.
// RUN: %plain-cc %s -o %t
// RUN: { gosan-explore --timeout 0.5 --runs 3 -- %t; echo status=$?; } 2>&1 | FileCheck %s
// CHECK: spinning
// CHECK-NEXT: gosan-explore: schedule 1 failed: timed out after 0.5 s (a hang: deadlock, livelock or a goroutine waiting forever)
// CHECK-NEXT: seed: 1
// CHECK-NEXT: replay: GOSAN_SCHED=pct GOSAN_PCT_DEPTH=3 GOSAN_PCT_STEPS=400 GOSAN_SEED=1 {{.*}}timeout.c.tmp
// CHECK-NEXT: status=1
#include <gosan/go.h>
#include <stdio.h>

static volatile int never_set;

int main(void)
{
    printf("spinning\n");
    fflush(stdout);
    while (!never_set)
        ;
    return 0;
}
