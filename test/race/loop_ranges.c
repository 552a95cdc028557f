// Loops checked as ranges (test/pass/loop_ranges.c) still report each race with
// the element and the line of the access inside the loop, on both sides;
// and they never claim a byte the loop does not touch: two goroutines
// filling the two halves of one array, or its even and odd elements, at
// the same time do not race (the halves meet inside a 16-byte granule).
// REQUIRES: plugin
// RUN: %gosan-cc -O2 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 %s -o %t1 && %t1 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O2 -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
// RUN: %gosan-cc -O2 -fno-vectorize -DRACY %s -o %t-racy-scalar && not %t-racy-scalar 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

#define N 20

int cells[N];
long table[64];
static int half, table_len; /* set from argc: the loops' counts are not constants */
static go_wg wg;
static atomic_int written; /* relaxed: tells main the writer ran, orders nothing */

static void fill(int *p, int n, int v) {
    for (int i = 0; i < n; i++)
        p[i] = v + i;
}

static void fill_stride2(int *p, int n, int v) {
    for (int i = 0; i < n; i++)
        p[2 * i] = v;
}

static void lower_half(void *arg) { (void)arg; fill(cells, half, 100); go_wg_done(&wg); }
static void upper_half(void *arg) { (void)arg; fill(cells + half, half, 200); go_wg_done(&wg); }
static void evens(void *arg) { (void)arg; fill_stride2(cells, half, 1); go_wg_done(&wg); }
static void odds(void *arg) { (void)arg; fill_stride2(cells + 1, half, 2); go_wg_done(&wg); }

static void writer(void *arg) {
    (void)arg;
    for (int i = 0; i < table_len; i++)
        table[i] = i * 7;
    atomic_store_explicit(&written, 1, memory_order_relaxed);
    go_wg_done(&wg);
}

int main(int argc, char **argv) {
    (void)argv;
    half = N / 2 + (argc > 99);
    table_len = 64 - (argc > 99);
    go_wg_add(&wg, 2);
    go_spawn(lower_half, NULL);
    go_spawn(upper_half, NULL);
    go_wg_wait(&wg);
    go_wg_add(&wg, 2);
    go_spawn(evens, NULL);
    go_spawn(odds, NULL);
    go_wg_wait(&wg);
    long sum = 0;
    for (int i = 0; i < N; i++)
        sum += cells[i];
    printf("sum=%ld\n", sum);
#ifdef RACY
    go_wg_add(&wg, 1);
    go_spawn(writer, NULL);
    while (!atomic_load_explicit(&written, memory_order_relaxed))
        go_yield();
    printf("table[5]=%ld\n", table[5]); /* not ordered after the writer */
    go_wg_wait(&wg);
#endif
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: sum=30
// CHECK: WARNING: gosan: data race
// CHECK-NEXT: Read of size 8 at [[ADDR:0x[0-9a-f]+]] by goroutine 1:
// CHECK-NEXT: #0 main {{.*}}loop_ranges.c:67
// CHECK: Previous write of size {{8|16}} at {{0x[0-9a-f]+}} by goroutine {{[0-9]+}}:
// CHECK-NEXT: #0 writer {{.*}}loop_ranges.c:41
// CHECK: Location is global 'table' of size 512
// CHECK-NOT: WARNING: gosan
