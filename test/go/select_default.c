// A non-blocking select (Go's `default:`) returns -1 when no case is ready,
// including with no cases or only NULL channels, and otherwise the ready
// case with its value.  NULL-channel cases are never chosen.
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

int main(void) {
    go_chan *a = go_chan_make(sizeof(int), 1), *b = go_chan_make(sizeof(int), 0);
    int x = 0;
    go_case cases[3] = {{a, GO_RECV, &x, false}, {NULL, GO_RECV, &x, false}, {b, GO_SEND, &x, false}};
    printf("nothing ready: %d\n", go_select(cases, 3, false));
    printf("no cases: %d\n", go_select(NULL, 0, false));
    go_case nils[2] = {{NULL, GO_RECV, &x, false}, {NULL, GO_SEND, &x, false}};
    printf("only NULL channels: %d\n", go_select(nils, 2, false));
    int v = 31;
    go_chan_send(a, &v);
    int i = go_select(cases, 3, false);
    printf("ready: case %d ok=%d x=%d len=%zu\n", i, cases[i].ok, x, go_chan_len(a));
    int nilhits = 0;
    for (int k = 0; k < 1000; k++) {
        go_chan_send(a, &v);
        nilhits += go_select(cases, 3, false) != 0;
    }
    printf("other than case 0: %d\n", nilhits);
    go_chan_free(a);
    go_chan_free(b);
    return 0;
}
// CHECK: nothing ready: -1
// CHECK: no cases: -1
// CHECK: only NULL channels: -1
// CHECK: ready: case 0 ok=1 x=31 len=0
// CHECK: other than case 0: 0
