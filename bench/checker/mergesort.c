/* mergesort.c - checker-overhead profile "parallel mergesort": 4M ints
 * sorted by a top-down mergesort that sorts its left half in a new
 * goroutine (joined by a channel receive) down to 64K-element runs, merging
 * through one scratch array.  Each element is written by one goroutine and
 * then read by its parent after the join: fork/join ownership of big ranges.
 * Twins: pthread/mergesort.c, go/mergesort.go. */
#include "bench.h"

#define MS_SERIAL 65536

typedef struct task {
    int *v, *tmp;
    long n;
    go_chan *done;
} task;

static void merge(int *v, int *tmp, long n) {
    long h = n / 2, i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = v[i] <= v[j] ? v[i++] : v[j++];
    while (i < h) tmp[k++] = v[i++];
    while (j < n) tmp[k++] = v[j++];
    for (k = 0; k < n; k++) v[k] = tmp[k];
}

static void sort_serial(int *v, int *tmp, long n) {
    if (n < 2) return;
    sort_serial(v, tmp, n / 2);
    sort_serial(v + n / 2, tmp + n / 2, n - n / 2);
    merge(v, tmp, n);
}

static void sort_task(void *arg);

static void sort_par(int *v, int *tmp, long n) {
    if (n <= MS_SERIAL) {
        sort_serial(v, tmp, n);
        return;
    }
    task left = {v, tmp, n / 2, go_chan_make(0, 0)};
    if (!left.done || go_spawn(sort_task, &left)) abort();
    sort_par(v + n / 2, tmp + n / 2, n - n / 2);
    go_chan_recv(left.done, NULL);
    go_chan_free(left.done);
    merge(v, tmp, n);
}

static void sort_task(void *arg) {
    task *t = arg;
    sort_par(t->v, t->tmp, t->n);
    go_chan_send(t->done, NULL);
}

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 4 << 20);
    bench_maxprocs_from_env();
    int *v = malloc(sizeof(int) * n), *tmp = malloc(sizeof(int) * n);
    if (!v || !tmp) return 1;
    uint32_t rng = 12345;
    for (long i = 0; i < n; i++) {
        rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5;
        v[i] = (int)(rng >> 1);
    }
    int64_t t0 = bench_now();
    sort_par(v, tmp, n);
    int64_t ns = bench_now() - t0;
    for (long i = 1; i < n; i++)
        if (v[i - 1] > v[i]) { fprintf(stderr, "mergesort: not sorted at %ld\n", i); return 1; }
    printf("checksum %d %d\n", v[0], v[n - 1]);
    free(v); free(tmp);
    bench_report("mergesort", n, ns);
    return 0;
}
