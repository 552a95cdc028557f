// Indexed loops that the vectoriser turns into gathers and scatters
// (-mavx512f) are checked lane by lane at each lane's own address.  A
// goroutine scatters into dst through a permutation while main reads one
// element of dst unsynchronised (RACY); reading an element no lane writes
// is no race (NORACE).  Then main gathers from src while a goroutine
// writes one src element (RACY2), reported at the gather's line.
// REQUIRES: plugin, avx512f
// RUN: %gosan-cc -O2 -mavx512f %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O2 -mavx512f -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck --check-prefix=SCATTER %s
// RUN: %gosan-cc -O2 -mavx512f -DRACY2 %s -o %t-racy2 && not %t-racy2 2>&1 | FileCheck --check-prefix=GATHER %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

#define N 64
int dst[N + 1], src[N], idx[N], out[N];
static int n; /* from argc: the loops stay loops */
static go_wg wg;
static atomic_int done; /* relaxed: tells the other side it ran, orders nothing */

static void scatter(int *restrict a, const int *restrict b, const int *restrict ix, int len) {
    for (int i = 0; i < len; i++)
        a[ix[i]] = b[i];
}

static void gather(int *restrict a, const int *restrict b, const int *restrict ix, int len) {
    for (int i = 0; i < len; i++)
        a[i] = b[ix[i]];
}

static void scatterer(void *arg) {
    (void)arg;
    scatter(dst, src, idx, n);
    atomic_store_explicit(&done, 1, memory_order_relaxed);
    go_wg_done(&wg);
}

static void src_writer(void *arg) {
    (void)arg;
    src[7] = 70;
    atomic_store_explicit(&done, 1, memory_order_relaxed);
    go_wg_done(&wg);
}

static void wait_done(void) {
    while (!atomic_load_explicit(&done, memory_order_relaxed))
        go_yield();
}

int main(int argc, char **argv) {
    (void)argv;
    n = N - (argc > 99);
    for (int i = 0; i < N; i++) {
        src[i] = i;
        idx[i] = (i * 7) % N; /* a permutation of 0..N-1: dst[N] is never written */
    }
    go_wg_add(&wg, 1);
#ifdef RACY2
    go_spawn(src_writer, NULL);
    wait_done();
    gather(out, src, idx, n); /* reads src[7] among others: not ordered after the write */
    go_wg_wait(&wg);
    printf("out=%d\n", out[1]);
    return 0;
#endif
    go_spawn(scatterer, NULL);
    wait_done();
#ifdef RACY
    int v = dst[5];
#else
    int v = dst[N];
#endif
    go_wg_wait(&wg);
    printf("v=%d\n", v);
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: v=0
// SCATTER: WARNING: gosan: data race
// SCATTER-NEXT: Read of size 4 at [[ADDR:0x[0-9a-f]+]] by goroutine 1:
// SCATTER-NEXT: #0 main {{.*}}gather.c:69
// SCATTER: Previous write of size 4 at [[ADDR]] by goroutine {{[0-9]+}}:
// SCATTER-NEXT: #0 scatter {{.*}}gather.c:23
// SCATTER: Location is global 'dst'
// GATHER: WARNING: gosan: data race
// GATHER-NEXT: Read of size 4 at [[ADDR:0x[0-9a-f]+]] by goroutine 1:
// GATHER-NEXT: #0 gather {{.*}}gather.c:28
// GATHER: Previous write of size 4 at [[ADDR]] by goroutine {{[0-9]+}}:
// GATHER-NEXT: #0 src_writer {{.*}}gather.c:40
// GATHER: Location is global 'src'
