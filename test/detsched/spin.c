// Nothing preempts a goroutine between scheduling points in the
// deterministic mode, so one that spins on a variable until another
// goroutine sets it hangs when it runs first; after 2 s of CPU time the library names
// it on stderr (the run is then stopped here as soon as that line is out: a
// fixed timeout cost its whole length on every run, and on a loaded machine
// 2 s of CPU time can take longer than it).  A seed that runs the setter
// first finishes.
// RUN: %plain-cc -O1 %s -o %t
// RUN: env GOSAN_SCHED=pct GOSAN_SEED=1 python3 %S/Inputs/until_line.py "deterministic mode:" %t spin | FileCheck %s
// RUN: env GOSAN_SCHED=pct GOSAN_SEED=1 %t 2>&1 | FileCheck --check-prefix=YIELD %s
// CHECK: gosan: deterministic mode: goroutine 1 has run for 2 s of CPU time without a scheduling point; nothing preempts it between library calls, so a loop that waits for another goroutine without one (spinning on a variable) never lets it run
// YIELD-NOT: gosan:
// YIELD: done
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

static _Atomic int flag;

static void setter(void *arg)
{
    (void)arg;
    atomic_store(&flag, 1);
}

int main(int argc, char **argv)
{
    (void)argv;
    go_spawn(setter, NULL);
    while (!atomic_load(&flag))
        if (argc < 2)
            go_yield(); /* a scheduling point: the setter gets its turn */
    printf("done\n");
    return 0;
}
