// `leak:PATTERN` suppressions drop the leaks whose stack or creation stack
// has a matching function: here the goroutine blocked in background_loop
// (matched in its stack) and the one created by start_pool (matched in its
// creation stack) are dropped; the third one is reported and counted.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: printf 'leak:background_loop\nleak:start_pool\n' > %t.supp
// RUN: env GOSAN_OPTIONS=leak_grace_ms=50:suppressions=%t.supp not %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdio.h>

static go_chan *c;

static void background_loop(void *arg)
{
    (void)arg;
    go_chan_recv(c, NULL);
}

static void pool_worker(void *arg)
{
    (void)arg;
    go_chan_recv(c, NULL);
}

static void real_leak(void *arg)
{
    (void)arg;
    go_chan_recv(c, NULL); // the reported leak
}

__attribute__((noinline)) static void start_pool(void)
{
    go_spawn(pool_worker, NULL);
}

int main(void)
{
    c = go_chan_make(0, 0);
    go_spawn(background_loop, NULL);
    start_pool();
    go_spawn(real_leak, NULL);
    printf("leaks: %d\n", gosan_leakcheck());
    return 0;
}
// CHECK: WARNING: gosan: goroutine leak
// CHECK-NEXT: Goroutine {{[0-9]+}} is still alive ({{.*}}) [leak 1 of 1]:
// CHECK-NEXT: #0 real_leak {{.*}}suppress.c:31
// CHECK-NOT: WARNING: gosan
// CHECK: leaks: 1
