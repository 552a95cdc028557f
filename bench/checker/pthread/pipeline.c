/* pipeline.c - pthread twin of bench/checker/pipeline.c: the channels are
 * ptq bounded queues of capacity 64. */
#include "pt.h"

typedef struct item {
    long v, sq, pad[2];
} item;

static ptq c1, c2;
static long n;

static void *generate(void *arg) {
    (void)arg;
    for (long i = 0; i < n; i++) {
        item *it = malloc(sizeof *it);
        if (!it) abort();
        it->v = i;
        ptq_send(&c1, &it);
    }
    ptq_close(&c1);
    return NULL;
}

static void *square(void *arg) {
    item *it;
    (void)arg;
    while (ptq_recv(&c1, &it)) {
        it->sq = it->v * it->v;
        ptq_send(&c2, &it);
    }
    ptq_close(&c2);
    return NULL;
}

int main(int argc, char **argv) {
    n = pt_arg(argc, argv, 1, 1000000);
    ptq_init(&c1, sizeof(item *), 64);
    ptq_init(&c2, sizeof(item *), 64);
    pthread_t t1, t2;
    int64_t t0 = pt_now();
    pt_start(&t1, generate, NULL);
    pt_start(&t2, square, NULL);
    long sum = 0, count = 0;
    item *it;
    while (ptq_recv(&c2, &it)) {
        sum += it->sq - it->v;
        count++;
        free(it);
    }
    int64_t ns = pt_now() - t0;
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    if (count != n) { fprintf(stderr, "pipeline: %ld items, want %ld\n", count, n); return 1; }
    printf("checksum %ld\n", sum);
    pt_report("pipeline", n, ns);
    return 0;
}
