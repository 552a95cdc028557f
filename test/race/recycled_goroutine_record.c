// A report whose previous access was made by a finished goroutine names it
// correctly however many goroutines ran since, while the checker's memory
// stays bounded: the records of finished goroutines (`goroutine_records`
// of them) and the slot owner log (four times as many attaches) are
// recycled, and a recycled one is said to be recycled, never replaced by a
// later goroutine's id, labels or creation stack.  A goroutine still alive
// keeps its record however many were created after it.
//
// Goroutine 2 (labels job=writer) writes x and exits; goroutine 3 writes y
// and stays blocked; then LATER goroutines, each with a label of its own,
// touch memory and exit one after another.  Main then reads x and y,
// ordered after none of them (it waits through relaxed atomics).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// Records kept: everything is known.
// RUN: not %t 200 2>&1 | FileCheck %s --check-prefixes=CHECK,KEPT
// Record recycled (64 records), owner log entry kept (256 attaches).
// RUN: env GOSAN_OPTIONS=goroutine_records=64 not %t 200 2>&1 | FileCheck %s --check-prefixes=CHECK,ID
// Both recycled (16 records, 64 attaches).
// RUN: env GOSAN_OPTIONS=goroutine_records=16 not %t 200 2>&1 | FileCheck %s --check-prefixes=CHECK,GONE
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

/* each in a granule of its own: the checker keeps 4 accesses per 16 bytes */
_Alignas(64) int x;
_Alignas(64) int y;
_Alignas(64) static atomic_int done;
_Alignas(64) static long sink[1000];
_Alignas(64) static atomic_long finished;
static go_chan *stop;

static void writer(void *arg) {
    (void)arg;
    go_label_set("job", "writer");
    x = 42;
    atomic_store_explicit(&done, 1, memory_order_relaxed); /* orders nothing */
}

static void keeper(void *arg) {
    (void)arg;
    go_label_set("job", "keeper");
    y = 7;
    atomic_store_explicit(&done, 2, memory_order_relaxed);
    go_chan_recv(stop, NULL); /* alive until main is done */
}

static void later(void *arg) {
    long i = (long)arg;
    char v[24];
    snprintf(v, sizeof v, "later%ld", i);
    go_label_set("job", v);
    sink[i] = i; /* touches memory: takes a slot, logs an attach */
    atomic_fetch_add_explicit(&finished, 1, memory_order_relaxed);
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 200;
    stop = go_chan_make(0, 1);
    go_spawn(writer, NULL);
    while (atomic_load_explicit(&done, memory_order_relaxed) != 1)
        go_yield();
    go_spawn(keeper, NULL);
    while (atomic_load_explicit(&done, memory_order_relaxed) != 2)
        go_yield();
    for (long i = 0; i < n; i++) {
        go_spawn(later, (void *)i); /* runs and exits before the next one */
        while (atomic_load_explicit(&finished, memory_order_relaxed) <= i)
            go_yield();
    }
    go_sleep(20 * 1000 * 1000); /* the last one has exited */
    // CHECK: WARNING: gosan: data race
    // CHECK: Read of size 4 at {{.*}} by goroutine 1:
    // CHECK-NEXT: #0 main {{.*}}recycled_goroutine_record.c:[[@LINE+18]]
    // KEPT: Previous write of size 4 at {{.*}} by goroutine 2 [job=writer]:
    // ID: Previous write of size 4 at {{.*}} by goroutine 2:
    // GONE: Previous write of size 4 at {{.*}} by a finished goroutine whose record was recycled:
    // CHECK-NEXT: #0 writer {{.*}}recycled_goroutine_record.c:37
    // CHECK: Location is global 'x'
    // CHECK-NOT: later
    // KEPT: Goroutine 2 (finished) created at:
    // KEPT-NEXT: #0 main {{.*}}recycled_goroutine_record.c:61
    // ID: Goroutine 2 (finished; its record was recycled)
    // GONE-NOT: Goroutine 2
    // CHECK: SUMMARY: gosan: data race
    // CHECK: WARNING: gosan: data race
    // CHECK: Read of size 4 at {{.*}} by goroutine 1:
    // CHECK: Previous write of size 4 at {{.*}} by goroutine 3 [job=keeper]:
    // CHECK-NOT: later
    // CHECK: Goroutine 3 (running) created at:
    // CHECK-NEXT: #0 main {{.*}}recycled_goroutine_record.c:64
    printf("%d %d\n", x, y);
    go_chan_close(stop);
    return 0;
}
