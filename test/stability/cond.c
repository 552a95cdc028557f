// Cond: a Signal (or Broadcast, -DBROADCAST) wakes a waiter, which then
// relocks the mutex, so what the signaller did before its Unlock happens
// before the waiter's return; a write after the Unlock is not ordered.
// The writer signals only once the reader is waiting.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: sh -c '%t writer-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t reader-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t writer-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t reader-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DORDERED %s -o %t-ordered
// RUN: sh -c '%t-ordered writer-first; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: sh -c '%t-ordered writer-first exit; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: %gosan-cc -O1 -DBROADCAST %s -o %t-bc
// RUN: sh -c '%t-bc writer-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t-bc reader-first exit; echo "status $?"' 2>&1 | FileCheck %s
#include "Inputs/two_sides.h"

static go_mutex m;
static go_cond cv;
static int ready;
static atomic_int waiting;

static void writer(void *arg)
{
    (void)arg;
    spin_until(&waiting, 1);
    go_mutex_lock(&m);
    ready = 1;
    WRITE_BEFORE_RELEASE();
#ifdef BROADCAST
    go_cond_broadcast(&cv);
#else
    go_cond_signal(&cv);
#endif
    go_mutex_unlock(&m);
    mark_released();
    WRITE_AFTER_RELEASE();
}

static void reader(void *arg)
{
    (void)arg;
    go_mutex_lock(&m);
    atomic_store_explicit(&waiting, 1, memory_order_relaxed);
    while (!ready)
        go_cond_wait(&cv);
    go_mutex_unlock(&m);
    read_shared();
}

int main(int argc, char **argv)
{
    parse_order(argc, argv);
    go_cond_init(&cv, &m);
    go_spawn(writer, NULL);
    go_spawn(reader, NULL);
    return finish();
}

// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'shared'
// CHECK: SUMMARY: gosan: data race
// CHECK-NOT: WARNING: gosan
// CHECK: status 66
// ORDERED-NOT: WARNING: gosan
// ORDERED: main returns
// ORDERED-NOT: WARNING: gosan
// ORDERED: status 0
