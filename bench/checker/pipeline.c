/* pipeline.c - checker-overhead profile "channel pipeline": generate ->
 * square -> sum over channels of capacity 64.  Each item is a heap block
 * written by one stage and read by the next, so ownership moves through the
 * channels (the happens-before edges the checker must track).
 * Twins: pthread/pipeline.c, go/pipeline.go. */
#include "bench.h"

typedef struct item {
    long v, sq, pad[2];
} item;

static go_chan *c1, *c2;
static long n;

static void generate(void *arg) {
    (void)arg;
    for (long i = 0; i < n; i++) {
        item *it = malloc(sizeof *it);
        if (!it) abort();
        it->v = i;
        go_chan_send(c1, &it);
    }
    go_chan_close(c1);
}

static void square(void *arg) {
    item *it;
    (void)arg;
    while (go_chan_recv(c1, &it)) {
        it->sq = it->v * it->v;
        go_chan_send(c2, &it);
    }
    go_chan_close(c2);
}

int main(int argc, char **argv) {
    n = bench_arg(argc, argv, 1, 1000000);
    bench_maxprocs_from_env();
    c1 = go_chan_make(sizeof(item *), 64);
    c2 = go_chan_make(sizeof(item *), 64);
    if (!c1 || !c2) return 1;
    int64_t t0 = bench_now();
    if (go_spawn(generate, NULL) || go_spawn(square, NULL)) return 1;
    long sum = 0, count = 0;
    item *it;
    while (go_chan_recv(c2, &it)) {
        sum += it->sq - it->v;
        count++;
        free(it);
    }
    int64_t ns = bench_now() - t0;
    if (count != n) { fprintf(stderr, "pipeline: %ld items, want %ld\n", count, n); return 1; }
    printf("checksum %ld\n", sum);
    bench_report("pipeline", n, ns);
    return 0;
}
