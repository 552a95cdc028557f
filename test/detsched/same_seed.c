// GOSAN_SCHED=random|pct with GOSAN_SEED=N: goroutines run one at a time in
// an order the seed decides, so five runs with one seed print the same
// interleaving (mix.h prints it), and twenty seeds print more than one.
// RUN: %plain-cc -O1 %s -o %t
// RUN: for i in 1 2 3 4 5; do env GOSAN_SCHED=random GOSAN_SEED=42 %t; done | sort | uniq -c | FileCheck --check-prefix=FIVE %s
// RUN: for i in 1 2 3 4 5; do env GOSAN_SCHED=pct GOSAN_SEED=42 %t; done | sort | uniq -c | FileCheck --check-prefix=FIVE %s
// RUN: for i in 1 2 3 4 5; do env GOSAN_SCHED=pct GOSAN_PCT_DEPTH=5 GOSAN_PCT_STEPS=200 GOSAN_SEED=9 %t; done | sort | uniq -c | FileCheck --check-prefix=FIVE %s
// RUN: for s in $(seq 1 20); do env GOSAN_SCHED=random GOSAN_SEED=$s %t; done | sort -u | wc -l | FileCheck --check-prefix=MANY %s
// RUN: for s in $(seq 1 20); do env GOSAN_SCHED=pct GOSAN_SEED=$s %t; done | sort -u | wc -l | FileCheck --check-prefix=MANY %s
// The checked build: the same with the checker's hooks on every access.
// RUN: %gosan-cc -O1 %s -o %t-chk
// RUN: for i in 1 2 3 4 5; do env GOSAN_SCHED=random GOSAN_SEED=42 %t-chk; done | sort | uniq -c | FileCheck --check-prefix=FIVE %s
// RUN: for s in $(seq 1 20); do env GOSAN_SCHED=pct GOSAN_SEED=$s %t-chk; done | sort -u | wc -l | FileCheck --check-prefix=MANY %s
// FIVE: {{^ *}}5 order {{[a-f0-9]+$}}
// FIVE-NOT: order
// MANY: {{^([2-9]|1[0-9]|20)$}}
#include "Inputs/mix.h"

int main(void)
{
    mix_run();
    return 0;
}
