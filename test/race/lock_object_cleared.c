// A lock call counts as an atomic read of its object's first byte only (as a
// channel operation reads its channel's), which is enough to catch the
// program that clears, re-initialises or frees a mutex another goroutine
// is using: those write the whole object.  Both real-time orders, for a
// mutex and a read lock of an RWMutex; the program ends right after.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t mutex lock-first 2>&1 | FileCheck %s --check-prefixes=CHECK,CLEAR-SECOND
// RUN: not %t mutex clear-first 2>&1 | FileCheck %s --check-prefixes=CHECK,CLEAR-FIRST
// RUN: not %t rwmutex lock-first 2>&1 | FileCheck %s --check-prefixes=CHECK,CLEAR-SECOND
// RUN: not %t rwmutex clear-first 2>&1 | FileCheck %s --check-prefixes=CHECK,CLEAR-FIRST
// RUN: not %t free lock-first 2>&1 | FileCheck %s --check-prefixes=CHECK,CLEAR-SECOND
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static go_mutex *mu;
static go_rwmutex *rw;
static const char *kind;
static int clear_first;
static atomic_int phase; /* relaxed: orders nothing for the checker */

static void wait_phase(int v)
{
    while (atomic_load_explicit(&phase, memory_order_relaxed) < v) {
    }
}

static void locker(void *arg)
{
    (void)arg;
    if (clear_first)
        wait_phase(1);
    if (rw) {
        go_rwmutex_rlock(rw); // LOCK
        go_rwmutex_runlock(rw);
    } else {
        go_mutex_lock(mu); // LOCK
        go_mutex_unlock(mu);
    }
    atomic_store_explicit(&phase, 2, memory_order_relaxed);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    kind = argv[1];
    clear_first = strcmp(argv[2], "clear-first") == 0;
    if (strcmp(kind, "rwmutex") == 0)
        rw = calloc(1, sizeof *rw);
    else
        mu = calloc(1, sizeof *mu);
    go_spawn(locker, NULL);
    if (!clear_first)
        wait_phase(2);
    if (strcmp(kind, "free") == 0)
        free(mu); // FREE
    else if (rw)
        memset(rw, 0, sizeof *rw); // CLEAR
    else
        memset(mu, 0, sizeof *mu); // CLEAR
    atomic_store_explicit(&phase, 1, memory_order_relaxed);
    if (clear_first)
        wait_phase(2);
    return 0;
}

// CHECK: WARNING: gosan: data race
// CLEAR-SECOND: Write of size {{[0-9]+}} at {{.*}} by goroutine 1:
// CLEAR-SECOND-NEXT: main {{.*}}lock_object_cleared.c
// CLEAR-SECOND: Previous atomic read of size 1 at {{.*}} by goroutine 2:
// CLEAR-SECOND-NEXT: locker {{.*}}lock_object_cleared.c
// CLEAR-FIRST: Atomic read of size 1 at {{.*}} by goroutine 2:
// CLEAR-FIRST-NEXT: locker {{.*}}lock_object_cleared.c
// CLEAR-FIRST: Previous write of size {{[0-9]+}} at {{.*}} by goroutine 1:
// CLEAR-FIRST-NEXT: main {{.*}}lock_object_cleared.c
// CHECK: reported 1 warning
