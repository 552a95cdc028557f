/* mergesort.c - pthread twin of bench/checker/mergesort.c: the left half
 * is sorted by a new thread (joined with pthread_join) down to 64K runs. */
#include "pt.h"

#define MS_SERIAL 65536

typedef struct task {
    int *v, *tmp;
    long n;
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

static void *sort_task(void *arg);

static void sort_par(int *v, int *tmp, long n) {
    if (n <= MS_SERIAL) {
        sort_serial(v, tmp, n);
        return;
    }
    task left = {v, tmp, n / 2};
    pthread_t t;
    pt_start(&t, sort_task, &left);
    sort_par(v + n / 2, tmp + n / 2, n - n / 2);
    pthread_join(t, NULL);
    merge(v, tmp, n);
}

static void *sort_task(void *arg) {
    task *t = arg;
    sort_par(t->v, t->tmp, t->n);
    return NULL;
}

int main(int argc, char **argv) {
    long n = pt_arg(argc, argv, 1, 4 << 20);
    int *v = malloc(sizeof(int) * n), *tmp = malloc(sizeof(int) * n);
    if (!v || !tmp) return 1;
    uint32_t rng = 12345;
    for (long i = 0; i < n; i++) {
        rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5;
        v[i] = (int)(rng >> 1);
    }
    int64_t t0 = pt_now();
    sort_par(v, tmp, n);
    int64_t ns = pt_now() - t0;
    for (long i = 1; i < n; i++)
        if (v[i - 1] > v[i]) { fprintf(stderr, "mergesort: not sorted at %ld\n", i); return 1; }
    printf("checksum %d %d\n", v[0], v[n - 1]);
    free(v); free(tmp);
    pt_report("mergesort", n, ns);
    return 0;
}
