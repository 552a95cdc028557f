// go_select_timeout: returns GO_ETIMEDOUT once the timeout has passed with
// no case ready (never earlier), returns the case when one becomes ready in
// time, polls when the timeout is <= 0, and with no cases simply sleeps.
// A race between the timer and a sender never loses or duplicates a value.
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

#define MS 1000000ll
static go_chan *c;

static void late_sender(void *arg) { (void)arg; go_sleep(5 * MS); int v = 8; go_chan_send(c, &v); }

#define RACES 3000
static go_chan *q;
static void racer(void *arg) {
    (void)arg;
    for (int i = 0; i < RACES; i++)
        go_chan_send(q, &i);
    go_chan_close(q);
}

int main(void) {
    c = go_chan_make(sizeof(int), 0);
    int x = 0;
    go_case cases[2] = {{c, GO_RECV, &x, false}, {NULL, GO_SEND, &x, false}};
    int64_t t0 = go_now();
    int r = go_select_timeout(cases, 2, 20 * MS);
    int64_t waited = go_now() - t0;
    printf("nothing ready: %d (ETIMEDOUT=%d), waited at least the timeout: %s\n", r, GO_ETIMEDOUT,
           waited >= 20 * MS ? "yes" : "no");

    go_spawn(late_sender, NULL);
    r = go_select_timeout(cases, 2, 10000 * MS);
    printf("ready in time: case %d x=%d\n", r, x);

    printf("poll, nothing ready: %d\n", go_select_timeout(cases, 2, 0));
    t0 = go_now();
    r = go_select_timeout(NULL, 0, 10 * MS);
    printf("no cases: %d, slept: %s\n", r, go_now() - t0 >= 10 * MS ? "yes" : "no");

    /* timers firing while values arrive: every value is received exactly once */
    q = go_chan_make(sizeof(int), 0);
    go_spawn(racer, NULL);
    int next = 0, bad = 0;
    for (;;) {
        int v = -1;
        go_case rc = {q, GO_RECV, &v, false};
        r = go_select_timeout(&rc, 1, (next % 7) * 1000);
        if (r == GO_ETIMEDOUT) {
            continue;
        }
        if (!rc.ok)
            break;
        bad += v != next;
        next = v + 1;
    }
    printf("received %d values in order, bad=%d\n", next, bad);
    go_chan_free(q);
    go_chan_free(c);
    return 0;
}
// CHECK: nothing ready: -5 (ETIMEDOUT=-5), waited at least the timeout: yes
// CHECK: ready in time: case 0 x=8
// CHECK: poll, nothing ready: -5
// CHECK: no cases: -5, slept: yes
// CHECK: received 3000 values in order, bad=0
