/* live.c - the scale row: N goroutines (default 100,000) alive at once under
 * the checker.  Each writes its own slot of a heap array, then blocks on a
 * gate channel; main waits until all have started, then releases them.  The
 * runner reports peak RSS.  Twins: pthread/live.c (threads), go/live.go. */
#include "bench.h"

static go_wg started, finished;
static go_chan *gate;
static long *slots;

static void sleeper(void *arg) {
    long id = (long)arg;
    slots[id] = id;
    go_wg_done(&started);
    go_chan_recv(gate, NULL);
    slots[id] += 1;
    go_wg_done(&finished);
}

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 100000);
    bench_maxprocs_from_env();
    gate = go_chan_make(0, 0);
    slots = calloc((size_t)n, sizeof(long));
    if (!gate || !slots) return 1;
    int64_t t0 = bench_now();
    go_wg_add(&started, (int)n);
    go_wg_add(&finished, (int)n);
    for (long i = 0; i < n; i++)
        if (go_spawn(sleeper, (void *)i)) { fprintf(stderr, "live: go_spawn failed at %ld\n", i); return 1; }
    go_wg_wait(&started);
    int live = go_num_goroutine();
    go_chan_close(gate);
    go_wg_wait(&finished);
    int64_t ns = bench_now() - t0;
    long sum = 0;
    for (long i = 0; i < n; i++) sum += slots[i];
    printf("checksum %ld live %d\n", sum, live);
    bench_report("live", n, ns);
    return 0;
}
