// A blocking select parks until one case can proceed: a receive woken by a
// sender, a send woken by a receiver, a receive woken by close (ok=false,
// zeroed value), a send case on a channel closed while it waits (ok=false).
// The other cases' waiters are removed: later traffic on those channels is
// unaffected.
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=2 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

#define MS 1000000ll
static go_chan *a, *b, *c;

static void later_send_b(void *arg) { (void)arg; go_sleep(10 * MS); int v = 77; go_chan_send(b, &v); }
static int c_got;
static go_wg c_done;
static void later_recv_c(void *arg) { (void)arg; go_sleep(10 * MS); go_chan_recv(c, &c_got); go_wg_done(&c_done); }
static void later_close_a(void *arg) { (void)arg; go_sleep(10 * MS); go_chan_close(a); }

int main(void) {
    a = go_chan_make(sizeof(int), 0);
    b = go_chan_make(sizeof(int), 0);
    c = go_chan_make(sizeof(int), 0);
    int x = -1, y = -1, out = 55;
    go_case cases[4] = {{a, GO_RECV, &x, false}, {b, GO_RECV, &y, false},
                        {c, GO_SEND, &out, false}, {NULL, GO_RECV, &x, false}};

    go_spawn(later_send_b, NULL);
    int i = go_select(cases, 4, true);
    printf("woken by send: case %d ok=%d y=%d\n", i, cases[i].ok, y);

    go_wg_add(&c_done, 1);
    go_spawn(later_recv_c, NULL);
    i = go_select(cases, 4, true);
    go_wg_wait(&c_done);
    printf("woken by receive: case %d ok=%d, c received %d\n", i, cases[i].ok, c_got);

    x = 123;
    go_spawn(later_close_a, NULL);
    i = go_select(cases, 4, true);
    printf("woken by close: case %d ok=%d x=%d\n", i, cases[i].ok, x);

    /* a send case whose channel gets closed while the select waits */
    go_chan *d = go_chan_make(sizeof(int), 0);
    a = d;
    go_case sc[1] = {{d, GO_SEND, &out, true}};
    go_spawn(later_close_a, NULL);
    i = go_select(sc, 1, true);
    printf("send case closed: case %d ok=%d\n", i, sc[0].ok);

    /* the stale waiters are gone: plain traffic still works */
    go_spawn(later_send_b, NULL);
    go_chan_recv(b, &y);
    printf("b still works: %d\n", y);
    return 0;
}
// CHECK: woken by send: case 1 ok=1 y=77
// CHECK: woken by receive: case 2 ok=1, c received 55
// CHECK: woken by close: case 0 ok=0 x=0
// CHECK: send case closed: case 0 ok=0
// CHECK: b still works: 77
