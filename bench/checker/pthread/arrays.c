/* arrays.c - pthread twin of bench/checker/arrays.c (TSan comparison). */
#include "pt.h"

#define WORKERS 2

static long len_, passes;
static long results[WORKERS];

static void *worker(void *arg) {
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
    return NULL;
}

int main(int argc, char **argv) {
    len_ = pt_arg(argc, argv, 1, 1 << 20);
    passes = pt_arg(argc, argv, 2, 20);
    pthread_t t[WORKERS];
    int64_t t0 = pt_now();
    for (long i = 0; i < WORKERS; i++) pt_start(&t[i], worker, (void *)i);
    for (int i = 0; i < WORKERS; i++) pthread_join(t[i], NULL);
    long total = 0;
    for (int i = 0; i < WORKERS; i++) total += results[i];
    int64_t ns = pt_now() - t0;
    printf("checksum %ld\n", total);
    pt_report("arrays", len_ * passes * WORKERS, ns);
    return 0;
}
