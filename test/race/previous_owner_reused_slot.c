// The report names the goroutine of the previous access even when that
// goroutine has exited and its slot (the small id that clocks are indexed
// by) has since been reused many times: cells record (slot, epoch), and
// the runtime keeps which goroutine owned which slot from which epoch.
// Goroutine 2 writes `x` and exits; 600 goroutines then run and exit one
// after another, each taking a slot (there are 255), so goroutine 2's slot
// has had later owners by the time main reads `x`.  Main synchronises with
// none of them (it waits through relaxed atomics, which order nothing).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && not %t 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

#define LATER 600
/* each in a granule of its own: the checker keeps 4 accesses per 16 bytes */
_Alignas(64) int x;
_Alignas(64) static atomic_int done;
_Alignas(64) static long sink[LATER];
_Alignas(64) static atomic_long finished;

static void writer(void *arg) {
    (void)arg;
    x = 42;
    atomic_store_explicit(&done, 1, memory_order_relaxed); /* orders nothing */
}

static void later(void *arg) {
    long i = (long)arg;
    sink[i] = i; /* touches memory: takes a slot */
    atomic_fetch_add_explicit(&finished, 1, memory_order_relaxed);
}

int main(void) {
    go_spawn(writer, NULL);
    while (!atomic_load_explicit(&done, memory_order_relaxed))
        go_yield();
    for (long i = 0; i < LATER; i++) {
        go_spawn(later, (void *)i); /* runs and exits before the next one */
        while (atomic_load_explicit(&finished, memory_order_relaxed) <= i)
            go_yield();
    }
    go_sleep(20 * 1000 * 1000); /* the last one has exited */
    // CHECK: WARNING: gosan: data race
    // CHECK: Read of size 4 at {{.*}} by goroutine 1:
    // CHECK-NEXT: #0 main {{.*}}previous_owner_reused_slot.c:[[@LINE+6]]
    // CHECK: Previous write of size 4 at {{.*}} by goroutine 2:
    // CHECK-NEXT: #0 writer {{.*}}previous_owner_reused_slot.c:24
    // CHECK: Location is global 'x'
    // CHECK: Goroutine 2 (finished) created at:
    // CHECK-NEXT: #0 main {{.*}}previous_owner_reused_slot.c:35
    printf("%d\n", x);
    return 0;
}
