// Misuse is never silent: send on a closed channel returns GO_ECLOSED,
// close of a closed channel GO_ECLOSED, close of NULL GO_ENIL; a select
// with a malformed case returns GO_EINVAL before touching any channel.
// go_chan_free(NULL) is a no-op and an impossible size gives NULL.
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
#include <gosan/go.h>
#include <stdint.h>
#include <stdio.h>

int main(void) {
    go_chan *c = go_chan_make(sizeof(int), 2);
    int v = 1;
    go_chan_send(c, &v);
    go_case cases[2] = {{c, GO_RECV, &v, false}, {c, 7, &v, false}};
    printf("bad dir: %d (EINVAL=%d) len still %zu\n", go_select(cases, 2, false), GO_EINVAL, go_chan_len(c));
    printf("close: %d\n", go_chan_close(c));
    printf("send on closed: %d (ECLOSED=%d)\n", go_chan_send(c, &v), GO_ECLOSED);
    printf("close closed: %d\n", go_chan_close(c));
    printf("close NULL: %d (ENIL=%d)\n", go_chan_close(NULL), GO_ENIL);
    go_case s = {c, GO_SEND, &v, true};
    int r = go_select(&s, 1, false);
    printf("select send on closed: case %d ok=%d\n", r, s.ok);
    printf("send_timeout on closed: %d\n", go_chan_send_timeout(c, &v, 1000000));
    go_chan_free(c);
    go_chan_free(NULL);
    printf("huge make: %p\n", (void *)go_chan_make(SIZE_MAX / 2, 4));
    printf("NULL len=%zu cap=%zu\n", go_chan_len(NULL), go_chan_cap(NULL));
    return 0;
}
// CHECK: bad dir: -3 (EINVAL=-3) len still 1
// CHECK: close: 0
// CHECK: send on closed: -1 (ECLOSED=-1)
// CHECK: close closed: -1
// CHECK: close NULL: -2 (ENIL=-2)
// CHECK: select send on closed: case 0 ok=0
// CHECK: send_timeout on closed: -1
// CHECK: huge make: (nil)
// CHECK: NULL len=0 cap=0
