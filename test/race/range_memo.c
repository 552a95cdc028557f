// A loop range a goroutine checks again in the same epoch is not walked
// again (rt/gosan/race/range_memo.h); these are the cases where skipping
// the walk would lose a report.
//  - FREE, the goroutine frees the block between two checks of the same
//    range (no synchronisation between): the second check is a
//    heap-use-after-free and must still be reported.
//  - REUSE, the same, but the block is allocated again before the second
//    check: new memory, no report.
//  - RACE_BETWEEN, another goroutine writes an element between the two
//    checks (ordered only by relaxed flags: real time, no happens-before):
//    reported at that write, against the first check's record; the program
//    exits right after the second check.
//  - RACE_AFTER, the write comes after both checks.
// REQUIRES: plugin
// RUN: %gosan-cc -O2 -DFREE %s -o %t-free && not %t-free 2>&1 | FileCheck --check-prefix=FREE %s
// RUN: %gosan-cc -O2 -DREUSE %s -o %t-reuse && %t-reuse 2>&1 | FileCheck --check-prefix=REUSE %s
// RUN: %gosan-cc -O2 -DRACE_BETWEEN %s -o %t-between && not %t-between 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: %gosan-cc -O2 -DRACE_AFTER %s -o %t-after && not %t-after 2>&1 | FileCheck --check-prefix=RACE %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#define N 64

static long *shared;
static int n = N; /* through a global: the loop's count is no constant */
static atomic_int step; /* relaxed: real-time order only, orders nothing */
static go_wg wg;
static long total; /* written by sum: two calls of it stay two */

__attribute__((noinline)) static long sum(const long *p) {
    long s = 0;
    for (int i = 0; i < n; i++)
        s += p[i];
    total += s;
    return s;
}

static void wait_step(int want) {
    while (atomic_load_explicit(&step, memory_order_relaxed) < want)
        ;
}

__attribute__((unused)) static void writer(void *arg) {
    (void)arg;
#ifdef RACE_BETWEEN
    wait_step(1);
#else
    wait_step(2);
#endif
    shared[n / 2] = 7;
    atomic_store_explicit(&step, 3, memory_order_relaxed);
    go_wg_done(&wg);
}

int main(void) {
    shared = calloc(N, sizeof(long));
#if defined(FREE) || defined(REUSE)
    long s = sum(shared);
    long *old = shared;
    (void)old;
    free(shared);
#ifdef REUSE
    shared = malloc(N * sizeof(long)); /* glibc's cache: the same block back */
    for (int i = 0; i < N; i++)
        shared[i] = i;
    printf("reused=%s\n", shared == old ? "yes" : "no");
#endif
    s += sum(shared);
    printf("sum %ld\n", s);
    return 0;
#else
    go_wg_add(&wg, 1);
    go_spawn(writer, NULL); /* before both checks: they share one epoch */
    long s = sum(shared);
    atomic_store_explicit(&step, 1, memory_order_relaxed);
#ifdef RACE_BETWEEN
    wait_step(3);
#endif
    s += sum(shared);
    atomic_store_explicit(&step, 2, memory_order_relaxed);
#ifdef RACE_AFTER
    wait_step(3);
#endif
    printf("sum %ld\n", s);
    return 0;
#endif
}

// FREE: WARNING: gosan: heap-use-after-free
// FREE-NEXT:   Read of size {{[0-9]+}} at 0x{{[0-9a-f]+}} by goroutine 1:
// FREE-NEXT:     #0 sum {{.*}}range_memo.c:35
// FREE-NEXT:     #1 main {{.*}}range_memo.c:70
// FREE-EMPTY:
// FREE-NEXT:   Previous free of size 512 at 0x{{[0-9a-f]+}} by goroutine 1:
// FREE-NEXT:     #0 main {{.*}}range_memo.c:63
// FREE: gosan: reported 1 warning

// REUSE-NOT: WARNING: gosan
// REUSE: reused=yes
// REUSE-NOT: WARNING: gosan
// REUSE: sum
// REUSE-NOT: WARNING: gosan

// RACE: WARNING: gosan: data race
// RACE-NEXT:   Write of size 8 at 0x{{[0-9a-f]+}} by goroutine 2:
// RACE-NEXT:     #0 writer {{.*}}range_memo.c:52
// RACE-EMPTY:
// RACE-NEXT:   Previous read of size {{[0-9]+}} at 0x{{[0-9a-f]+}} by goroutine 1:
// RACE-NEXT:     #0 sum {{.*}}range_memo.c:35
// RACE-NEXT:     #1 main {{.*}}range_memo.c:{{76|81}}
// RACE: gosan: reported 1 warning
