// A write checked before a hand-off does not cover the same write after it
// (the pass's skipped-dominated rule, pass/dominating_checks.cpp): owner
// writes x, on one path sends on a channel (a release: the helper, which
// receives, may now write x), then writes x again.  The helper's write is
// ordered after the first write, not after the second: a race, which is
// reported only if the second write is checked.  The send sits on one
// branch only, so the first write still dominates the second: a rule that
// looked at dominance alone, or at the blocks of one path, would drop the
// check.  Both real-time orders: "owner" writes before the helper (the
// helper waits on a relaxed flag), "helper" writes first (owner waits
// likewise, on the send's path).  The program exits right after the race.
// REQUIRES: plugin
// RUN: %gosan-cc -O2 %s -o %t
// RUN: not %t owner 2>&1 | FileCheck %s --check-prefixes=CHECK,OWNER
// RUN: not %t helper 2>&1 | FileCheck %s --check-prefixes=CHECK,HELPER
// RUN: %gosan-cc -O2 -mllvm -gosan-stats -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

static _Alignas(64) volatile int x; /* volatile: the optimiser keeps both writes */
static _Alignas(64) atomic_int owner_wrote, helper_wrote;
static go_chan *ch;
static int helper_first;

__attribute__((noinline)) static void wait_for(atomic_int *f) {
    while (!atomic_load_explicit(f, memory_order_relaxed))
        go_yield();
}

__attribute__((noinline)) static void owner_step(int handoff) {
    x = 1;
    if (handoff) {
        go_chan_send(ch, NULL);
        if (helper_first)
            wait_for(&helper_wrote);
    }
    x = 2; /* after the hand-off: not covered by the first write */
    atomic_store_explicit(&owner_wrote, 1, memory_order_relaxed);
}

static void helper(void *arg) {
    (void)arg;
    go_chan_recv(ch, NULL);
    if (!helper_first)
        wait_for(&owner_wrote);
    x = 3;
    atomic_store_explicit(&helper_wrote, 1, memory_order_relaxed);
}

int main(int argc, char **argv) {
    helper_first = argc > 1 && !strcmp(argv[1], "helper");
    ch = go_chan_make(0, 1);
    go_spawn(helper, NULL);
    owner_step(argc > 1);
    wait_for(helper_first ? &owner_wrote : &helper_wrote);
    return 0;
}
// CHECK: WARNING: gosan: data race
// OWNER-NEXT: Write of size 4 at {{0x[0-9a-f]+}} by goroutine {{[0-9]+}}:
// OWNER-NEXT: #0 helper {{.*}}dominated_check_sync.c:48
// OWNER: Previous write of size 4 at {{0x[0-9a-f]+}} by goroutine 1:
// OWNER-NEXT: #0 owner_step {{.*}}dominated_check_sync.c:39
// HELPER-NEXT: Write of size 4 at {{0x[0-9a-f]+}} by goroutine 1:
// HELPER-NEXT: #0 owner_step {{.*}}dominated_check_sync.c:39
// HELPER: Previous write of size 4 at {{0x[0-9a-f]+}} by goroutine {{[0-9]+}}:
// HELPER-NEXT: #0 helper {{.*}}dominated_check_sync.c:48
// CHECK: Location is global 'x'
// STATS: gosan-stats: skipped-dominated 0
