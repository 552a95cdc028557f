// Closing a channel happens before a receive that returns because the
// channel is closed; a write after the close is not ordered with it.
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

static go_chan *c;

static void writer(void *arg)
{
    (void)arg;
    WRITE_BEFORE_RELEASE();
    go_chan_close(c);
    mark_released();
    WRITE_AFTER_RELEASE();
}

static void reader(void *arg)
{
    (void)arg;
    before_acquire();
    if (go_chan_recv(c, NULL))
        printf("unexpected value\n");
    read_shared();
}

int main(int argc, char **argv)
{
    parse_order(argc, argv);
    c = go_chan_make(0, 0);
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
