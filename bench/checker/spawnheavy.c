/* spawnheavy.c - checker-overhead profile "spawn-heavy": N short goroutines,
 * spawned in batches of 64 and joined with a WaitGroup; each sums a slice of
 * a shared read-only array and writes its own result slot.
 * Twins: pthread/spawnheavy.c (threads), go/spawnheavy.go. */
#include "bench.h"

#define BATCH 64
#define SPAN 64

static long *input, *results;
static long input_len;
static go_wg wg;

static void worker(void *arg) {
    long id = (long)arg, sum = 0;
    long base = (id * 7919) % (input_len - SPAN);
    for (long i = 0; i < SPAN; i++) sum += input[base + i];
    results[id] = sum;
    go_wg_done(&wg);
}

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 200000);
    bench_maxprocs_from_env();
    input_len = 1 << 16;
    input = malloc(sizeof(long) * (size_t)input_len);
    results = calloc((size_t)n, sizeof(long));
    if (!input || !results) return 1;
    for (long i = 0; i < input_len; i++) input[i] = i;
    int64_t t0 = bench_now();
    for (long b = 0; b < n; b += BATCH) {
        long end = b + BATCH < n ? b + BATCH : n;
        go_wg_add(&wg, (int)(end - b));
        for (long i = b; i < end; i++)
            if (go_spawn(worker, (void *)i)) return 1;
        go_wg_wait(&wg);
    }
    long total = 0;
    for (long i = 0; i < n; i++) total += results[i];
    int64_t ns = bench_now() - t0;
    printf("checksum %ld\n", total);
    bench_report("spawnheavy", n, ns);
    return 0;
}
