// One writer racing with one of many readers of a crowded granule.  The
// writer holds an inline record of its own (its read of the field, at an
// earlier epoch), which its write replaces; the racing read may be inline
// or in the side table (shadow_overflow.c).  Four crowders
// (reads of c, bytes 8..11) crowd the granule first; then READERS readers
// read a, one at a time; all happen before the write except reader P
// (0: the first recorded, 2: the middle, 4: the last), which the writer
// never synchronises with.  Where P's read is when the write comes
// (inline, or in the side table) depends on P.
//   RW  all reads, then the write: the write races with P's read
//   WR  the readers before P, the write, then P's read: it races with it
// Each run exits right after the racy access.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DRW -DP=0 %s -o %t-rw0 && not %t-rw0 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %gosan-cc -O1 -DRW -DP=2 %s -o %t-rw2 && not %t-rw2 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %gosan-cc -O1 -DRW -DP=4 %s -o %t-rw4 && not %t-rw4 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %gosan-cc -O1 -DWR -DP=0 %s -o %t-wr0 && not %t-wr0 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DP=2 %s -o %t-wr2 && not %t-wr2 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DP=4 %s -o %t-wr4 && not %t-wr4 2>&1 | FileCheck --check-prefix=WR %s
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdatomic.h>
#include <stdlib.h>

#define CROWDERS 4
#define READERS 5

struct granule {
    int a, b, c, d;
};

/* Not static, so every access is kept. */
struct granule g __attribute__((aligned(16)));
static char h0, w_own, rel[CROWDERS + READERS];
static atomic_int step, wrote; /* relaxed: order nothing */

static void wait_for(atomic_int *v, int n) {
    while (atomic_load_explicit(v, memory_order_relaxed) < n)
        go_yield();
}

static void crowder(void *arg) {
    int i = (int)(long)arg;
    wait_for(&step, i);
    gosan_acquire(&h0);
    volatile int v = g.c;
    (void)v;
    gosan_release(&rel[i]);
    atomic_store_explicit(&step, i + 1, memory_order_relaxed);
}

static void reader(void *arg) {
    int i = (int)(long)arg, r = i - CROWDERS;
    wait_for(&step, i);
    gosan_acquire(&h0);
#ifdef WR
    if (r == P)
        wait_for(&wrote, 1);
#endif
    volatile int v = g.a; /* THE READ */
    (void)v;
#ifdef WR
    if (r == P)
        exit(0);
#endif
    if (r != P)
        gosan_release(&rel[i]);
    atomic_store_explicit(&step, i + 1, memory_order_relaxed);
}

static void writer(void *arg) {
    (void)arg;
    wait_for(&step, CROWDERS + P);
#ifdef RW
    wait_for(&step, CROWDERS + READERS);
#endif
    for (int i = 0; i < CROWDERS + READERS; i++)
        if (i != CROWDERS + P)
            gosan_acquire(&rel[i]);
    volatile int v = g.a; /* an inline record of the writer's own */
    (void)v;
    gosan_release(&w_own);
    g.a = 2; /* THE WRITE */
#ifdef RW
    exit(0);
#else
    atomic_store_explicit(&wrote, 1, memory_order_relaxed);
#endif
}

int main(void) {
    g.a = 1; /* before every goroutine */
    gosan_release(&h0);
    for (long i = 0; i < CROWDERS; i++)
        go_spawn(crowder, (void *)i);
    for (long i = 0; i < READERS; i++)
        go_spawn(reader, (void *)(CROWDERS + i));
    go_spawn(writer, NULL);
    for (;;)
        go_yield();
}
// RW: WARNING: gosan: data race
// RW: Write of size 4 at {{.*}} by goroutine {{[0-9]+}}:
// RW-NEXT: #0 writer {{.*}}crowded_write_readers.c:[[@LINE-21]]
// RW: Previous read of size 4 at {{.*}} by goroutine {{[0-9]+}}:
// RW-NEXT: #0 reader {{.*}}crowded_write_readers.c:[[@LINE-46]]
// RW: Location is global 'g'
// WR: WARNING: gosan: data race
// WR: Read of size 4 at {{.*}} by goroutine {{[0-9]+}}:
// WR-NEXT: #0 reader {{.*}}crowded_write_readers.c:[[@LINE-50]]
// WR: Previous write of size 4 at {{.*}} by goroutine {{[0-9]+}}:
// WR-NEXT: #0 writer {{.*}}crowded_write_readers.c:[[@LINE-29]]
// WR: Location is global 'g'
