// `&&`: `if (y == 1 && x == 1)` with y != 1 must not read x (clang
// speculates the load of x and selects at -O1 and above).
// The optimiser must not make the access in a checked function: gosan
// gives checked functions sanitize_thread before the optimiser runs (see
// Inputs/speculation.h for the harness).  Before that, -O1..-O3 reported a
// race on an access the program never makes.
// REQUIRES: plugin
// RUN: %gosan-cc -O0 %s -o %t0 && %t0 2>&1 | FileCheck --allow-empty --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 %s -o %t1 && %t1 2>&1 | FileCheck --allow-empty --check-prefix=NORACE %s
// RUN: %gosan-cc -O2 %s -o %t2 && %t2 2>&1 | FileCheck --allow-empty --check-prefix=NORACE %s
// RUN: %gosan-cc -O3 %s -o %t3 && %t3 2>&1 | FileCheck --allow-empty --check-prefix=NORACE %s
// RUN: %gosan-cc -O0 -DRACY %s -o %t-r0 && not %t-r0 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DRACY %s -o %t-r1 && not %t-r1 2>&1 | FileCheck %s
// RUN: %gosan-cc -O2 -DRACY %s -o %t-r2 && not %t-r2 2>&1 | FileCheck %s
// RUN: %gosan-cc -O3 -DRACY %s -o %t-r3 && not %t-r3 2>&1 | FileCheck %s
// RUN: %gosan-cc -O0 -DRACY -DREADER_FIRST %s -o %t-f0 && not %t-f0 2>&1 | FileCheck %s
// RUN: %gosan-cc -O2 -DRACY -DREADER_FIRST %s -o %t-f2 && not %t-f2 2>&1 | FileCheck %s
#include "Inputs/speculation.h"

static void body(void)
{
    y = gate;
    if (y == 1 && x == 1)
        use(1);
}

// NORACE-NOT: data race
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'x'
