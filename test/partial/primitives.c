// Partial deadlocks on a select, a WaitGroup and a Cond that nothing able
// to run can reach any more, found by gosan_leakcheck while main runs: each
// stuck goroutine gets a `deadlock` report (then, being alive, a `goroutine
// leak` report too).
// REQUIRES: plugin
// RUN: %gosan-cc -DSELECT %s -o %t-select
// RUN: env GOSAN_OPTIONS=leak_grace_ms=50 not %t-select > %t-select.out 2>&1
// RUN: FileCheck --check-prefixes=CHECK,SELECT %s < %t-select.out
// RUN: %gosan-cc -DWG %s -o %t-wg
// RUN: env GOSAN_OPTIONS=leak_grace_ms=50 not %t-wg > %t-wg.out 2>&1
// RUN: FileCheck --check-prefixes=CHECK,WG %s < %t-wg.out
// RUN: %gosan-cc -DCOND %s -o %t-cond
// RUN: env GOSAN_OPTIONS=leak_grace_ms=50 not %t-cond > %t-cond.out 2>&1
// RUN: FileCheck --check-prefixes=CHECK,COND %s < %t-cond.out
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct condbox { go_mutex mu; go_cond cond; };

static void waiter(void *arg)
{
#if defined(SELECT)
    go_chan **cs = arg;
    go_case cases[2] = {{cs[0], GO_RECV, NULL, false}, {cs[1], GO_RECV, NULL, false}};
    go_select(cases, 2, true);
#elif defined(WG)
    go_wg_wait(arg);
#elif defined(COND)
    struct condbox *b = arg;
    go_mutex_lock(&b->mu);
    go_cond_wait(&b->cond);
    go_mutex_unlock(&b->mu);
#endif
}

__attribute__((noinline)) static void start(void)
{
#if defined(SELECT)
    go_chan **cs = malloc(2 * sizeof *cs);
    cs[0] = go_chan_make(sizeof(int), 0);
    cs[1] = go_chan_make(sizeof(int), 3);
    go_spawn(waiter, cs);
#elif defined(WG)
    go_wg *wg = calloc(1, sizeof *wg);
    go_wg_add(wg, 1);
    go_spawn(waiter, wg);
#elif defined(COND)
    struct condbox *b = calloc(1, sizeof *b);
    go_cond_init(&b->cond, &b->mu);
    go_spawn(waiter, b);
#endif
}

__attribute__((noinline)) static void clobber_stack(void)
{
    volatile char buf[8192];
    memset((char *)buf, 0, sizeof buf);
}

int main(void)
{
    start();
    clobber_stack();
    int n = gosan_leakcheck();
    printf("leakcheck found %d\n", n);
    return 0;
}
// CHECK: WARNING: gosan: deadlock
// SELECT-NEXT: Goroutine [[G:[0-9]+]] is blocked for good in select on channel 0x{{[0-9a-f]+}} (len 0, cap 0), channel 0x{{[0-9a-f]+}} (len 0, cap 3) (for {{.*}}): nothing that can still run can reach these channels:
// SELECT-NEXT: #0 waiter {{.*}}primitives.c:28
// WG-NEXT: Goroutine [[G:[0-9]+]] is blocked for good in sync.WaitGroup.Wait on WaitGroup 0x{{[0-9a-f]+}} (for {{.*}}): nothing that can still run can reach it:
// WG-NEXT: #0 waiter {{.*}}primitives.c:30
// COND-NEXT: Goroutine [[G:[0-9]+]] is blocked for good in sync.Cond.Wait on Cond 0x{{[0-9a-f]+}} (for {{.*}}): nothing that can still run can reach it:
// COND-NEXT: #0 waiter {{.*}}primitives.c:34
// CHECK: Goroutine [[G]] created by goroutine 1 at:
// CHECK-NEXT: #0 start
// CHECK: SUMMARY: gosan: deadlock {{.*}}primitives.c:{{28|30|34}} in waiter
// CHECK: WARNING: gosan: goroutine leak
// CHECK-NEXT: Goroutine [[G]] is still alive ({{.*}}, blocked for good) [leak 1 of 1]:
// CHECK: SUMMARY: gosan: goroutine leak {{.*}}primitives.c:{{28|30|34}} in waiter
// CHECK: leakcheck found 1
