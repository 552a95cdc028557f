// A goroutine that re-reads a crowded granule at a new epoch (a shared
// global re-read after every release) replaces its own older read without
// the granule's stripe lock, and checks the side table's records after its
// store, by their write note (access.c's store_past_link): a write there
// that does not happen before the re-read must still be found.
//   WR  the reader reads ab, releases to a writer that writes a (ordered
//       after that read, so no race yet), other goroutines' reads of c push
//       the write out to the side table, and the reader reads ab again
//       without synchronising with the writer: the re-read races with it
//   RW  the same, the re-read before the write: the write races with it
// Crowders read c (bytes 8..11), which the write does not touch, so the
// only race is on a.  MOVERS (0..3) is the number of reads of c between
// the write and the re-read, which decides where the write record is when
// the re-read comes (inline, or in the side table); with the write note
// ignored, the re-read missed the write in WR with MOVERS=1.  Each run
// exits right after the racy access.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DWR -DMOVERS=0 %s -o %t-wr0 && not %t-wr0 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DMOVERS=1 %s -o %t-wr1 && not %t-wr1 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DMOVERS=2 %s -o %t-wr2 && not %t-wr2 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DMOVERS=3 %s -o %t-wr3 && not %t-wr3 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DRW -DMOVERS=1 %s -o %t-rw1 && not %t-rw1 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %gosan-cc -O1 -DRW -DMOVERS=3 %s -o %t-rw3 && not %t-rw3 2>&1 | FileCheck --check-prefix=RW %s
#include "Inputs/crowded_granule.h"

static void writer(void *arg) {
    (void)arg;
    wait_flag(1);
    gosan_acquire(&handoff); /* after the reader's first read */
#ifdef RW
    wait_flag(2);
#endif
    g.f.a = 1; /* THE WRITE */
    set_flag(10);
#ifdef RW
    exit(0);
#endif
}

static void reader(void *arg) {
    (void)arg;
    volatile long v = g.ab;
    gosan_release(&handoff);
    gosan_release(&own_release); /* a new epoch, seen by no one */
    set_flag(1);
#ifdef WR
    wait_flag(20 + MOVERS);
#endif
    v = g.ab; /* THE RE-READ */
    (void)v;
#ifdef WR
    exit(0);
#else
    set_flag(2);
#endif
}

int main(void) {
    for (int i = 0; i < CROWDERS; i++)
        crowd_one();
    go_spawn(reader, NULL);
    go_spawn(writer, NULL);
#ifdef WR
    wait_flag(10);
    for (int i = 0; i < MOVERS; i++)
        crowd_one();
    set_flag(20 + MOVERS);
#endif
    for (;;)
        go_yield();
}
// WR: WARNING: gosan: data race
// WR: Read of size 8 at {{.*}} by goroutine {{[0-9]+}}:
// WR-NEXT: #0 reader {{.*}}crowded_reread.c:[[@LINE-25]]
// WR: Previous write of size 4 at {{.*}} by goroutine {{[0-9]+}}:
// WR-NEXT: #0 writer {{.*}}crowded_reread.c:[[@LINE-43]]
// WR: Location is global 'g'
// RW: WARNING: gosan: data race
// RW: Write of size 4 at {{.*}} by goroutine {{[0-9]+}}:
// RW-NEXT: #0 writer {{.*}}crowded_reread.c:[[@LINE-47]]
// RW: Previous read of size 8 at {{.*}} by goroutine {{[0-9]+}}:
// RW-NEXT: #0 reader {{.*}}crowded_reread.c:[[@LINE-33]]
// RW: Location is global 'g'
