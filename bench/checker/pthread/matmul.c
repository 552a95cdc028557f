/* matmul.c - pthread twin of bench/checker/matmul.c: 4 threads per
 * repetition, each multiplying its own rows. */
#include "pt.h"

#define MM_WORKERS 4

static double *a, *b, *c;
static long dim;

static void *worker(void *arg) {
    long id = (long)arg, rows = dim / MM_WORKERS;
    for (long i = id * rows; i < (id + 1) * rows; i++) {
        double *ci = c + i * dim;
        for (long k = 0; k < dim; k++) {
            double aik = a[i * dim + k];
            const double *bk = b + k * dim;
            for (long j = 0; j < dim; j++) ci[j] += aik * bk[j];
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    long reps = pt_arg(argc, argv, 2, 4);
    dim = pt_arg(argc, argv, 1, 384) / MM_WORKERS * MM_WORKERS;
    a = malloc(sizeof(double) * dim * dim);
    b = malloc(sizeof(double) * dim * dim);
    c = calloc((size_t)(dim * dim), sizeof(double));
    if (!a || !b || !c) return 1;
    for (long i = 0; i < dim * dim; i++) {
        a[i] = (double)(i % 7) - 3.0;
        b[i] = (double)(i % 5) * 0.5;
    }
    int64_t t0 = pt_now();
    for (long r = 0; r < reps; r++) {
        pthread_t t[MM_WORKERS];
        for (long i = 0; i < MM_WORKERS; i++) pt_start(&t[i], worker, (void *)i);
        for (int i = 0; i < MM_WORKERS; i++) pthread_join(t[i], NULL);
    }
    int64_t ns = pt_now() - t0;
    double sum = 0;
    for (long i = 0; i < dim * dim; i++) sum += c[i];
    printf("checksum %.0f\n", sum);
    free(a); free(b); free(c);
    pt_report("matmul", reps * dim * dim * dim, ns);
    return 0;
}
