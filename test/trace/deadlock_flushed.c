// A plain build that ends with "all goroutines are asleep" still leaves a
// whole trace: the exit writes every buffer out, and `go tool trace -d`
// shows both goroutines blocked receiving.
// REQUIRES: go
// RUN: %plain-cc %s -o %t
// RUN: rm -f %t.trace && env GOSAN_TRACE=%t.trace not %t 2>&1 | FileCheck %s --check-prefix=OUT
// RUN: go tool trace -d %t.trace > %t.events
// RUN: FileCheck %s < %t.events
#include <gosan/go.h>

static go_chan *a, *b;

static void other(void *arg)
{
    (void)arg;
    int v;
    go_chan_recv(b, &v);
    go_chan_send(a, &v);
}

int main(void)
{
    a = go_chan_make(sizeof(int), 0);
    b = go_chan_make(sizeof(int), 0);
    go_spawn(other, NULL);
    int v;
    go_chan_recv(a, &v); /* other waits on b: nobody sends */
    return 0;
}
// OUT: fatal error: all goroutines are asleep - deadlock!
// CHECK-DAG: GoCreate p={{[0-9]+}} g=1 off={{[0-9]+}} g=2
// CHECK-DAG: GoBlockRecv p={{[0-9]+}} g=1
// CHECK-DAG: GoBlockRecv p={{[0-9]+}} g=2
