/* chanbuf.c - buffered-channel throughput: P producers (argv[2], 1 or 4) send
 * N longs in total into one channel of capacity 128; main receives them all.
 * ns/op is per item.  Twin: go/chanbuf.go. */
#include "bench.h"

static go_chan *ch;
static long per_producer;

static void producer(void *arg) {
    (void)arg;
    for (long i = 0; i < per_producer; i++) go_chan_send(ch, &i);
}

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 4000000);
    long p = bench_arg(argc, argv, 2, 1);
    bench_maxprocs_from_env();
    per_producer = n / p;
    n = per_producer * p;
    ch = go_chan_make(sizeof(long), 128);
    if (!ch) return 1;
    int64_t t0 = bench_now();
    for (long i = 0; i < p; i++)
        if (go_spawn(producer, NULL) != 0) return 1;
    long sum = 0, v;
    for (long i = 0; i < n; i++) {
        go_chan_recv(ch, &v);
        sum += v;
    }
    int64_t ns = bench_now() - t0;
    if (sum != p * (per_producer * (per_producer - 1) / 2)) { fprintf(stderr, "chanbuf: bad sum\n"); return 1; }
    char name[32];
    snprintf(name, sizeof name, "chanbuf_p%ld", p);
    bench_report(name, n, ns);
    return 0;
}
