// gosan_release/gosan_acquire: a release on an address happens before a later
// acquire on it; a write after the release is not ordered.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: sh -c '%t writer-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t reader-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t writer-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t reader-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DORDERED %s -o %t-ordered
// RUN: sh -c '%t-ordered writer-first; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: sh -c '%t-ordered writer-first exit; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
#include "Inputs/two_sides.h"

#include <gosan/gosan.h>

static atomic_int flag;

static void writer(void *arg)
{
    (void)arg;
    WRITE_BEFORE_RELEASE();
    gosan_release(&flag);
    atomic_store_explicit(&flag, 1, memory_order_relaxed);
    mark_released();
    WRITE_AFTER_RELEASE();
}

static void reader(void *arg)
{
    (void)arg;
    before_acquire();
    while (!atomic_load_explicit(&flag, memory_order_relaxed))
        go_yield();
    gosan_acquire(&flag);
    read_shared();
}

int main(int argc, char **argv)
{
    parse_order(argc, argv);
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
