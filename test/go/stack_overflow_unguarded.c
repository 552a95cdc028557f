// Only the first vm.max_map_count / 4 stacks get a guard page.  A goroutine
// spawned after that many others (parked) overflows its stack: by deep
// recursion, by recursion that returns before its next switch (it used to
// overwrite the parked goroutines below it silently), and by one frame
// larger than the whole stack.  Each dies with the stack-overflow message
// and status 2, in both builds; the frame check compiled in by gosan-cc
// (-fsplit-stack) catches all three before they write below the stack.
// RUN: %plain-cc -O0 %s -o %t
// RUN: %t deep > %t.out 2>&1; echo "exit $?" >> %t.out; FileCheck %s < %t.out
// RUN: %t bounded > %t.out 2>&1; echo "exit $?" >> %t.out; FileCheck %s < %t.out
// RUN: %t frame > %t.out 2>&1; echo "exit $?" >> %t.out; FileCheck --check-prefixes=CHECK,FRAME %s < %t.out
// RUN: %plain-cc -O2 %s -o %t.o2
// RUN: %t.o2 deep > %t.out 2>&1; echo "exit $?" >> %t.out; FileCheck %s < %t.out
// RUN: %t.o2 frame > %t.out 2>&1; echo "exit $?" >> %t.out; FileCheck --check-prefixes=CHECK,FRAME %s < %t.out
// RUN: %gosan-cc -O1 %s -o %t.chk
// RUN: %t.chk deep > %t.out 2>&1; echo "exit $?" >> %t.out; FileCheck %s < %t.out
// RUN: %t.chk bounded > %t.out 2>&1; echo "exit $?" >> %t.out; FileCheck %s < %t.out
// RUN: %t.chk frame > %t.out 2>&1; echo "exit $?" >> %t.out; FileCheck --check-prefixes=CHECK,FRAME %s < %t.out
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static go_chan *never;
static go_wg wg;
static const char *mode;

static int deep(volatile char *prev, int n, int limit) {
    volatile char frame[512];
    frame[0] = (char)n;
    frame[511] = prev ? prev[0] : 0;
    if (n > limit)
        return frame[0];
    frame[0] = (char)deep(frame, n + 1, limit); // a real frame per call at -O2 too
    return frame[0] + frame[511];
}

// The far end of a 200,000-byte local, 136,000+ bytes below the stack.
static volatile int far_end; // 0, unknown to the optimizer
static __attribute__((noinline)) int big_frame(void) {
    volatile char a[200000];
    a[far_end] = 1;
    return a[far_end];
}

static void parked(void *arg) {
    go_wg_done(&wg);
    go_chan_recv(never, NULL);
}

static void overflow(void *arg) {
    printf("overflowing in goroutine %llu\n", (unsigned long long)go_id());
    fflush(stdout);
    if (!strcmp(mode, "deep"))
        deep(NULL, 0, 1000000);
    else if (!strcmp(mode, "bounded"))
        deep(NULL, 0, 400); // about 200 KB, then returns
    else
        big_frame();
    go_yield();
    printf("survived\n");
    go_wg_done(&wg);
}

static long guard_budget(void) {
    FILE *f = fopen("/proc/sys/vm/max_map_count", "r");
    long v = 65530;
    if (f) {
        if (fscanf(f, "%ld", &v) != 1)
            v = 65530;
        fclose(f);
    }
    return v / 4;
}

int main(int argc, char **argv) {
    mode = argc > 1 ? argv[1] : "deep";
    never = go_chan_make(0, 0);
    long n = guard_budget() + 2000;
    go_wg_add(&wg, (int)n);
    for (long i = 0; i < n; i++)
        go_spawn(parked, NULL);
    go_wg_wait(&wg);
    printf("%ld goroutines parked\n", n);
    go_wg_add(&wg, 1);
    go_spawn(overflow, NULL);
    go_wg_wait(&wg);
    printf("unreachable\n");
    return 0;
}
// CHECK: goroutines parked
// CHECK: overflowing in goroutine [[ID:[0-9]+]]
// CHECK: fatal error: stack overflow
// CHECK: goroutine [[ID]] overflowed its 64 KiB stack (
// FRAME-SAME: a frame of {{2[0-9][0-9][0-9][0-9][0-9]}} bytes
// CHECK-SAME: ); raise GOSAN_STACK_SIZE
// CHECK-NOT: survived
// CHECK-NOT: unreachable
// CHECK: exit 2
