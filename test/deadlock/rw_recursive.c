// Go's RWMutex prohibits recursive read locking: if a writer calls Lock
// between the two RLocks, the second RLock waits for the writer, which
// waits for the first RLock's release: a deadlock.  This run is lucky (the
// writer comes afterwards), but the recursive read lock plus the existence
// of a writer is reported as a cycle of one mutex, once.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static go_rwmutex rw;
static go_chan *done; /* each goroutine reports it finished */

static int read_twice(void)
{
    go_rwmutex_rlock(&rw);
    go_rwmutex_rlock(&rw);      // recursive read lock
    go_rwmutex_runlock(&rw);
    go_rwmutex_runlock(&rw);
    return 0;
}

static void writer(void *arg)
{
    (void)arg;
    go_rwmutex_lock(&rw);       // a writer exists
    go_rwmutex_unlock(&rw);
    go_chan_send(done, NULL);
}

int main(void)
{
    done = go_chan_make(0, 0);
    read_twice();
    fprintf(stderr, "read twice\n");
    go_spawn(writer, NULL);
    go_chan_recv(done, NULL);
    read_twice();
    go_spawn(writer, NULL);
    go_chan_recv(done, NULL);
    fprintf(stderr, "done\n");
    return 0;
}
// CHECK: read twice
// CHECK-NEXT: ==
// CHECK-NEXT: WARNING: gosan: lock-order inversion (potential deadlock)
// CHECK-NEXT: Cycle in lock order graph: M1 (0x{{[0-9a-f]+}}) => M1
// CHECK: Mutex M1 (read lock) acquired here while holding mutex M1 (read-locked) in goroutine 1:
// CHECK-NEXT: #0 read_twice {{.*}}rw_recursive.c:18
// CHECK: Mutex M1 previously acquired by the same goroutine here:
// CHECK-NEXT: #0 read_twice {{.*}}rw_recursive.c:17
// CHECK: M1 is read-locked on both sides: Go's RWMutex makes RLock wait while a writer waits
// CHECK: Location is global 'rw'
// CHECK: SUMMARY: gosan: lock-order inversion (potential deadlock) {{.*}}rw_recursive.c:18 in read_twice
// CHECK-NOT: WARNING: gosan
// CHECK: done
