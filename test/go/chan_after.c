// go_after(ns) is time.After: a channel that receives go_now() once, no
// earlier than ns from the call; it works as a timeout case in a select;
// freeing it before it fires cancels the timer, after it fires frees the
// unreceived tick.
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

#define MS 1000000ll

int main(void) {
    int64_t t0 = go_now();
    go_chan *t = go_after(20 * MS);
    printf("cap=%zu\n", go_chan_cap(t));
    int64_t when = 0;
    bool ok = go_chan_recv(t, &when);
    printf("tick ok=%d, not early: %s, stamp after start: %s\n", ok, go_now() - t0 >= 20 * MS ? "yes" : "no",
           when >= t0 + 20 * MS ? "yes" : "no");
    printf("only one tick: %d\n", go_chan_recv_timeout(t, &when, 30 * MS));
    go_chan_free(t);

    go_chan *never = go_chan_make(sizeof(int), 0);
    go_chan *timeout = go_after(10 * MS);
    int x;
    go_case cases[2] = {{never, GO_RECV, &x, false}, {timeout, GO_RECV, &when, false}};
    printf("select chose timeout: %d\n", go_select(cases, 2, true));
    go_chan_free(timeout);

    /* cancelled before firing; many at once */
    for (int i = 0; i < 1000; i++)
        go_chan_free(go_after(5 * MS + i * 1000));
    /* fired, never received */
    go_chan *unread = go_after(1 * MS);
    go_sleep(10 * MS);
    printf("unread tick len=%zu\n", go_chan_len(unread));
    go_chan_free(unread);
    go_sleep(20 * MS); /* cancelled timers must not fire into freed channels */
    go_chan_free(never);
    printf("done\n");
    return 0;
}
// CHECK: cap=1
// CHECK: tick ok=1, not early: yes, stamp after start: yes
// CHECK: only one tick: -5
// CHECK: select chose timeout: 1
// CHECK: unread tick len=1
// CHECK: done
