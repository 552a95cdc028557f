// A merge loop checked after it ends (test/pass/exit_ranges.c) still
// reports a race on the first, a middle and the last element each access
// touched, in both real-time orders (the other goroutine's write before the
// loop, or after it), with the line of the access inside the loop, also
// when the program exits right after the loop; and it never claims an
// element the loop did not touch: the element after each array's touched
// elements (the one a merge's index reaches only by its final increment)
// written by another goroutine at the same time is no race.
//
// merge() reads a[0..N) and b[0..N) and writes out[0..2N-1): a holds the
// even numbers, b the odd ones, so i reaches N first, after b[N-1] was read;
// a[N], b[N] and out[2N-1] are not touched.
// REQUIRES: plugin
// RUN: %gosan-cc -O2 -g %s -o %t
// RUN: %t none before 2>&1 | FileCheck --allow-empty --check-prefix=NORACE %s
// RUN: %t none after 2>&1 | FileCheck --allow-empty --check-prefix=NORACE %s
// RUN: not %t first before 2>&1 | FileCheck --check-prefixes=CHECK,MAIN,MR %s
// RUN: not %t first after 2>&1 | FileCheck --check-prefixes=CHECK,WRITER,WR %s
// RUN: not %t middle before 2>&1 | FileCheck --check-prefixes=CHECK,MAIN,MR %s
// RUN: not %t middle after 2>&1 | FileCheck --check-prefixes=CHECK,WRITER,WR %s
// RUN: not %t last before 2>&1 | FileCheck --check-prefixes=CHECK,MAIN,MW %s
// RUN: not %t last after 2>&1 | FileCheck --check-prefixes=CHECK,WRITER,WW %s
// RUN: not %t lastread before 2>&1 | FileCheck --check-prefixes=CHECK,MAIN,MR %s
// RUN: not %t lastread after 2>&1 | FileCheck --check-prefixes=CHECK,WRITER,WR %s
// The loop is line 41, the write line 47.
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define N 40

int a[N + 1], b[N + 1], out[2 * N + 1];
static long na, nb; /* from argc: the loop's bounds are not constants */
static int *target;
static atomic_int loop_done, written; /* relaxed: order nothing */

__attribute__((noinline)) static void merge(void) {
    long i = 0, j = 0, k = 0;
    while (i < na && j < nb)
        out[k++] = a[i] <= b[j] ? a[i++] : b[j++]; // the loop
}

static void writer_before(void *arg) {
    (void)arg;
    if (target)
        *target = -1; // the write
    else
        a[N] = b[N] = out[2 * N - 1] = -1; // the untouched neighbours
    atomic_store_explicit(&written, 1, memory_order_relaxed);
}

static void writer_after(void *arg) {
    while (!atomic_load_explicit(&loop_done, memory_order_relaxed))
        go_yield();
    writer_before(arg);
}

int main(int argc, char **argv) {
    if (argc < 3)
        return 2;
    na = N - (argc > 99);
    nb = N - (argc > 99);
    for (int x = 0; x < N; x++) {
        a[x] = 2 * x;
        b[x] = 2 * x + 1;
    }
    if (!strcmp(argv[1], "first"))
        target = &a[0];
    else if (!strcmp(argv[1], "middle"))
        target = &b[N / 2];
    else if (!strcmp(argv[1], "last"))
        target = &out[2 * N - 2];
    else if (!strcmp(argv[1], "lastread"))
        target = &b[N - 1];
    if (!strcmp(argv[2], "before")) {
        go_spawn(writer_before, NULL);
        while (!atomic_load_explicit(&written, memory_order_relaxed))
            go_yield();
        merge();
        return 0; // exit right after the loop: its check ran at the loop's exit
    }
    go_spawn(writer_after, NULL);
    merge();
    atomic_store_explicit(&loop_done, 1, memory_order_relaxed);
    while (!atomic_load_explicit(&written, memory_order_relaxed))
        go_yield();
    return 0;
}
// NORACE-NOT: WARNING: gosan
// CHECK: WARNING: gosan: data race
// MR-NEXT: Read of size 4 at [[ADDR:0x[0-9a-f]+]] by goroutine 1:
// MW-NEXT: Write of size 4 at [[ADDR:0x[0-9a-f]+]] by goroutine 1:
// MAIN-NEXT: #0 merge {{.*}}exit_ranges.c:41:
// MAIN: Previous write of size 4 at [[ADDR]] by goroutine {{[0-9]+}}:
// MAIN-NEXT: #0 writer_before {{.*}}exit_ranges.c:47:
// WRITER-NEXT: Write of size 4 at {{0x[0-9a-f]+}} by goroutine {{[0-9]+}}:
// WRITER-NEXT: #0 writer_before {{.*}}exit_ranges.c:47:
// WR: Previous read of size {{[0-9]+}} at {{0x[0-9a-f]+}} by goroutine 1:
// WW: Previous write of size {{[0-9]+}} at {{0x[0-9a-f]+}} by goroutine 1:
// WRITER-NEXT: #0 merge {{.*}}exit_ranges.c:41:
// CHECK-NOT: WARNING: gosan
