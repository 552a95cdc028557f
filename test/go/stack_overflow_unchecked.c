// Code built without gosan-cc's frame check (here: no_split_stack, as the C
// library or another compiler's objects) recursing without bound in a
// goroutine that has no guard page (spawned after vm.max_map_count / 4
// others): it runs through the stacks below its own until it faults past
// the last mapping.  The SIGSEGV handler takes a fault anywhere below the
// running goroutine's stack, at its stack pointer, as that goroutine's
// overflow: the message and status 2, not a bare SIGSEGV.  (Plain build
// only: under the checker, unchecked code that overflows an unguarded
// stack still dies by a bare SIGSEGV, see docs/scheduler.md.)
// RUN: %plain-cc -O0 %s -o %t
// RUN: %t > %t.out 2>&1; echo "exit $?" >> %t.out; FileCheck %s < %t.out
#include <gosan/go.h>
#include <stdio.h>

static go_chan *never;
static go_wg wg;

__attribute__((no_split_stack)) static int deep(volatile char *prev, int n) {
    volatile char frame[512];
    frame[0] = (char)n;
    frame[511] = prev ? prev[0] : 0;
    if (n > 100000000)
        return frame[0];
    frame[0] = (char)deep(frame, n + 1);
    return frame[0] + frame[511];
}

static void parked(void *arg) {
    go_wg_done(&wg);
    go_chan_recv(never, NULL);
}

static void overflow(void *arg) {
    printf("overflowing in goroutine %llu\n", (unsigned long long)go_id());
    fflush(stdout);
    deep(NULL, 0);
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

int main(void) {
    never = go_chan_make(0, 0);
    long n = guard_budget() + 2000;
    go_wg_add(&wg, (int)n);
    for (long i = 0; i < n; i++)
        go_spawn(parked, NULL);
    go_wg_wait(&wg);
    go_wg_add(&wg, 1);
    go_spawn(overflow, NULL);
    go_wg_wait(&wg);
    printf("unreachable\n");
    return 0;
}
// CHECK: overflowing in goroutine [[ID:[0-9]+]]
// CHECK: fatal error: stack overflow
// CHECK: goroutine [[ID]] overflowed its 64 KiB stack (fault at 0x{{[0-9a-f]+}}); raise GOSAN_STACK_SIZE
// CHECK-NOT: survived
// CHECK: exit 2
