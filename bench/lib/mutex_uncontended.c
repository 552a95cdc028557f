/* mutex_uncontended.c - N lock/unlock pairs on a mutex only main uses.  ns/op
 * is per pair.  Twin: go/mutex_uncontended.go. */
#include "bench.h"

static go_mutex mu;
static long counter;

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 20000000);
    bench_maxprocs_from_env();
    int64_t t0 = bench_now();
    for (long i = 0; i < n; i++) {
        go_mutex_lock(&mu);
        counter++;
        go_mutex_unlock(&mu);
    }
    int64_t ns = bench_now() - t0;
    if (counter != n) return 1;
    bench_report("mutex_uncontended", n, ns);
    return 0;
}
