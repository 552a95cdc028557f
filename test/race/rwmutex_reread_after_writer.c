// A reader's RUnlock releases into the RWMutex's reader clock and then
// starts a new epoch, even when the reader wrote nothing: a writer that
// takes the lock afterwards learns the reader's epoch, and a later write
// of its without the lock must still race with the reader's next read.
// Were the epoch kept (no tick on RUnlock, or a re-read that keeps its
// older record because "nothing was written since"), the re-read would
// look ordered before the writer's write and the race would be lost.
//   RW_LOCKED  the reader re-reads x under a new RLock after the writer's
//              Lock/Unlock, then the writer writes x without the lock
//   RW_BARE    the same, the re-read outside any lock
//   WR         the writer's write first, then the re-read: the read races
// main is the writer; each run exits right after the racy access.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DRW_LOCKED %s -o %t-rwl && not %t-rwl 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DRW_BARE %s -o %t-rwb && not %t-rwb 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DWR %s -o %t-wr && not %t-wr 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdlib.h>

/* Not static, so every access is kept. */
long x;
static go_rwmutex rw;
static atomic_int flag; /* relaxed: orders nothing */

static void wait_flag(int v) {
    while (atomic_load_explicit(&flag, memory_order_relaxed) < v)
        go_yield();
}

static void set_flag(int v) {
    atomic_store_explicit(&flag, v, memory_order_relaxed);
}

static void reader(void *arg) {
    (void)arg;
    go_rwmutex_rlock(&rw);
    volatile long v = x;
    go_rwmutex_runlock(&rw);
    set_flag(1);
    wait_flag(2); /* the writer has locked and unlocked (and, in WR, written) */
#ifdef RW_BARE
    v = x;
#else
    go_rwmutex_rlock(&rw);
    v = x;
    go_rwmutex_runlock(&rw);
#endif
    (void)v;
    set_flag(3);
    for (;;)
        go_yield();
}

int main(void) {
    go_spawn(reader, NULL);
    wait_flag(1);
    go_rwmutex_lock(&rw); /* learns the reader's first epoch */
    go_rwmutex_unlock(&rw);
#ifdef WR
    x = 1;
    set_flag(2);
    wait_flag(3);
#else
    set_flag(2);
    wait_flag(3);
    x = 1;
#endif
    exit(0);
}
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'x'
