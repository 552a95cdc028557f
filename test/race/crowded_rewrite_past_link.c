// A goroutine that re-writes a crowded granule at a new epoch over a write
// of its own in the inline cells stores without the granule's stripe lock
// and checks the side table's records after its store, by the note of all
// its records (access.c's store_past_link, gs_ovf_all_before): a read
// there that does not happen before the re-write must still be found.
//   WR  the writer writes ab, releases to a reader that reads a (ordered
//       after that write, so no race yet), other goroutines' reads of c
//       push the read out to the side table, and the writer writes ab
//       again without synchronising with the reader: the re-write races
//       with the read
//   RW  the same, the read after the re-write: the read races with it
// Crowders read c (bytes 8..11), which the writes do not touch, so the
// only race is on a.  MOVERS (0..3) is the number of reads of c between
// the read and the re-write, which decides where the read record is when
// the re-write comes (inline, or in the side table); with the note taken
// as "all before", the re-write missed the read in WR with MOVERS=1.
// Each run exits right after the racy access.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DWR -DMOVERS=0 %s -o %t-wr0 && not %t-wr0 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DMOVERS=1 %s -o %t-wr1 && not %t-wr1 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DMOVERS=2 %s -o %t-wr2 && not %t-wr2 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DMOVERS=3 %s -o %t-wr3 && not %t-wr3 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DRW -DMOVERS=1 %s -o %t-rw1 && not %t-rw1 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %gosan-cc -O1 -DRW -DMOVERS=3 %s -o %t-rw3 && not %t-rw3 2>&1 | FileCheck --check-prefix=RW %s
#include "Inputs/crowded_granule.h"

static void reader(void *arg) {
    (void)arg;
    wait_flag(1);
    gosan_acquire(&handoff); /* after the writer's first write */
#ifdef RW
    wait_flag(2);
#endif
    volatile int v = g.f.a; /* THE READ */
    (void)v;
    set_flag(10);
#ifdef RW
    exit(0);
#endif
}

static void writer(void *arg) {
    (void)arg;
    g.ab = 1;
    gosan_release(&handoff);
    gosan_release(&own_release); /* a new epoch, seen by no one */
    set_flag(1);
#ifdef WR
    wait_flag(20 + MOVERS);
#endif
    g.ab = 2; /* THE RE-WRITE */
#ifdef WR
    exit(0);
#else
    set_flag(2);
#endif
}

int main(void) {
    for (int i = 0; i < CROWDERS; i++)
        crowd_one();
    go_spawn(writer, NULL);
    go_spawn(reader, NULL);
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
// WR: Write of size 8 at {{.*}} by goroutine {{[0-9]+}}:
// WR-NEXT: #0 writer {{.*}}crowded_rewrite_past_link.c:[[@LINE-24]]
// WR: Previous read of size 4 at {{.*}} by goroutine {{[0-9]+}}:
// WR-NEXT: #0 reader {{.*}}crowded_rewrite_past_link.c:[[@LINE-43]]
// WR: Location is global 'g'
// RW: WARNING: gosan: data race
// RW: Read of size 4 at {{.*}} by goroutine {{[0-9]+}}:
// RW-NEXT: #0 reader {{.*}}crowded_rewrite_past_link.c:[[@LINE-47]]
// RW: Previous write of size 8 at {{.*}} by goroutine {{[0-9]+}}:
// RW-NEXT: #0 writer {{.*}}crowded_rewrite_past_link.c:[[@LINE-32]]
// RW: Location is global 'g'
