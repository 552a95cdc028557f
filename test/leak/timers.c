// The leak check is not confused by timers: pending timers, tickers,
// AfterFuncs and context deadlines are not goroutines and are not leaks;
// AfterFunc and deadline goroutines that ran are gone; a goroutine waiting
// on a timer that fires within the grace period is not a leak.  A
// goroutine blocked on the channel of a stopped timer is one (-DLEAK).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: env GOSAN_OPTIONS=leak_grace_ms=2000 %t 2>&1 | FileCheck --check-prefix=NOLEAK %s
// RUN: %plain-cc %s -o %t-plain
// RUN: env GOSAN_OPTIONS=leak_grace_ms=2000 %t-plain 2>&1 | FileCheck --check-prefix=NOLEAK %s
// RUN: %gosan-cc -DLEAK %s -o %t-leak
// RUN: env GOSAN_OPTIONS=leak_grace_ms=300 not %t-leak > %t.out 2>&1
// RUN: FileCheck %s < %t.out
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdio.h>

#define MS 1000000ll

static go_time_timer *soon, *stopped;
static go_chan *ran;

static void nothing(void *arg) { (void)arg; }

static void count(void *arg)
{
    (void)arg;
    go_chan_send(ran, NULL);
}

static void waits_for_soon(void *arg)
{
    (void)arg;
    go_chan_recv(go_time_timer_chan(soon), NULL);
}

static void waits_for_stopped(void *arg)
{
    (void)arg;
    go_chan_recv(go_time_timer_chan(stopped), NULL); // blocked here
}

int main(void)
{
    ran = go_chan_make(0, 8);
    go_time_timer *pending = go_time_new_timer(3600 * 1000 * MS);
    go_time_ticker *ticking = go_time_new_ticker(3600 * 1000 * MS);
    go_time_timer *later = go_time_after_func(3600 * 1000 * MS, nothing, NULL);
    go_context *dl = go_context_with_timeout(go_context_background(), 3600 * 1000 * MS);
    go_context *gone = go_context_with_timeout(go_context_background(), 1 * MS);
    go_time_timer *fired[4];
    for (int i = 0; i < 4; i++)
        fired[i] = go_time_after_func(i * MS, count, NULL);
    for (int i = 0; i < 4; i++)
        go_chan_recv(ran, NULL);
    go_chan_recv(go_context_done(gone), NULL);
    soon = go_time_new_timer(50 * MS);
    go_spawn(waits_for_soon, NULL);
#ifdef LEAK
    stopped = go_time_new_timer(3600 * 1000 * MS);
    go_time_timer_stop(stopped);
    go_spawn(waits_for_stopped, NULL); // created here
#endif
    printf("leaks: %d\n", gosan_leakcheck());
    for (int i = 0; i < 4; i++)
        go_time_timer_free(fired[i]);
    go_context_release(gone);
    go_context_release(dl);
    go_time_timer_free(later);
    go_time_ticker_free(ticking);
    go_time_timer_free(pending);
    go_time_timer_free(soon);
    return 0;
}
// NOLEAK-NOT: WARNING: gosan
// NOLEAK: leaks: 0
// CHECK: WARNING: gosan: goroutine leak
// CHECK-NEXT: Goroutine {{[0-9]+}} is still alive (chan receive on channel 0x{{[0-9a-f]+}} (len 0, cap 1), for {{[^)]*}}) [leak 1 of 1]:
// CHECK-NEXT: #0 waits_for_stopped {{.*}}timers.c:40
// CHECK: SUMMARY: gosan: goroutine leak
// CHECK: leaks: 1
