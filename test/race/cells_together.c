// A range check whose bytes this goroutine's own accesses of the same
// epoch, each as strong, already hold together (one cell per element) is
// not compared further (gs_cells_have_together, rt/gosan/race/access.h).
// These are the cases where counting the wrong cells would lose a report.
// W writes x (32 bytes, two granules) with one memset, a range check:
//  - KIND: W has only read the elements (one 8-byte read each) before the
//    memset; R reads all of x, unordered with W.  Reads do
//    not hold a write: W's memset races with R's read (a loop over x).
//  - EPOCH: W has written the elements, then released (gosan_release), and
//    R acquired that release before its read.  R is ordered after W's
//    element writes but not after the memset of W's next epoch: a race.
// Each in both real-time orders (R_FIRST: R reads, then W's memset is the
// last thing the program does; W_FIRST: W's memset, then R's read, and the
// program exits).  Real-time order comes from a relaxed flag, which orders
// nothing for the checker.  SAME_EPOCH: W writes the elements and memsets
// in one epoch (the skip), then starts R, which reads: no report.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DKIND -DR_FIRST %s -o %t-kr && not %t-kr 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DKIND -DW_FIRST %s -o %t-kw && not %t-kw 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DEPOCH -DR_FIRST %s -o %t-er && not %t-er 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DEPOCH -DW_FIRST %s -o %t-ew && not %t-ew 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DSAME_EPOCH %s -o %t-same && %t-same 2>&1 | FileCheck --check-prefix=SAME %s
// CHECK: WARNING: gosan: data race
// CHECK: SUMMARY: gosan: data race
// CHECK: gosan: reported 1 warning
// SAME-NOT: WARNING: gosan
// SAME: done
#include <gosan/gosan.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

long x[4] __attribute__((aligned(16))); /* not static: its loads stay loads */
static int released; /* the address of W's release */
size_t size = sizeof(x); /* a global the program could change: memset stays a call */
int n = 4;
static atomic_int step; /* relaxed: real-time order only */
long sink_w, sink_r; /* one per side (they must not race); not static: kept */

static void wait_step(int want) {
    while (atomic_load_explicit(&step, memory_order_relaxed) < want)
        ;
}

static void set_step(int s) {
    atomic_store_explicit(&step, s, memory_order_relaxed);
}

/* One element at a time: each access its own cell. */
__attribute__((noinline)) static long get(const long *p) { return *p; }
__attribute__((noinline)) static void set(long *p, long v) { *p = v; }

/* W's accesses before its memset: one cell per element. */
__attribute__((noinline)) static void touch_elements(void) {
#ifdef KIND
    sink_w = get(&x[0]) + get(&x[1]) + get(&x[2]) + get(&x[3]);
#else
    set(&x[0], 1); set(&x[1], 2); set(&x[2], 3); set(&x[3], 4);
#endif
#ifdef EPOCH
    gosan_release(&released);
#endif
}

__attribute__((noinline)) static void clear(void) {
    memset(x, 0, size); /* the access that must be reported */
}

__attribute__((noinline)) static void read_all(void) {
    long s = 0;
    for (int i = 0; i < n; i++) /* one range check of all of x */
        s += x[i];
    sink_r += s;
}

/* R: after W's element accesses (and, for EPOCH, its release). */
static void *reader(void *arg) {
    (void)arg;
    wait_step(1);
#ifdef EPOCH
    gosan_acquire(&released);
#endif
#ifdef W_FIRST
    wait_step(2);
#endif
    read_all();
    set_step(3);
    return NULL;
}

int main(void) {
#ifdef SAME_EPOCH
    set(&x[0], 1); set(&x[1], 2); set(&x[2], 3); set(&x[3], 4);
    clear(); /* held by the element writes together: not compared further */
    pthread_t t;
    pthread_create(&t, NULL, reader, NULL); /* orders all of it before R */
    set_step(1);
    pthread_join(t, NULL);
    puts("done");
    return 0;
#else
    pthread_t t;
    pthread_create(&t, NULL, reader, NULL);
    touch_elements();
    set_step(1);
#ifdef R_FIRST
    wait_step(3);
    clear();
    return 0; /* the program ends right after the race */
#else
    clear();
    set_step(2);
    wait_step(3);
    return 0; /* R's read was the race; exit at once */
#endif
#endif
}
