// A lock call's read of its object is kept aside, one record per
// goroutine that each of its later lock calls rewrites
// (rt/gosan/race/lock_access.h), not in the object's shadow cells.  The
// records must still meet a write of the object (memset, free,
// pthread_mutex_init) that is ordered after a goroutine's earlier lock
// calls but not after its latest one: the write must find the rewritten
// record (lock-first), the lock call the write (write-first), whichever
// runs first, with the program exiting right after the write.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: not %t mutex lock-first 2>&1 | FileCheck %s --check-prefixes=CHECK,WRITE-SECOND
// RUN: not %t mutex write-first 2>&1 | FileCheck %s --check-prefixes=CHECK,WRITE-FIRST
// RUN: not %t rwmutex lock-first 2>&1 | FileCheck %s --check-prefixes=CHECK,WRITE-SECOND
// RUN: not %t rwmutex write-first 2>&1 | FileCheck %s --check-prefixes=CHECK,WRITE-FIRST
// RUN: not %t free lock-first 2>&1 | FileCheck %s --check-prefixes=CHECK,WRITE-SECOND
// RUN: not %t pthread lock-first 2>&1 | FileCheck %s --check-prefixes=CHECK,WRITE-SECOND,PT-SECOND
// RUN: not %t pthread write-first 2>&1 | FileCheck %s --check-prefixes=CHECK,WRITE-FIRST,PT-FIRST
#include <gosan/go.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static go_mutex *mu;
static go_rwmutex *rw;
static pthread_mutex_t *pm;
static go_chan *done1;
static int write_first;
static atomic_int phase; /* relaxed: orders nothing for the checker */

static void wait_phase(int v)
{
    while (atomic_load_explicit(&phase, memory_order_relaxed) < v) {
    }
}

static void lock_unlock(void)
{
    if (rw) {
        go_rwmutex_rlock(rw);
        go_rwmutex_runlock(rw);
    } else if (pm) {
        pthread_mutex_lock(pm);
        pthread_mutex_unlock(pm);
    } else {
        go_mutex_lock(mu);
        go_mutex_unlock(mu);
    }
}

static void locker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 3; i++)
        lock_unlock(); // LOCK1: main is ordered after these
    int one = 1;
    go_chan_send(done1, &one);
    if (write_first)
        wait_phase(1);
    lock_unlock(); // LOCK2: not ordered with main's write
    atomic_store_explicit(&phase, 2, memory_order_relaxed);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    const char *kind = argv[1];
    write_first = strcmp(argv[2], "write-first") == 0;
    if (strcmp(kind, "rwmutex") == 0) {
        rw = calloc(1, sizeof *rw);
    } else if (strcmp(kind, "pthread") == 0) {
        pm = malloc(sizeof *pm);
        pthread_mutex_init(pm, NULL);
    } else {
        mu = calloc(1, sizeof *mu);
    }
    done1 = go_chan_make(sizeof(int), 0);
    go_spawn(locker, NULL);
    int got;
    go_chan_recv(done1, &got);
    if (!write_first)
        wait_phase(2);
    if (strcmp(kind, "free") == 0)
        free(mu); // WRITE
    else if (pm)
        pthread_mutex_init(pm, NULL); // WRITE
    else if (rw)
        memset(rw, 0, sizeof *rw); // WRITE
    else
        memset(mu, 0, sizeof *mu); // WRITE
    atomic_store_explicit(&phase, 1, memory_order_relaxed);
    if (write_first)
        wait_phase(2);
    return 0;
}

// CHECK: WARNING: gosan: data race
// WRITE-SECOND: Write of size {{[0-9]+}} at {{.*}} by goroutine 1:
// PT-SECOND-NEXT: pthread_mutex_init
// WRITE-SECOND: main {{.*}}lock_record_rewrite.c
// WRITE-SECOND: Previous atomic read of size 1 at {{.*}} by goroutine 2:
// PT-SECOND-NEXT: pthread_mutex_lock
// PT-SECOND-NEXT: lock_unlock {{.*}}lock_record_rewrite.c
// WRITE-SECOND: locker {{.*}}lock_record_rewrite.c:60
// WRITE-FIRST: Atomic read of size 1 at {{.*}} by goroutine 2:
// PT-FIRST-NEXT: pthread_mutex_lock
// PT-FIRST-NEXT: lock_unlock {{.*}}lock_record_rewrite.c
// WRITE-FIRST: locker {{.*}}lock_record_rewrite.c:60
// WRITE-FIRST: Previous write of size {{[0-9]+}} at {{.*}} by goroutine 1:
// PT-FIRST-NEXT: pthread_mutex_init
// WRITE-FIRST: main {{.*}}lock_record_rewrite.c
// CHECK: reported 1 warning
