// go_yield is runtime.Gosched: with one processor, main's spawn followed by
// a yield runs the spawned goroutine before main goes on, already at
// main's first yield (a worker's first pick once took main back from the
// global queue, where the fairness check looks first every 61 picks).
// A later yield, after 200 spawns, runs every goroutine spawned before it
// (the fairness pick still lets the global queue in: main goes on only
// after them).
// RUN: %plain-cc %s -o %t
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: %gosan-cc %s -o %t-checked
// RUN: env GOSAN_MAXPROCS=1 %t-checked 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

// Atomic: a yield is no happens-before edge (a plain int is a race).
static atomic_int ran;

static void child(void *arg)
{
    (void)arg;
    ran++;
}

int main(void)
{
    go_spawn(child, NULL);
    go_yield();
    printf("after the first yield: %d\n", ran);
    // CHECK: after the first yield: 1
    for (int i = 0; i < 200; i++)
        go_spawn(child, NULL);
    while (ran < 201)
        go_yield();
    printf("after the rest: %d\n", ran);
    // CHECK: after the rest: 201
    return 0;
}
