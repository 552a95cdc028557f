/* select4.c - select over 4 channels: 4 producers each send N/4 longs on
 * their own channel (capacity 128); main receives all N with a blocking
 * select over the 4 receive cases.  ns/op is per item.  Twin: go/select4.go. */
#include "bench.h"

static go_chan *chans[4];
static long per_producer;

static void producer(void *arg) {
    go_chan *c = arg;
    for (long i = 0; i < per_producer; i++) go_chan_send(c, &i);
}

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 2000000);
    bench_maxprocs_from_env();
    per_producer = n / 4;
    n = per_producer * 4;
    for (int i = 0; i < 4; i++)
        if (!(chans[i] = go_chan_make(sizeof(long), 128))) return 1;
    int64_t t0 = bench_now();
    for (int i = 0; i < 4; i++)
        if (go_spawn(producer, chans[i]) != 0) return 1;
    long v[4], sum = 0, hits[4] = {0};
    go_case cases[4];
    for (int i = 0; i < 4; i++) cases[i] = (go_case){.chan = chans[i], .dir = GO_RECV, .elem = &v[i]};
    for (long i = 0; i < n; i++) {
        int k = go_select(cases, 4, true);
        if (k < 0 || k > 3) { fprintf(stderr, "select4: go_select returned %d\n", k); return 1; }
        sum += v[k];
        hits[k]++;
    }
    int64_t ns = bench_now() - t0;
    for (int i = 0; i < 4; i++)
        if (hits[i] != per_producer) { fprintf(stderr, "select4: channel %d gave %ld\n", i, hits[i]); return 1; }
    (void)sum;
    bench_report("select4", n, ns);
    return 0;
}
