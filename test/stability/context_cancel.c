// Cancelling a context happens before a receive that sees its Done channel
// closed and before go_context_err returns non-zero, also for a context
// derived from it (under a value context) and for a deadline's
// cancellation (WithTimeout happens before it); a write after the cancel
// (or after WithTimeout) is not ordered with the reader's read.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: sh -c '%t writer-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t reader-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t writer-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t reader-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DORDERED %s -o %t-ordered
// RUN: sh -c '%t-ordered writer-first; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: sh -c '%t-ordered writer-first exit; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: %gosan-cc -O1 -DERR %s -o %t-err
// RUN: sh -c '%t-err writer-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t-err reader-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DERR -DORDERED %s -o %t-err-ordered
// RUN: sh -c '%t-err-ordered writer-first; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: %gosan-cc -O1 -DDEADLINE %s -o %t-dl
// RUN: sh -c '%t-dl writer-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t-dl reader-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t-dl writer-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t-dl reader-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DDEADLINE -DORDERED %s -o %t-dl-ordered
// RUN: sh -c '%t-dl-ordered writer-first; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: sh -c '%t-dl-ordered writer-first exit; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
#include "Inputs/two_sides.h"

#define MS 1000000ll

static go_context *root;
static go_context *_Atomic child; /* relaxed: orders nothing */
static int key;

static void writer(void *arg)
{
    (void)arg;
    WRITE_BEFORE_RELEASE();
#ifdef DEADLINE
    go_context *c = go_context_with_timeout(go_context_background(), 1 * MS);
    atomic_store_explicit(&child, go_context_with_value(c, &key, NULL), memory_order_relaxed);
#else
    go_context_cancel(root);
#endif
    mark_released();
    WRITE_AFTER_RELEASE();
}

static void reader(void *arg)
{
    (void)arg;
    before_acquire();
    go_context *c = atomic_load_explicit(&child, memory_order_relaxed);
#ifdef ERR
    while (go_context_err(c) == 0)
        go_yield();
#else
    if (go_chan_recv(go_context_done(c), NULL))
        printf("unexpected value\n");
#endif
    read_shared();
}

int main(int argc, char **argv)
{
    parse_order(argc, argv);
#ifndef DEADLINE
    root = go_context_with_cancel(go_context_background());
    go_context *mid = go_context_with_value(root, &key, NULL);
    atomic_store_explicit(&child, go_context_with_cancel(mid), memory_order_relaxed);
#endif
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
