// A loop-invariant read checked once before the loop (the pass's
// hoisted-invariant rule, pass/invariant_checks.cpp) is checked only when
// the loop runs: walking an empty list reads nothing, so a helper writing
// the weight at the same time does not race ("empty"); walking a list
// does, and the report names the line of the read inside the loop
// ("list").  The walk's trip count is unknown on entry (no loop range).
// Both real-time orders: "first" walks before the helper writes (the
// helper waits on a relaxed flag that orders nothing), "second" after.
// The program exits right after the race.
// REQUIRES: plugin
// RUN: %gosan-cc -O2 %s -o %t
// RUN: %t empty first 2>&1 | FileCheck %s --check-prefix=NORACE
// RUN: %t empty second 2>&1 | FileCheck %s --check-prefix=NORACE
// RUN: not %t list first 2>&1 | FileCheck %s --check-prefixes=CHECK,FIRST
// RUN: not %t list second 2>&1 | FileCheck %s --check-prefixes=CHECK,SECOND
// RUN: %gosan-cc -O2 -mllvm -gosan-stats -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

struct node {
    struct node *next;
    int v;
};

_Alignas(64) int weight; /* not static: the optimiser keeps its type */
static _Alignas(64) atomic_int walked, written;
static struct node nodes[3];

__attribute__((noinline)) static void wait_for(atomic_int *f) {
    while (!atomic_load_explicit(f, memory_order_relaxed))
        go_yield();
}

/* volatile: the optimiser reads *w on every iteration (it would otherwise
 * hoist the load itself), and the pass sees a loop-invariant address. */
__attribute__((noinline)) static void walk(struct node *n, volatile int *w) {
    for (; n; n = n->next)
        n->v += *w;
}

static int walk_first;

static void helper(void *arg) {
    (void)arg;
    if (walk_first)
        wait_for(&walked);
    weight = 7;
    atomic_store_explicit(&written, 1, memory_order_relaxed);
}

int main(int argc, char **argv) {
    int list = argc > 2 && !strcmp(argv[1], "list");
    walk_first = argc > 2 && !strcmp(argv[2], "first");
    nodes[0].next = &nodes[1];
    nodes[1].next = &nodes[2];
    go_spawn(helper, NULL);
    if (!walk_first)
        wait_for(&written);
    walk(list ? &nodes[0] : NULL, &weight);
    atomic_store_explicit(&walked, 1, memory_order_relaxed);
    if (walk_first)
        wait_for(&written);
    printf("done\n");
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: done
// CHECK: WARNING: gosan: data race
// FIRST-NEXT: Write of size 4 at {{0x[0-9a-f]+}} by goroutine {{[0-9]+}}:
// FIRST-NEXT: #0 helper {{.*}}invariant_check_hoist.c:49
// FIRST: Previous read of size 4 at {{0x[0-9a-f]+}} by goroutine 1:
// FIRST-NEXT: #0 walk {{.*}}invariant_check_hoist.c:40
// SECOND-NEXT: Read of size 4 at {{0x[0-9a-f]+}} by goroutine 1:
// SECOND-NEXT: #0 walk {{.*}}invariant_check_hoist.c:40
// SECOND: Previous write of size 4 at {{0x[0-9a-f]+}} by goroutine {{[0-9]+}}:
// SECOND-NEXT: #0 helper {{.*}}invariant_check_hoist.c:49
// CHECK: Location is global 'weight'
// STATS: gosan-stats: hoisted-invariant 1
