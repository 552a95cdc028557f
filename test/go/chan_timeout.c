// Timed send and receive: go_chan_recv_timeout returns 1 with a value, 0 on
// a closed and drained channel, GO_ETIMEDOUT when nothing came in time;
// go_chan_send_timeout returns 0, GO_ECLOSED or GO_ETIMEDOUT.  A NULL
// channel just waits out the timeout.  A timed-out send sent nothing.
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

#define MS 1000000ll
static go_chan *c;
static int late_got;
static go_wg late_done;
static void late_receiver(void *arg) { (void)arg; go_sleep(5 * MS); go_chan_recv(c, &late_got); go_wg_done(&late_done); }

int main(void) {
    c = go_chan_make(sizeof(int), 1);
    int v = 0;
    int64_t t0 = go_now();
    int r = go_chan_recv_timeout(c, &v, 10 * MS);
    printf("recv empty: %d, waited: %s\n", r, go_now() - t0 >= 10 * MS ? "yes" : "no");
    int one = 1, two = 2;
    printf("send: %d\n", go_chan_send_timeout(c, &one, 10 * MS));
    printf("send full: %d len=%zu\n", go_chan_send_timeout(c, &two, 10 * MS), go_chan_len(c));
    printf("recv: %d v=%d\n", go_chan_recv_timeout(c, &v, 10 * MS), v);
    printf("recv poll empty: %d\n", go_chan_recv_timeout(c, &v, 0));
    go_wg_add(&late_done, 1);
    go_spawn(late_receiver, NULL);
    go_chan_send(c, &two); /* fills the buffer */
    int three = 3;
    printf("send waits for room: %d\n", go_chan_send_timeout(c, &three, 10000 * MS));
    go_wg_wait(&late_done);
    printf("late receiver got %d\n", late_got);
    go_chan_recv(c, &v);
    printf("then: %d\n", v);
    go_chan_close(c);
    v = 9;
    printf("recv closed: %d v=%d\n", go_chan_recv_timeout(c, &v, 10 * MS), v);
    printf("send closed: %d\n", go_chan_send_timeout(c, &one, 10 * MS));
    printf("recv NULL chan: %d\n", go_chan_recv_timeout(NULL, &v, 2 * MS));
    printf("send NULL chan: %d\n", go_chan_send_timeout(NULL, &v, 2 * MS));
    go_chan_free(c);
    return 0;
}
// CHECK: recv empty: -5, waited: yes
// CHECK: send: 0
// CHECK: send full: -5 len=1
// CHECK: recv: 1 v=1
// CHECK: recv poll empty: -5
// CHECK: send waits for room: 0
// CHECK: late receiver got 2
// CHECK: then: 3
// CHECK: recv closed: 0 v=0
// CHECK: send closed: -1
// CHECK: recv NULL chan: -5
// CHECK: send NULL chan: -5
