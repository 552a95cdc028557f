/* mutex_contended.c - 4 goroutines share one mutex, each doing N/4
 * lock; short critical section; unlock.  ns/op is per lock/unlock pair over
 * the whole run (total time / N).  Twin: go/mutex_contended.go. */
#include "bench.h"

static go_mutex mu;
static go_wg wg;
static long per_worker;
static volatile long counter, checksum;

static void worker(void *arg) {
    long id = (long)arg;
    for (long i = 0; i < per_worker; i++) {
        go_mutex_lock(&mu);
        counter++;                 /* the short critical section */
        checksum += id ^ i;
        go_mutex_unlock(&mu);
    }
    go_wg_done(&wg);
}

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 4000000);
    bench_maxprocs_from_env();
    per_worker = n / 4;
    n = per_worker * 4;
    int64_t t0 = bench_now();
    go_wg_add(&wg, 4);
    for (long i = 0; i < 4; i++)
        if (go_spawn(worker, (void *)i) != 0) return 1;
    go_wg_wait(&wg);
    int64_t ns = bench_now() - t0;
    if (counter != n) { fprintf(stderr, "mutex_contended: counter %ld, want %ld\n", counter, n); return 1; }
    bench_report("mutex_contended", n, ns);
    return 0;
}
