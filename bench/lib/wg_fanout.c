/* wg_fanout.c - WaitGroup fan-out: R rounds of { Add(K); spawn K workers that
 * each call Done; Wait }.  ns/op is per round.  Twin: go/wg_fanout.go. */
#include "bench.h"

static go_wg wg;

static void worker(void *arg) {
    (void)arg;
    go_wg_done(&wg);
}

int main(int argc, char **argv) {
    long rounds = bench_arg(argc, argv, 1, 100000);
    long k = bench_arg(argc, argv, 2, 8);
    bench_maxprocs_from_env();
    int64_t t0 = bench_now();
    for (long r = 0; r < rounds; r++) {
        go_wg_add(&wg, (int)k);
        for (long i = 0; i < k; i++)
            if (go_spawn(worker, NULL) != 0) return 1;
        go_wg_wait(&wg);
    }
    bench_report("wg_fanout", rounds, bench_now() - t0);
    return 0;
}
