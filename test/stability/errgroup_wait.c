// An errgroup subtask's return happens before go_errgroup_wait returns,
// and a failing subtask's return happens before its group's context is
// seen cancelled (-DCTX); a write by a goroutine the subtask spawned is
// not ordered with the waiter's read.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: sh -c '%t writer-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t reader-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t writer-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t reader-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DORDERED %s -o %t-ordered
// RUN: sh -c '%t-ordered writer-first; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: sh -c '%t-ordered writer-first exit; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: %gosan-cc -O1 -DCTX %s -o %t-ctx
// RUN: sh -c '%t-ctx writer-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t-ctx reader-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t-ctx reader-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DCTX -DORDERED %s -o %t-ctx-ordered
// RUN: sh -c '%t-ctx-ordered writer-first; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: sh -c '%t-ctx-ordered writer-first exit; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
#include "Inputs/two_sides.h"

static go_errgroup *group;

static void late_writer(void *arg)
{
    (void)arg;
    write_shared();
}

static int task(void *arg)
{
    (void)arg;
    WRITE_BEFORE_RELEASE();
#ifndef ORDERED
    go_spawn(late_writer, NULL);
#endif
    mark_released();
#ifdef CTX
    return GO_EINVAL;
#else
    return 0;
#endif
}

static void reader(void *arg)
{
    (void)arg;
#ifdef CTX
    go_chan_recv(go_context_done(go_errgroup_context(group)), NULL);
#else
    go_errgroup_wait(group);
#endif
    if (writer_first)
        spin_until(&turns, 1);
    read_shared();
}

int main(int argc, char **argv)
{
    parse_order(argc, argv);
    group = go_errgroup_new(go_context_background());
    go_errgroup_go(group, task, NULL);
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
