/* atomics.c - checker-overhead profile "atomics": 4 goroutines, N iterations
 * in total; each iteration adds to a shared counter (seq_cst fetch_add),
 * publishes its progress with a release store and reads a neighbour's with
 * an acquire load.  Twins: pthread/atomics.c, go/atomics.go (sync/atomic). */
#include "bench.h"
#include <stdatomic.h>

#define WORKERS 4

static _Atomic long counter;
static _Atomic long progress[WORKERS];
static long seen[WORKERS];
static long per_worker;
static go_wg wg;

static void worker(void *arg) {
    long id = (long)arg, acc = 0;
    for (long i = 0; i < per_worker; i++) {
        atomic_fetch_add(&counter, 1);
        atomic_store_explicit(&progress[id], i, memory_order_release);
        acc += atomic_load_explicit(&progress[(id + 1) % WORKERS], memory_order_acquire);
    }
    seen[id] = acc;
    go_wg_done(&wg);
}

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 8000000);
    bench_maxprocs_from_env();
    per_worker = n / WORKERS;
    n = per_worker * WORKERS;
    int64_t t0 = bench_now();
    go_wg_add(&wg, WORKERS);
    for (long i = 0; i < WORKERS; i++)
        if (go_spawn(worker, (void *)i)) return 1;
    go_wg_wait(&wg);
    int64_t ns = bench_now() - t0;
    if (atomic_load(&counter) != n) { fprintf(stderr, "atomics: counter wrong\n"); return 1; }
    long s = 0;
    for (int i = 0; i < WORKERS; i++) s += seen[i];
    printf("checksum %ld\n", s);
    bench_report("atomics", n, ns);
    return 0;
}
