// The split-stack frame check of code compiled by gosan-cc compares against
// the limit of the stack the thread is on.  A hook table compiled by gosan-cc
// (here TSan's, which the benchmarks use to run a goroutine program under
// TSan) runs on the worker's scheduler stack right before and after each
// switch to a goroutine; it must not be held to that goroutine's limit, or
// every switch would die with a false "stack overflow".
// RUN: %plain-cc -O2 -c -I%gosan-src/rt/hooks %gosan-src/bench/tsan/hooks.c -o %t-hooks.o
// RUN: %plain-cc -O2 -fsanitize=thread %s %t-hooks.o -o %t
// RUN: env GOSAN_STACK_SIZE=1m %t 2>&1 | FileCheck %s
// RUN: env GOSAN_STACK_SIZE=1m GOSAN_MAXPROCS=1 %t 2>&1 | FileCheck %s
// A real overflow under the same build is still caught by the check.
// RUN: env GOSAN_STACK_SIZE=1m %t deep > %t.out 2>&1; test $? -eq 2; FileCheck --check-prefix=DEEP %s < %t.out
#include <gosan/go.h>
#include <stdio.h>
#include <string.h>

static go_chan *ping, *pong;

static void player(void *arg)
{
    (void)arg;
    int v;
    while (go_chan_recv(ping, &v) && v >= 0)
        go_chan_send(pong, &v);
}

static volatile int sink;
static go_wg wg;

static int deep(int n)
{
    volatile char frame[256];
    frame[0] = (char)n;
    if (n == 0)
        return frame[0];
    return deep(n - 1) + frame[0];
}

static void deep_main(void *arg)
{
    (void)arg;
    sink = deep(1 << 20);
    go_wg_done(&wg);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "deep")) {
        go_wg_add(&wg, 1);
        go_spawn(deep_main, NULL);
        go_wg_wait(&wg);
        return 0;
    }
    ping = go_chan_make(sizeof(int), 0);
    pong = go_chan_make(sizeof(int), 0);
    go_spawn(player, NULL);
    int v = 0;
    for (int i = 0; i < 10000; i++) {
        go_chan_send(ping, &i);
        go_chan_recv(pong, &v);
    }
    int stop = -1;
    go_chan_send(ping, &stop);
    printf("rounds %d last %d\n", 10000, v);
    return 0;
}
// CHECK: rounds 10000 last 9999
// CHECK-NOT: stack overflow
// DEEP: fatal error: stack overflow
