// select: a send case that fires happens before the receive case that takes
// the value, as a plain send does; a write after the select is not ordered
// with the receiver's read.
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

static go_chan *c, *never;

static void writer(void *arg)
{
    (void)arg;
    int v = 1;
    go_case cases[] = {
        {.chan = c, .dir = GO_SEND, .elem = &v},
        {.chan = never, .dir = GO_RECV, .elem = NULL},
    };
    WRITE_BEFORE_RELEASE();
    if (go_select(cases, 2, true) != 0)
        printf("unexpected case\n");
    mark_released();
    WRITE_AFTER_RELEASE();
}

static void reader(void *arg)
{
    (void)arg;
    int v;
    go_case cases[] = {
        {.chan = never, .dir = GO_RECV, .elem = NULL},
        {.chan = c, .dir = GO_RECV, .elem = &v},
    };
    if (go_select(cases, 2, true) != 1)
        printf("unexpected case\n");
    read_shared();
}

int main(int argc, char **argv)
{
    parse_order(argc, argv);
    c = go_chan_make(sizeof(int), 0);
    never = go_chan_make(0, 0);
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
