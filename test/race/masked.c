// Conditional copies that the vectoriser turns into masked vector loads
// and stores (-mavx2) are checked lane by lane: a goroutine copies only the
// odd elements while main reads the array unsynchronised.  Reading an even
// element (a lane the mask disables, never written) is no race (NORACE);
// reading an odd one is (RACY), reported at the copy's line.
// REQUIRES: plugin, avx2
// RUN: %gosan-cc -O2 -mavx2 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O2 -mavx2 -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

#define N 64
int dst[N], src[N], odd[N];
static int n; /* from argc: the loop stays a loop */
static go_wg wg;
static atomic_int copied; /* relaxed: tells main the copy ran, orders nothing */

static void copy_odd(int *restrict a, const int *restrict b, const int *restrict c, int len) {
    for (int i = 0; i < len; i++)
        if (c[i])
            a[i] = b[i];
}

static void copier(void *arg) {
    (void)arg;
    copy_odd(dst, src, odd, n);
    atomic_store_explicit(&copied, 1, memory_order_relaxed);
    go_wg_done(&wg);
}

int main(int argc, char **argv) {
    (void)argv;
    n = N - (argc > 99);
    for (int i = 0; i < N; i++) {
        src[i] = i;
        odd[i] = i & 1;
    }
    go_wg_add(&wg, 1);
    go_spawn(copier, NULL);
    while (!atomic_load_explicit(&copied, memory_order_relaxed))
        go_yield();
#ifdef RACY
    int v = dst[5]; /* written by the copy: not ordered after it */
#else
    int v = dst[4]; /* a disabled lane: nobody wrote it */
#endif
    go_wg_wait(&wg);
    printf("v=%d\n", v);
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: v=0
// CHECK: WARNING: gosan: data race
// CHECK-NEXT: Read of size 4 at [[ADDR:0x[0-9a-f]+]] by goroutine 1:
// CHECK-NEXT: #0 main {{.*}}masked.c:44
// CHECK: Previous write of size 4 at [[ADDR]] by goroutine {{[0-9]+}}:
// CHECK-NEXT: #0 copy_odd {{.*}}masked.c:22
// CHECK: Location is global 'dst' of size 256
