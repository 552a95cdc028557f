// A goroutine re-reading bytes at a new epoch over its own earlier read
// moves that read's epoch forward in place and compares the other cells
// after its store (access.c's reread_in_place).  The record must move: a
// write that happens after the old read but not after the re-read races
// with the re-read, in either real-time order.
//   WR    the reader reads ab, releases to the writer, which writes (after
//         that read: no race yet); then the reader re-reads ab without
//         synchronising with the writer: the re-read races with the write
//         (found by the comparison after the store)
//   RW    the same, the re-read before the write: the write races with the
//         re-read (found only if the re-read's new epoch was stored)
//   OK    the writer releases to the reader after its write, and the
//         reader acquires that before its re-read: no race
// SAME: the write is of ab itself (it replaces the reader's old read), else
// of a alone (the old read stays beside it, and the re-read takes the
// in-place path).  CROWD: four other goroutines' reads of c first, so the
// granule is crowded (its side table: shadow_overflow.c).  The racy runs
// exit right after the racy access.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DWR %s -o %t-wr && not %t-wr 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DSAME %s -o %t-wrs && not %t-wrs 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DCROWD %s -o %t-wrc && not %t-wrc 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DRW %s -o %t-rw && not %t-rw 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %gosan-cc -O1 -DRW -DSAME %s -o %t-rws && not %t-rws 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %gosan-cc -O1 -DRW -DCROWD %s -o %t-rwc && not %t-rwc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %gosan-cc -O1 -DOK %s -o %t-ok && %t-ok 2>&1 | FileCheck --check-prefix=OK --allow-empty %s
// RUN: %gosan-cc -O1 -DOK -DCROWD %s -o %t-okc && %t-okc 2>&1 | FileCheck --check-prefix=OK --allow-empty %s
#include <stdio.h>

#include "Inputs/crowded_granule.h"

static char back;

static void writer(void *arg) {
    (void)arg;
    wait_flag(1);
    gosan_acquire(&handoff); /* after the reader's first read */
#ifdef RW
    wait_flag(2);
#endif
#ifdef SAME
    g.ab = 1; /* THE WRITE */
#else
    g.f.a = 1; /* THE WRITE */
#endif
#ifdef OK
    gosan_release(&back);
#endif
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
#ifndef RW
    wait_flag(10);
#endif
#ifdef OK
    gosan_acquire(&back);
#endif
    v = g.ab; /* THE RE-READ */
    (void)v;
#ifdef WR
    exit(0);
#elif defined(RW)
    set_flag(2);
#else
    fprintf(stderr, "done\n");
    exit(0);
#endif
}

int main(void) {
#ifdef CROWD
    for (int i = 0; i < 4; i++)
        go_spawn(crowd, NULL);
    while (atomic_load_explicit(&crowded, memory_order_relaxed) < 4)
        go_yield();
#endif
    go_spawn(reader, NULL);
    go_spawn(writer, NULL);
    for (;;)
        go_yield();
}
// WR: WARNING: gosan: data race
// WR: Read of size 8 at {{.*}} by goroutine {{[0-9]+}}:
// WR-NEXT: #0 reader {{.*}}reread_epoch.c:[[@LINE-26]]
// WR: Previous write of size {{4|8}} at {{.*}} by goroutine {{[0-9]+}}:
// WR-NEXT: #0 writer {{.*}}reread_epoch.c:
// WR: Location is global 'g'
// RW: WARNING: gosan: data race
// RW: Write of size {{4|8}} at {{.*}} by goroutine {{[0-9]+}}:
// RW-NEXT: #0 writer {{.*}}reread_epoch.c:
// RW: Previous read of size 8 at {{.*}} by goroutine {{[0-9]+}}:
// RW-NEXT: #0 reader {{.*}}reread_epoch.c:[[@LINE-34]]
// RW: Location is global 'g'
// OK-NOT: data race
// OK: done
