// A race reached through a deep binary recursion: every call of `rec` is a
// new call stack (its two recursive call sites chosen by the bits of a
// path), and `worker` has more callees than a call node keeps on its own
// list of children, so the stack crosses both of the call tree's lookups
// (a node's own children and the hash index).  Before the racy path, the
// goroutine walks every other path of the same depth, so the racy stack
// is one of thousands of siblings that differ only in call sites.  The
// report must show the racy write's frames exactly: `leaf`, then `rec`
// from the right call site at each level (left at the bits that are 0,
// right at those that are 1), then `worker`.
// The write and main's read run in both real-time orders, sequenced by a
// relaxed flag that orders nothing for the checker (-DREADER_FIRST: main
// reads first), and with the program exiting right after (-DEXIT_NOW).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -g %s -o %t && not %t 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -g -DREADER_FIRST %s -o %t-rf && not %t-rf 2>&1 | FileCheck --check-prefix=RF %s
// RUN: %gosan-cc -O1 -g -DEXIT_NOW %s -o %t-exit && not %t-exit 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#define DEPTH 12
#define RACY_PATH 0x5c3 /* bits, lowest first: 1 1 0 0 0 0 1 1 1 0 1 0 */

static long shared, sink[DEPTH + 1];
static atomic_int step; /* relaxed: sequences the sides, orders nothing */
static go_wg wg;

static void wait_step(int s) {
    while (atomic_load_explicit(&step, memory_order_relaxed) < s)
        go_yield();
}

__attribute__((noinline)) static void leaf(unsigned path, int racy) {
    if (racy)
        shared = path;                            /* the racy write */
    else
        sink[path % (DEPTH + 1)] += path;
}

__attribute__((noinline)) static void rec(int depth, unsigned path, unsigned bits, int racy) {
    if (depth == DEPTH) {
        leaf(path, racy);
        return;
    }
    /* the side effects around each call keep the two calls apart */
    if (bits & 1) {
        sink[0]++;
        rec(depth + 1, path, bits >> 1, racy);    /* right */
        sink[1]++;
    } else {
        sink[2]++;
        rec(depth + 1, path, bits >> 1, racy);    /* left */
        sink[3]++;
    }
}

/* callees that fill worker's own list of children in the call tree */
#define FILLER(n) __attribute__((noinline)) static void filler##n(void) { sink[n % (DEPTH + 1)]++; }
FILLER(0) FILLER(1) FILLER(2) FILLER(3) FILLER(4) FILLER(5) FILLER(6) FILLER(7) FILLER(8) FILLER(9)

static void worker(void *arg) {
    (void)arg;
    filler0(); filler1(); filler2(); filler3(); filler4();
    filler5(); filler6(); filler7(); filler8(); filler9();
    for (unsigned p = 0; p < (1u << DEPTH); p++)
        if (p != RACY_PATH)
            rec(0, p, p, 0);
#ifdef READER_FIRST
    wait_step(1);
#endif
    rec(0, RACY_PATH, RACY_PATH, 1);
    atomic_store_explicit(&step, 1, memory_order_relaxed);
    go_wg_done(&wg);
}

int main(void) {
    go_wg_add(&wg, 1);
    if (go_spawn(worker, NULL))
        return 1;
#ifdef READER_FIRST
    long got = shared;                            /* the racy read */
    atomic_store_explicit(&step, 1, memory_order_relaxed);
#else
    wait_step(1);
    long got = shared;                            /* the racy read */
#endif
#ifdef EXIT_NOW
    printf("exiting %ld\n", got);
    fflush(stdout);
    exit(0);
#endif
    go_wg_wait(&wg);
    printf("got %ld\n", got);
    return 0;
}

// The frames by line: 37 the racy write in leaf, 44 rec's call of leaf,
// 50 the right call, 54 the left call, 73 worker's call of the racy path,
// 83/87 main's racy read.  RACY_PATH's bits from depth 11 down to depth 0:
// 0 1 0 1 1 1 0 0 0 0 1 1.
// CHECK:      WARNING: gosan: data race
// CHECK-NEXT:   Read of size 8 at {{.*}} by goroutine 1:
// CHECK-NEXT:     #0 main {{.*}}recursive_stack.c:87:
// CHECK:        Previous write of size 8 at {{.*}} by goroutine 2:
// CHECK-NEXT:     #0 leaf {{.*}}recursive_stack.c:37:
// CHECK-NEXT:     #1 rec {{.*}}recursive_stack.c:44:
// CHECK-NEXT:     #2 rec {{.*}}recursive_stack.c:54:
// CHECK-NEXT:     #3 rec {{.*}}recursive_stack.c:50:
// CHECK-NEXT:     #4 rec {{.*}}recursive_stack.c:54:
// CHECK-NEXT:     #5 rec {{.*}}recursive_stack.c:50:
// CHECK-NEXT:     #6 rec {{.*}}recursive_stack.c:50:
// CHECK-NEXT:     #7 rec {{.*}}recursive_stack.c:50:
// CHECK-NEXT:     #8 rec {{.*}}recursive_stack.c:54:
// CHECK-NEXT:     #9 rec {{.*}}recursive_stack.c:54:
// CHECK-NEXT:     #10 rec {{.*}}recursive_stack.c:54:
// CHECK-NEXT:     #11 rec {{.*}}recursive_stack.c:54:
// CHECK-NEXT:     #12 rec {{.*}}recursive_stack.c:50:
// CHECK-NEXT:     #13 rec {{.*}}recursive_stack.c:50:
// CHECK-NEXT:     #14 worker {{.*}}recursive_stack.c:73:
// CHECK-EMPTY:
// CHECK:      SUMMARY: gosan: data race {{.*}}recursive_stack.c:87 in main

// RF:      WARNING: gosan: data race
// RF-NEXT:   Write of size 8 at {{.*}} by goroutine 2:
// RF-NEXT:     #0 leaf {{.*}}recursive_stack.c:37:
// RF-NEXT:     #1 rec {{.*}}recursive_stack.c:44:
// RF-NEXT:     #2 rec {{.*}}recursive_stack.c:54:
// RF-NEXT:     #3 rec {{.*}}recursive_stack.c:50:
// RF-NEXT:     #4 rec {{.*}}recursive_stack.c:54:
// RF-NEXT:     #5 rec {{.*}}recursive_stack.c:50:
// RF-NEXT:     #6 rec {{.*}}recursive_stack.c:50:
// RF-NEXT:     #7 rec {{.*}}recursive_stack.c:50:
// RF-NEXT:     #8 rec {{.*}}recursive_stack.c:54:
// RF-NEXT:     #9 rec {{.*}}recursive_stack.c:54:
// RF-NEXT:     #10 rec {{.*}}recursive_stack.c:54:
// RF-NEXT:     #11 rec {{.*}}recursive_stack.c:54:
// RF-NEXT:     #12 rec {{.*}}recursive_stack.c:50:
// RF-NEXT:     #13 rec {{.*}}recursive_stack.c:50:
// RF-NEXT:     #14 worker {{.*}}recursive_stack.c:73:
// RF-EMPTY:
// RF-NEXT:   Previous read of size 8 at {{.*}} by goroutine 1:
// RF-NEXT:     #0 main {{.*}}recursive_stack.c:83:
// RF:      SUMMARY: gosan: data race {{.*}}recursive_stack.c:37 in leaf
