// A goroutine that rewrites its own field of a crowded granule at a new
// epoch replaces its own older write; a read in the side table
// (shadow_overflow.c) that does not happen before the write must still be
// found, even when an earlier read of the same reader there does happen
// before it (a check that trusted a note of the entry's records, as reads
// past the link do, would have to compare with the highest epoch).
//   RW  the reader R reads the writer's field (byte 13) without
//       synchronising, after an ordered read of byte 2 at an epoch the
//       writer W then acquires; both move to the side table when R's next
//       read spills the granule (note: R's slot, epochs r2..r3, W has seen
//       r2 only); then W rewrites its field: it races with R's read of 13
//   WR  the same granule, R's reads in the side table all ordered; W
//       rewrites its field, then R reads byte 13 without synchronising
// Each run exits right after the racy access.  The inline cells hold only
// records that happen before the rewrite or touch other bytes, so the race
// is found only through the side table.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DRW %s -o %t-rw && not %t-rw 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %gosan-cc -O1 -DWR %s -o %t-wr && not %t-wr 2>&1 | FileCheck --check-prefix=WR %s
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdatomic.h>
#include <stdlib.h>

struct granule {
    char b[12];
    int w; /* bytes 12..15: the writer's field */
};

/* Not static, so every access is kept. */
struct granule g __attribute__((aligned(16)));
static char h1, h2, r_own, w_own;
static atomic_int flag; /* relaxed: orders nothing */

static void wait_flag(int v) {
    while (atomic_load_explicit(&flag, memory_order_relaxed) < v)
        go_yield();
}

static void set_flag(int v) {
    atomic_store_explicit(&flag, v, memory_order_relaxed);
}

#define read_byte(i) ((void)((volatile char *)&g)[i])

static void reader(void *arg) {
    (void)arg;
    wait_flag(1);
    gosan_acquire(&h1);      /* after W's first write */
    read_byte(0);            /* r1: cell 1 */
    gosan_release(&r_own);
    read_byte(2);            /* r2: cell 2 */
    gosan_release(&h2);      /* W acquires R up to here */
#ifdef RW
    read_byte(13);           /* r3: cell 3, THE RACY READ */
#else
    read_byte(3);
#endif
    gosan_release(&r_own);
    read_byte(1);            /* r4: spills; r3 and r2 go to the side table */
    set_flag(2);
#ifdef WR
    wait_flag(3);
    read_byte(13); /* THE RACY READ */
    exit(0);
#endif
}

static void writer(void *arg) {
    (void)arg;
    g.w = 1;                 /* w1: cell 0 */
    gosan_release(&h1);
    set_flag(1);
    wait_flag(2);
    gosan_acquire(&h2);
    gosan_release(&w_own);
    g.w = 2; /* THE REWRITE */
#ifdef RW
    exit(0);
#else
    set_flag(3);
#endif
}

int main(void) {
    go_spawn(reader, NULL);
    go_spawn(writer, NULL);
    for (;;)
        go_yield();
}
// RW: WARNING: gosan: data race
// RW: Write of size 4 at {{.*}} by goroutine {{[0-9]+}}:
// RW-NEXT: #0 writer {{.*}}crowded_rewrite.c:[[@LINE-16]]
// RW: Previous read of size 1 at {{.*}} by goroutine {{[0-9]+}}:
// RW-NEXT: #0 reader {{.*}}crowded_rewrite.c:[[@LINE-40]]
// RW: Location is global 'g'
// WR: WARNING: gosan: data race
// WR: Read of size 1 at {{.*}} by goroutine {{[0-9]+}}:
// WR-NEXT: #0 reader {{.*}}crowded_rewrite.c:[[@LINE-35]]
// WR: Previous write of size 4 at {{.*}} by goroutine {{[0-9]+}}:
// WR-NEXT: #0 writer {{.*}}crowded_rewrite.c:[[@LINE-24]]
// WR: Location is global 'g'
