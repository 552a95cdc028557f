// The side table's write note of a crowded granule keeps, when all its
// writes are one goroutine's, the lowest and the highest epoch of them
// (shadow_overflow.c): a re-read that skips the stripe lock
// (access.c's store_past_link) skips the entry only when it has seen the
// highest.  Here it has seen the lowest and not the highest:
//   WR  the writer writes b and releases to the reader; the reader reads
//       ab (after that write: no race) and releases to the writer; the
//       writer writes a (ordered after that read); reads of c by other
//       goroutines push the writes out to the side table; the reader
//       reads ab again with no synchronisation since: the re-read races
//       with the write of a, not with the write of b
//   RW  the same, the re-read before the write of a: that write races
//       with the re-read
// Crowders read c (bytes 8..11), which no write touches.  MOVERS (0..3) is
// the number of reads of c between the write of a and the re-read, each
// after RELS releases of its own (which inline cell a record moves out of
// depends on the epoch: together they decide where the writes and the
// first read are when the re-read comes, inline or in the side table).
// With the note's lowest epoch taken for its highest, WR missed the race
// with RELS=1 and MOVERS 1, 2 and 3.  Each run exits right after the racy
// access.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DWR -DMOVERS=0 -DRELS=0 %s -o %t-wr00 && not %t-wr00 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DMOVERS=1 -DRELS=0 %s -o %t-wr10 && not %t-wr10 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DMOVERS=1 -DRELS=1 %s -o %t-wr11 && not %t-wr11 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DMOVERS=1 -DRELS=2 %s -o %t-wr12 && not %t-wr12 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DMOVERS=2 -DRELS=1 %s -o %t-wr21 && not %t-wr21 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DMOVERS=3 -DRELS=1 %s -o %t-wr31 && not %t-wr31 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DRW -DMOVERS=1 -DRELS=1 %s -o %t-rw11 && not %t-rw11 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %gosan-cc -O1 -DRW -DMOVERS=3 -DRELS=1 %s -o %t-rw31 && not %t-rw31 2>&1 | FileCheck --check-prefix=RW %s
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdatomic.h>
#include <stdlib.h>

#define CROWDERS 4

union granule {
    long ab; /* a and b, read as one */
    struct {
        int a, b, c, d;
    } f;
};

/* Not static, so every access is kept. */
union granule g __attribute__((aligned(16)));
static char w2r, r2w, own_release, crowd_release;
static atomic_int flag, crowded; /* relaxed: order nothing */

static void wait_flag(int v) {
    while (atomic_load_explicit(&flag, memory_order_relaxed) < v)
        go_yield();
}

static void set_flag(int v) {
    atomic_store_explicit(&flag, v, memory_order_relaxed);
}

/* One read of c, in a goroutine of its own, after arg releases that no
 * one acquires: one more unordered record. */
static void crowd(void *arg) {
    for (long i = 0; i < (long)arg; i++)
        gosan_release(&crowd_release);
    volatile int v = g.f.c;
    (void)v;
    atomic_fetch_add_explicit(&crowded, 1, memory_order_relaxed);
}

static void crowd_one(long rels) {
    int n = atomic_load_explicit(&crowded, memory_order_relaxed);
    go_spawn(crowd, (void *)rels);
    while (atomic_load_explicit(&crowded, memory_order_relaxed) == n)
        go_yield();
}

static void writer(void *arg) {
    (void)arg;
    g.f.b = 1; /* seen by the reader */
    gosan_release(&w2r);
    set_flag(1);
    wait_flag(2);
    gosan_acquire(&r2w); /* after the reader's first read */
#ifdef RW
    wait_flag(3);
#endif
    g.f.a = 1; /* THE WRITE */
    set_flag(10);
#ifdef RW
    exit(0);
#endif
}

static void reader(void *arg) {
    (void)arg;
    wait_flag(1);
    gosan_acquire(&w2r);
    volatile long v = g.ab;
    gosan_release(&r2w);
    gosan_release(&own_release); /* a new epoch, seen by no one */
    set_flag(2);
#ifdef WR
    wait_flag(20 + MOVERS);
#endif
    v = g.ab; /* THE RE-READ */
    (void)v;
#ifdef WR
    exit(0);
#else
    set_flag(3);
#endif
}

int main(void) {
    for (int i = 0; i < CROWDERS; i++)
        crowd_one(0);
    go_spawn(reader, NULL);
    go_spawn(writer, NULL);
#ifdef WR
    wait_flag(10);
    for (int i = 0; i < MOVERS; i++)
        crowd_one(RELS);
    set_flag(20 + MOVERS);
#endif
    for (;;)
        go_yield();
}
// WR: WARNING: gosan: data race
// WR: Read of size 8 at {{.*}} by goroutine {{[0-9]+}}:
// WR-NEXT: #0 reader {{.*}}crowded_reread_range.c:[[@LINE-25]]
// WR: Previous write of size 4 at {{.*}} by goroutine {{[0-9]+}}:
// WR-NEXT: #0 writer {{.*}}crowded_reread_range.c:[[@LINE-45]]
// WR: Location is global 'g'
// RW: WARNING: gosan: data race
// RW: Write of size 4 at {{.*}} by goroutine {{[0-9]+}}:
// RW-NEXT: #0 writer {{.*}}crowded_reread_range.c:[[@LINE-49]]
// RW: Previous read of size 8 at {{.*}} by goroutine {{[0-9]+}}:
// RW-NEXT: #0 reader {{.*}}crowded_reread_range.c:[[@LINE-33]]
// RW: Location is global 'g'
