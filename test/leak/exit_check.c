// detect_leaks=1 runs the leak check when main returns: a goroutine still
// blocked then is a `goroutine leak` and the exit status becomes 66.
// Without the option nothing is checked at exit.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: sh -c 'GOSAN_OPTIONS=detect_leaks=1:leak_grace_ms=50 %t; echo "status $?"' > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: sh -c '%t; echo "status $?"' 2>&1 | FileCheck --check-prefix=OFF %s
#include <gosan/go.h>
#include <stdio.h>

static go_chan *c;

static void stuck_forever(void *arg)
{
    (void)arg;
    go_chan_send(c, NULL); // the sender blocks here
}

int main(void)
{
    c = go_chan_make(0, 0);
    go_spawn(stuck_forever, NULL);
    printf("main returns\n");
    return 0;
}
// CHECK: main returns
// CHECK: WARNING: gosan: goroutine leak
// CHECK-NEXT: Goroutine {{[0-9]+}} is still alive (chan send on channel 0x{{[0-9a-f]+}} (len 0, cap 0), for {{.*}}) [leak 1 of 1]:
// CHECK-NEXT: #0 stuck_forever {{.*}}exit_check.c:17
// CHECK: SUMMARY: gosan: goroutine leak {{.*}}exit_check.c:17 in stuck_forever
// CHECK: status 66
// OFF-NOT: WARNING: gosan
// OFF: main returns
// OFF: status 0
