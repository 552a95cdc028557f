// --seed-start and --shard: the seeds a search tries, in order.  With
// --shard i/n only the seeds s with s % n == i run, so the n shards of a
// CI matrix never repeat each other's schedules and together try what one
// unsharded search would.  The program appends the seed it ran with.
// RUN: %plain-cc %s -o %t
// RUN: rm -f %t.seeds && gosan-explore --runs 4 -- %t %t.seeds | FileCheck %s --check-prefix=ALL
// RUN: FileCheck %s --check-prefix=ALL-SEEDS < %t.seeds
// ALL: no failure in 4 schedules (strategy pct, depth 3)
// ALL-SEEDS: pct 1{{$}}
// ALL-SEEDS-NEXT: pct 2{{$}}
// ALL-SEEDS-NEXT: pct 3{{$}}
// ALL-SEEDS-NEXT: pct 4{{$}}
// RUN: rm -f %t.seeds && gosan-explore --runs 3 --shard 0/2 -- %t %t.seeds | FileCheck %s --check-prefix=SHARD0
// RUN: gosan-explore --runs 3 --shard 1/2 -- %t %t.seeds | FileCheck %s --check-prefix=SHARD1
// RUN: FileCheck %s --check-prefix=SHARD-SEEDS < %t.seeds
// SHARD0: no failure in 3 schedules (strategy pct, depth 3, shard 0/2)
// SHARD1: no failure in 3 schedules (strategy pct, depth 3, shard 1/2)
// SHARD-SEEDS: pct 2{{$}}
// SHARD-SEEDS-NEXT: pct 4{{$}}
// SHARD-SEEDS-NEXT: pct 6{{$}}
// SHARD-SEEDS-NEXT: pct 1{{$}}
// SHARD-SEEDS-NEXT: pct 3{{$}}
// SHARD-SEEDS-NEXT: pct 5{{$}}
// RUN: rm -f %t.seeds && gosan-explore --strategy random --runs 2 --seed-start 10 --shard 1/3 -- %t %t.seeds
// RUN: FileCheck %s --check-prefix=START < %t.seeds
// START: random 10{{$}}
// START-NEXT: random 13{{$}}
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 2)
        return 1;
    FILE *f = fopen(argv[1], "a");
    if (!f)
        return 1;
    const char *sched = getenv("GOSAN_SCHED"), *seed = getenv("GOSAN_SEED");
    fprintf(f, "%s %s\n", sched ? sched : "-", seed ? seed : "-");
    fclose(f);
    return 0;
}
