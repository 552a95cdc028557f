// A lock taken while its goroutine holds others, after a PRE_LOCK that
// went through the held-locks table, is recorded without the table's lock
// (a "solo" hold, solo_read_hold.h) until the goroutine's next locked
// event.  The orders out of it must still reach the lock-order graph: the
// goroutine's next lock publishes it first.  "many" nests a -> b -> c
// 2000 times (b is the solo hold when c is locked: order b -> c), long
// before or long after "once" takes c -> b once; the inversion b/c is
// reported either way and the program exits right after.  b is a Mutex,
// an RWMutex write-locked by many and read-locked by once (rw-write), or
// read-locked by many and write-locked by once (rw-read).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t mutex many-first 2>&1 | FileCheck --check-prefixes=CHECK,MANY %s
// RUN: not %t mutex once-first 2>&1 | FileCheck --check-prefixes=CHECK,ONE %s
// RUN: not %t rw-write many-first 2>&1 | FileCheck --check-prefixes=CHECK,MANY %s
// RUN: not %t rw-write once-first 2>&1 | FileCheck --check-prefixes=CHECK,ONE %s
// RUN: not %t rw-read many-first 2>&1 | FileCheck --check-prefixes=CHECK,MANY %s
// RUN: not %t rw-read once-first 2>&1 | FileCheck --check-prefixes=CHECK,ONE %s
#include <gosan/go.h>
#include <stdio.h>
#include <string.h>

static go_mutex mu_a, mu_b, mu_c;
static go_rwmutex rw_b;
static go_chan *done;
static int kind; /* 0: Mutex b, 1: RWMutex b write-locked by many, 2: read-locked by many */
static long counter;

static void lock_b(bool write)
{
    if (kind == 0)
        go_mutex_lock(&mu_b);
    else if (write)
        go_rwmutex_lock(&rw_b);
    else
        go_rwmutex_rlock(&rw_b);
}

static void unlock_b(bool write)
{
    if (kind == 0)
        go_mutex_unlock(&mu_b);
    else if (write)
        go_rwmutex_unlock(&rw_b);
    else
        go_rwmutex_runlock(&rw_b);
}

static void many(void *arg)
{
    (void)arg;
    bool w = kind != 2;
    for (long i = 0; i < 2000; i++) {
        go_mutex_lock(&mu_a);
        lock_b(w);
        go_mutex_lock(&mu_c); // the order b -> c
        counter++;
        go_mutex_unlock(&mu_c);
        unlock_b(w);
        go_mutex_unlock(&mu_a);
    }
    go_chan_send(done, NULL);
}

static void once(void *arg)
{
    (void)arg;
    bool w = kind == 2;
    go_mutex_lock(&mu_c);
    lock_b(w); // the order c -> b
    unlock_b(w);
    go_mutex_unlock(&mu_c);
    go_chan_send(done, NULL);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    kind = strcmp(argv[1], "mutex") == 0 ? 0 : strcmp(argv[1], "rw-write") == 0 ? 1 : 2;
    bool once_first = strcmp(argv[2], "once-first") == 0;
    done = go_chan_make(0, 0);
    go_spawn(once_first ? once : many, NULL);
    go_chan_recv(done, NULL);
    go_spawn(once_first ? many : once, NULL);
    go_chan_recv(done, NULL);
    return 0;
}
// CHECK: WARNING: gosan: lock-order inversion (potential deadlock)
// MANY: SUMMARY: gosan: lock-order inversion (potential deadlock) {{.*}}nested_solo_order.c:{{[0-9]+}} in lock_b
// ONE: SUMMARY: gosan: lock-order inversion (potential deadlock) {{.*}}nested_solo_order.c:{{[0-9]+}} in many
// CHECK-NOT: WARNING: gosan
// CHECK: gosan: reported 1 warning
