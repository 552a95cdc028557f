// go_wg: a group may be freed or reused as soon as Wait returns, so the Done
// that ends a round must not touch the group after the waiter can return.
// Each round puts a group in fresh heap memory, waits for its children, then
// fills the memory with a pattern, yields, and checks nobody wrote to it
// (the TSan build also reports any later access to the freed group).
// RUN: %plain-cc %s -o %t
// RUN: env GOSAN_MAXPROCS=2 %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=8 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && env GOSAN_MAXPROCS=2 %t-asan | FileCheck %s
// RUN: %cc-tsan %s -o %t-tsan && env GOSAN_MAXPROCS=2 %t-tsan | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ROUNDS = 2000, CHILDREN = 3 };

static void child(void *arg) { go_wg_done(arg); }

/* Wait sometimes finds the counter already zero and sometimes parks: both
 * returns must leave nothing in flight on the group. */
static int round_trip(int round)
{
    unsigned char *mem = malloc(sizeof(go_wg));
    if (!mem)
        return 1;
    go_wg *wg = (go_wg *)mem;
    memset(wg, 0, sizeof *wg);
    go_wg_add(wg, CHILDREN);
    for (int i = 0; i < CHILDREN; i++)
        go_spawn(child, wg);
    if (round & 1)
        go_yield(); /* let the children finish first now and then */
    go_wg_wait(wg);
    memset(mem, 0xa5, sizeof(go_wg));
    go_yield();
    int touched = 0;
    for (size_t i = 0; i < sizeof(go_wg); i++)
        touched |= mem[i] != 0xa5;
    free(mem);
    return touched;
}

int main(void)
{
    int touched = 0;
    for (int r = 0; r < ROUNDS; r++)
        touched += round_trip(r);
    printf("rounds=%d group touched after Wait returned: %d\n", ROUNDS, touched);
    return 0;
}
// CHECK: rounds=2000 group touched after Wait returned: 0
