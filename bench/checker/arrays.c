/* arrays.c - checker-overhead profile "array loops": W goroutines each run P
 * passes of a 3-point stencil over their own two arrays (L longs each); the
 * only shared memory is one result slot per worker, read by main after
 * Wait.  Memory-access bound and almost entirely unshared: the worst case
 * for a shadow-memory checker.  Twins: pthread/arrays.c, go/arrays.go. */
#include "bench.h"

#define WORKERS 2

static long len_, passes;
static long results[WORKERS];
static go_wg wg;

static void worker(void *arg) {
    long id = (long)arg;
    long *a = malloc(sizeof(long) * (size_t)len_), *b = malloc(sizeof(long) * (size_t)len_);
    if (!a || !b) abort();
    for (long i = 0; i < len_; i++) a[i] = i * (id + 1);
    b[0] = a[0];
    b[len_ - 1] = a[len_ - 1];
    for (long p = 0; p < passes; p++) {
        for (long i = 1; i < len_ - 1; i++) b[i] = (a[i - 1] + 2 * a[i] + a[i + 1]) >> 2;
        long *t = a; a = b; b = t;
    }
    long sum = 0;
    for (long i = 0; i < len_; i++) sum += a[i];
    results[id] = sum;
    free(a);
    free(b);
    go_wg_done(&wg);
}

int main(int argc, char **argv) {
    len_ = bench_arg(argc, argv, 1, 1 << 20);
    passes = bench_arg(argc, argv, 2, 20);
    bench_maxprocs_from_env();
    int64_t t0 = bench_now();
    go_wg_add(&wg, WORKERS);
    for (long i = 0; i < WORKERS; i++)
        if (go_spawn(worker, (void *)i) != 0) return 1;
    go_wg_wait(&wg);
    long total = 0;
    for (int i = 0; i < WORKERS; i++) total += results[i];
    int64_t ns = bench_now() - t0;
    printf("checksum %ld\n", total);
    bench_report("arrays", len_ * passes * WORKERS, ns);
    return 0;
}
