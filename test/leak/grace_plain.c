// Without the checker, gosan_leakcheck's grace period is the checker's:
// the leak_grace_ms flag of GOSAN_OPTIONS (last setting wins), default
// 500 ms.  A goroutine that sleeps SLEEP_MS then exits is a leak when the
// grace period is shorter, and not one when it is clearly longer.
// RUN: %plain-cc -DSLEEP_MS=750 %s -o %t-750
// RUN: %t-750 2>&1 | FileCheck --check-prefix=LEAK %s
// RUN: %plain-cc -DSLEEP_MS=300 %s -o %t-300
// RUN: env GOSAN_OPTIONS=verbosity=0:leak_grace_ms=2000,leak_grace_ms=100 %t-300 2>&1 | FileCheck --check-prefix=LEAK %s
// RUN: %plain-cc -DSLEEP_MS=1200 %s -o %t-1200
// RUN: env GOSAN_OPTIONS='verbosity=0 leak_grace_ms=4000' %t-1200 2>&1 | FileCheck --check-prefix=NOLEAK %s
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdio.h>

static void finishing(void *arg)
{
    (void)arg;
    go_sleep(SLEEP_MS * 1000000ll); // sleeps here
}

int main(void)
{
    go_spawn(finishing, NULL);
    int n = gosan_leakcheck();
    printf("leaks: %d\n", n);
    return 0;
}
// LEAK: WARNING: gosan: goroutine leak
// LEAK: goroutine 2 [sleep]:
// LEAK: leaks: 1
// NOLEAK-NOT: WARNING: gosan
// NOLEAK: leaks: 0
