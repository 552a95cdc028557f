// go_time_new_ticker: Go's time.Ticker.  Ticks come no faster than the
// period; a receiver slower than the period finds one tick waiting, not a
// backlog (the others are dropped); Stop ends the ticks (and discards an
// unreceived one); Reset restarts with a new period; a period <= 0 is
// refused.
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
// RUN: %cc-tsan %s -o %t-tsan && env GOSAN_MAXPROCS=2 %t-tsan | FileCheck %s
// RUN: %gosan-cc %s -o %t-chk && %t-chk 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

#define MS 1000000ll

int main(void)
{
    printf("bad period: %p %p\n", (void *)go_time_new_ticker(0), (void *)go_time_new_ticker(-5));
    // CHECK: bad period: (nil) (nil)

    int64_t t0 = go_now(), v, prev = t0;
    go_time_ticker *k = go_time_new_ticker(5 * MS);
    go_chan *c = go_time_ticker_chan(k);
    bool increasing = true;
    for (int i = 0; i < 5; i++) {
        go_chan_recv(c, &v);
        increasing &= v > prev;
        prev = v;
    }
    printf("5 ticks: %s, increasing: %s, cap %zu\n", go_now() - t0 >= 25 * MS ? "not early" : "EARLY",
           increasing ? "yes" : "no", go_chan_cap(c));
    // CHECK: 5 ticks: not early, increasing: yes, cap 1

    go_sleep(60 * MS); /* a dozen periods unreceived */
    printf("waiting ticks: %zu\n", go_chan_len(c));
    go_chan_recv(c, &v);
    // CHECK: waiting ticks: 1

    go_time_ticker_stop(k);
    printf("after stop: %s\n", go_strerror(go_chan_recv_timeout(c, &v, 30 * MS)));
    // CHECK: after stop: deadline passed

    printf("reset bad: %s\n", go_strerror(go_time_ticker_reset(k, 0)));
    // CHECK: reset bad: invalid argument
    t0 = go_now();
    printf("reset: %d\n", go_time_ticker_reset(k, 20 * MS));
    go_chan_recv(c, &v);
    go_chan_recv(c, &v);
    printf("after reset: %s\n", go_now() - t0 >= 40 * MS ? "not early" : "EARLY");
    // CHECK: reset: 0
    // CHECK: after reset: not early
    go_time_ticker_free(k);
    go_time_ticker_free(NULL);
    printf("done\n");
    // CHECK: done
    // CHECK-NOT: WARNING
    return 0;
}
