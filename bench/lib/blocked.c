/* blocked.c - N goroutines (default 1,000,000) blocked at once: each
 * announces itself on `started` and blocks receiving from `gate`; main waits
 * until all started (the spawn figure, per goroutine), then closes `gate` and
 * waits until all exited (the release figure, per goroutine).  Peak RSS is
 * measured by the runner.  Twin: go/blocked.go. */
#include "bench.h"

static go_wg started, finished;
static go_chan *gate;

static void sleeper(void *arg) {
    (void)arg;
    go_wg_done(&started);
    go_chan_recv(gate, NULL); /* returns false once gate is closed */
    go_wg_done(&finished);
}

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 1000000);
    bench_maxprocs_from_env();
    gate = go_chan_make(0, 0);
    if (!gate) return 1;
    int64_t t0 = bench_now();
    go_wg_add(&started, (int)n);
    go_wg_add(&finished, (int)n);
    for (long i = 0; i < n; i++)
        if (go_spawn(sleeper, NULL) != 0) { fprintf(stderr, "blocked: go_spawn failed at %ld\n", i); return 1; }
    go_wg_wait(&started);
    int64_t t1 = bench_now();
    int live = go_num_goroutine();
    go_chan_close(gate);
    go_wg_wait(&finished);
    int64_t t2 = bench_now();
    printf("bench: name=blocked ops=%ld ns_op=%.2f release_ns_op=%.2f live=%d procs=%d\n", n,
           (double)(t1 - t0) / (double)n, (double)(t2 - t1) / (double)n, live, go_maxprocs(0));
    return 0;
}
