// A goroutine that accesses memory after its last release (here
// go_wg_done) has made an event its waiter never saw, so its slot (the
// small id clocks are indexed by) must not go at once to a goroutine that
// knows the slot only up to that release: the new owner's releases would
// publish the slot's later epochs, and whoever acquires them would count
// the old owner's unseen access as ordered before its own.
// A accesses x after go_wg_done and exits; main waits for A's done, then
// spawns B, waits for B's go_wg_done and accesses x: a race with A's
// access, which only main's own clock entry of A's slot tells.  Free
// slots are reused oldest first (docs/race.md), so B takes another one; a
// last-in first-out reuse (B in A's slot) misses the race.
// Both kinds: A writes and main reads (default), A reads and main writes
// (-DA_READS); both orders: main's access after A's exit (default, the
// program exits right after it) or before A's access (-DMAIN_FIRST: A
// still holds its slot, the report comes from A's access).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && not %t 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DA_READS %s -o %t-reads && not %t-reads 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DMAIN_FIRST %s -o %t-first && not %t-first 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DMAIN_FIRST -DA_READS %s -o %t-first-reads && not %t-first-reads 2>&1 | FileCheck %s
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'x'
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

/* each in a granule of its own: the checker keeps 4 accesses per 16 bytes */
_Alignas(64) long x;
_Alignas(64) long own[4];
_Alignas(64) static atomic_int a_accessed, main_accessed;
static go_wg wg_a, wg_b;

static void a_fn(void *arg) {
    (void)arg;
    own[1] = 1; /* takes a slot */
    go_wg_done(&wg_a);
#ifdef MAIN_FIRST
    while (!atomic_load_explicit(&main_accessed, memory_order_relaxed)) /* orders nothing */
        go_yield();
#endif
#ifdef A_READS
    own[3] = x;
#else
    x = 1;
#endif
    atomic_store_explicit(&a_accessed, 1, memory_order_relaxed);
}

static void b_fn(void *arg) {
    (void)arg;
    own[2] = 2; /* takes a slot */
    go_wg_done(&wg_b);
}

static void main_access(void) {
#ifdef A_READS
    x = 2;
#else
    own[0] = x;
#endif
}

int main(void) {
    own[0] = 0; /* main's slot */
    go_wg_add(&wg_a, 1);
    go_spawn(a_fn, NULL);
    go_wg_wait(&wg_a);
#ifdef MAIN_FIRST
    main_access();
    atomic_store_explicit(&main_accessed, 1, memory_order_relaxed);
#endif
    while (!atomic_load_explicit(&a_accessed, memory_order_relaxed))
        go_yield();
    go_sleep(5 * 1000 * 1000); /* A has exited: its slot is free */
    go_wg_add(&wg_b, 1);
    go_spawn(b_fn, NULL);
    go_wg_wait(&wg_b);
#ifndef MAIN_FIRST
    main_access();
#endif
    return 0;
}
