/* matmul.c - checker-overhead profile "matrix multiply": C = A x B for
 * 384x384 doubles, the rows of C split over 4 goroutines.  A and B are
 * written by main before the spawns and only read afterwards; each worker
 * writes its own rows of C.  Almost all of the time is plain loads and
 * stores in loops: what range checking of inner loops is worth.
 * Twins: pthread/matmul.c, go/matmul.go. */
#include "bench.h"

#define MM_WORKERS 4

static double *a, *b, *c;
static long dim;
static go_wg wg;

static void worker(void *arg) {
    long id = (long)arg, rows = dim / MM_WORKERS;
    for (long i = id * rows; i < (id + 1) * rows; i++) {
        double *ci = c + i * dim;
        for (long k = 0; k < dim; k++) {
            double aik = a[i * dim + k];
            const double *bk = b + k * dim;
            for (long j = 0; j < dim; j++) ci[j] += aik * bk[j];
        }
    }
    go_wg_done(&wg);
}

int main(int argc, char **argv) {
    long reps = bench_arg(argc, argv, 2, 4);
    dim = bench_arg(argc, argv, 1, 384) / MM_WORKERS * MM_WORKERS;
    bench_maxprocs_from_env();
    a = malloc(sizeof(double) * dim * dim);
    b = malloc(sizeof(double) * dim * dim);
    c = calloc((size_t)(dim * dim), sizeof(double));
    if (!a || !b || !c) return 1;
    for (long i = 0; i < dim * dim; i++) {
        a[i] = (double)(i % 7) - 3.0;
        b[i] = (double)(i % 5) * 0.5;
    }
    int64_t t0 = bench_now();
    for (long r = 0; r < reps; r++) {
        go_wg_add(&wg, MM_WORKERS);
        for (long i = 0; i < MM_WORKERS; i++)
            if (go_spawn(worker, (void *)i)) return 1;
        go_wg_wait(&wg);
    }
    int64_t ns = bench_now() - t0;
    double sum = 0;
    for (long i = 0; i < dim * dim; i++) sum += c[i];
    printf("checksum %.0f\n", sum);
    free(a); free(b); free(c);
    bench_report("matmul", reps * dim * dim * dim, ns);
    return 0;
}
