// In the deterministic mode time is virtual: sleeps, timers and timeouts
// advance go_now's clock when no goroutine can run, without sleeping, so
// 10 s of sleeps take no real time and the clock says exactly 10 s.  A
// deadlock with no timer armed is still reported as one.
// RUN: %plain-cc -O1 %s -o %t
// RUN: env GOSAN_SCHED=random GOSAN_SEED=1 %t | FileCheck %s
// RUN: env GOSAN_SCHED=pct GOSAN_SEED=2 %t | FileCheck %s
// RUN: not env GOSAN_SCHED=random GOSAN_SEED=3 %t deadlock 2>&1 | FileCheck --check-prefix=DEADLOCK %s
// RUN: %gosan-cc -O1 %s -o %t-chk
// RUN: env GOSAN_SCHED=random GOSAN_SEED=1 %t-chk | FileCheck %s
// RUN: not env GOSAN_SCHED=random GOSAN_SEED=3 %t-chk deadlock 2>&1 | FileCheck --check-prefix=DEADLOCK-CHK %s
// CHECK: timeout after 2 s: timed out
// CHECK: virtual elapsed 10 s
// CHECK: real under 5 s: yes
// DEADLOCK: slept 1 s
// DEADLOCK: fatal error: all goroutines are asleep - deadlock!
// DEADLOCK: goroutine 1 [chan receive]:
// DEADLOCK-CHK: slept 1 s
// DEADLOCK-CHK: deadlock
#include <gosan/go.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static go_wg wg;

static void sleeper(void *arg)
{
    go_sleep((long)arg * 1000000000LL);
    go_wg_done(&wg);
}

static double real_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int64_t t0 = go_now();
    if (argc > 1 && !strcmp(argv[1], "deadlock")) {
        go_chan *c = go_chan_make(0, 0);
        go_sleep(1000000000LL);
        printf("slept %lld s\n", (long long)((go_now() - t0) / 1000000000));
        fflush(stdout);
        go_chan_recv(c, NULL); /* nobody sends, no timer armed */
        return 0;
    }
    double r0 = real_now();
    go_wg_add(&wg, 4);
    for (long i = 1; i <= 4; i++) /* 1+2+3+4 s, concurrently: 4 s */
        go_spawn(sleeper, (void *)i);
    go_wg_wait(&wg);
    go_chan *never = go_chan_make(0, 0);
    int r = go_chan_recv_timeout(never, NULL, 2000000000LL);
    printf("timeout after %lld s: %s\n", (long long)((go_now() - t0) / 1000000000 - 4),
           r == GO_ETIMEDOUT ? "timed out" : "received");
    go_chan *tick = go_after(4000000000LL);
    go_chan_recv(tick, NULL);
    printf("virtual elapsed %lld s\n", (long long)((go_now() - t0) / 1000000000));
    printf("real under 5 s: %s\n", real_now() - r0 < 5 ? "yes" : "no");
    return 0;
}
