/* spawn.c - spawn+exit: N goroutines, each calls wg.Done and exits; main
 * waits.  ns/op is per goroutine (spawn, run, exit, join).  Twin: go/spawn.go. */
#include "bench.h"

static go_wg wg;

static void worker(void *arg) {
    (void)arg;
    go_wg_done(&wg);
}

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 1000000);
    bench_maxprocs_from_env();
    int64_t t0 = bench_now();
    for (long i = 0; i < n; i++) {
        go_wg_add(&wg, 1);
        if (go_spawn(worker, NULL) != 0) { fprintf(stderr, "spawn: go_spawn failed\n"); return 1; }
    }
    go_wg_wait(&wg);
    bench_report("spawn", n, bench_now() - t0);
    return 0;
}
