// go_time_new_timer, go_time_after_func: Go 1.23's time.Timer.  A timer
// fires no earlier than its duration; Stop of a pending timer returns true
// and it never fires; Stop of a fired timer whose tick was not received
// returns true and discards the tick; Reset re-arms (also after a fire)
// and discards a stale tick; AfterFunc runs fn in a goroutine of its own,
// and a stopped one never runs.  Timing checks are lower bounds measured
// from before the call that arms the timer; no check needs the program to
// reach a line before a deadline (a loaded machine can stall it for tens of
// milliseconds anywhere): a timer that must not fire first is armed for an
// hour, and a race with a short one is judged by its outcome.
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
// RUN: %cc-tsan %s -o %t-tsan && env GOSAN_MAXPROCS=2 %t-tsan | FileCheck %s
// RUN: %gosan-cc %s -o %t-chk && %t-chk 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>

#define MS 1000000ll

static atomic_int ran;
static atomic_ullong ran_on;
static go_chan *done;

static void count(void *arg)
{
    (void)arg;
    atomic_store(&ran_on, go_id());
    atomic_fetch_add(&ran, 1);
    go_chan_send(done, NULL);
}

int main(void)
{
    int64_t v, t0 = go_now();
    go_time_timer *t = go_time_new_timer(20 * MS);
    go_chan_recv(go_time_timer_chan(t), &v);
    int64_t t1 = go_now();
    printf("fired: %s, value in range: %s\n", t1 - t0 >= 20 * MS ? "not early" : "EARLY",
           v >= t0 + 20 * MS && v <= t1 ? "yes" : "no");
    // CHECK: fired: not early, value in range: yes
    printf("stop after receive: %d\n", go_time_timer_stop(t));
    // CHECK: stop after receive: 0

    t0 = go_now();
    printf("reset after receive: %d\n", go_time_timer_reset(t, 10 * MS));
    go_chan_recv(go_time_timer_chan(t), &v);
    printf("re-armed: %s\n", go_now() - t0 >= 10 * MS && v >= t0 + 10 * MS ? "yes" : "EARLY");
    // CHECK: reset after receive: 0
    // CHECK: re-armed: yes

    go_time_timer_reset(t, 3600 * 1000 * MS);
    printf("stop pending: %d\n", go_time_timer_stop(t));
    printf("stop again: %d\n", go_time_timer_stop(t));
    printf("after stop: %s\n", go_strerror(go_chan_recv_timeout(go_time_timer_chan(t), &v, 30 * MS)));
    // CHECK: stop pending: 1
    // CHECK: stop again: 0
    // CHECK: after stop: deadline passed

    go_time_timer_reset(t, 1 * MS);
    go_sleep(20 * MS); /* fired, tick unreceived */
    printf("stop fired unreceived: %d\n", go_time_timer_stop(t));
    printf("stale tick: %s\n", go_strerror(go_chan_recv_timeout(go_time_timer_chan(t), &v, 10 * MS)));
    // CHECK: stop fired unreceived: 1
    // CHECK: stale tick: deadline passed

    go_time_timer_reset(t, 1 * MS);
    go_sleep(20 * MS);
    printf("reset fired unreceived: %d\n", go_time_timer_reset(t, 3600 * 1000 * MS));
    int r = go_chan_recv_timeout(go_time_timer_chan(t), &v, 5 * MS);
    printf("no stale tick after reset: %s\n", go_strerror(r));
    t0 = go_now();
    printf("reset pending: %d\n", go_time_timer_reset(t, 40 * MS));
    go_chan_recv(go_time_timer_chan(t), &v);
    printf("new tick: %s\n", v >= t0 + 40 * MS ? "not early" : "EARLY");
    // CHECK: reset fired unreceived: 1
    // CHECK: no stale tick after reset: deadline passed
    // CHECK: reset pending: 1
    // CHECK: new tick: not early

    /* Reset to an earlier deadline: fires once, at the new time. */
    go_time_timer_reset(t, 3600 * 1000 * MS);
    go_time_timer_reset(t, 5 * MS);
    go_chan_recv(go_time_timer_chan(t), &v);
    printf("second tick: %s\n", go_strerror(go_chan_recv_timeout(go_time_timer_chan(t), &v, 30 * MS)));
    // CHECK: second tick: deadline passed
    go_time_timer_free(t);

    /* A timer freed while pending never fires (nothing to see but no crash). */
    go_time_timer_free(go_time_new_timer(1 * MS));
    go_time_timer_free(NULL);

    done = go_chan_make(0, 1);
    t0 = go_now();
    go_time_timer *af = go_time_after_func(15 * MS, count, NULL);
    printf("afterfunc chan: %p\n", (void *)go_time_timer_chan(af));
    go_chan_recv(done, NULL);
    printf("afterfunc ran %d time(s), %s, in its own goroutine: %s\n", atomic_load(&ran),
           go_now() - t0 >= 15 * MS ? "not early" : "EARLY",
           atomic_load(&ran_on) != go_id() && atomic_load(&ran_on) != 0 ? "yes" : "no");
    printf("afterfunc stop after run: %d\n", go_time_timer_stop(af));
    // CHECK: afterfunc chan: (nil)
    // CHECK: afterfunc ran 1 time(s), not early, in its own goroutine: yes
    // CHECK: afterfunc stop after run: 0

    printf("afterfunc reset: %d\n", go_time_timer_reset(af, 1 * MS));
    go_chan_recv(done, NULL);
    printf("afterfunc ran %d time(s)\n", atomic_load(&ran));
    // CHECK: afterfunc reset: 0
    // CHECK: afterfunc ran 2 time(s)

    go_time_timer_reset(af, 3600 * 1000 * MS);
    printf("afterfunc stop pending: %d\n", go_time_timer_stop(af));
    // CHECK: afterfunc stop pending: 1

    /* Stop racing a short deadline: true exactly when fn will not run. */
    go_time_timer_reset(af, 10 * MS);
    bool stopped = go_time_timer_stop(af);
    if (stopped)
        go_sleep(40 * MS); /* time for a wrong run to show */
    else
        go_chan_recv(done, NULL); /* it fired first: wait for its run */
    printf("afterfunc stop racing its deadline: %s\n",
           atomic_load(&ran) == (stopped ? 2 : 3) ? "consistent" : "WRONG");
    // CHECK: afterfunc stop racing its deadline: consistent
    atomic_store(&ran, 2);
    go_time_timer_free(af);

    /* Freed while pending (armed for an hour): never runs, no crash. */
    go_time_timer_free(go_time_after_func(3600 * 1000 * MS, count, NULL));
    go_sleep(30 * MS);
    printf("afterfunc ran %d time(s)\n", atomic_load(&ran));
    // CHECK: afterfunc ran 2 time(s)

    /* Many AfterFuncs at once, each in its own goroutine. */
    go_time_timer *many[50];
    for (int i = 0; i < 50; i++)
        many[i] = go_time_after_func((i % 5) * MS, count, NULL);
    for (int i = 0; i < 50; i++)
        go_chan_recv(done, NULL);
    for (int i = 0; i < 50; i++)
        go_time_timer_free(many[i]);
    printf("afterfunc ran %d time(s)\n", atomic_load(&ran));
    // CHECK: afterfunc ran 52 time(s)
    go_chan_free(done);
    printf("done\n");
    // CHECK: done
    // CHECK-NOT: WARNING
    return 0;
}
