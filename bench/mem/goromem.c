/* goromem.c - memory per goroutine ever created: N short goroutines, spawned
 * in batches of 64 and joined with a WaitGroup; each writes its own result
 * slot (so the checker gives it a slot and history) and, with labels=1, sets
 * two labels first.  Peak RSS must not depend on N: at most BATCH of them
 * live at once.  Run by bench/mem/run.sh.
 *
 *   goromem N [labels 0|1]
 */
#include "bench.h"

#define BATCH 64

static long *results;
static int with_labels;
static go_wg wg;

static void worker(void *arg) {
    long id = (long)arg;
    if (with_labels) {
        char v[32];
        snprintf(v, sizeof v, "%ld", id);
        go_label_set("request", v);
        go_label_set("handler", "goromem");
    }
    results[id % 4096] = id;
    go_wg_done(&wg);
}

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 1000000);
    with_labels = argc > 2 && argv[2][0] == '1';
    bench_maxprocs_from_env();
    results = calloc(4096, sizeof(long));
    if (!results) return 1;
    int64_t t0 = bench_now();
    for (long b = 0; b < n; b += BATCH) {
        long end = b + BATCH < n ? b + BATCH : n;
        go_wg_add(&wg, (int)(end - b));
        for (long i = b; i < end; i++)
            if (go_spawn(worker, (void *)i)) return 1;
        go_wg_wait(&wg);
    }
    int64_t ns = bench_now() - t0;
    bench_report(with_labels ? "goromem-labels" : "goromem", n, ns);
    return 0;
}
