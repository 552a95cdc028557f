/* selectfanin.c - checker-overhead profile "select fan-in": 4 producers
 * each send N/4 heap items on their own channel (capacity 64); main takes
 * them all with a blocking select over the 4 receive cases, reads each
 * item and frees it.  Twins: pthread/selectfanin.c (one shared queue: the
 * pthread form of a fan-in), go/selectfanin.go. */
#include "bench.h"

#define PRODUCERS 4

typedef struct item {
    long producer, seq;
} item;

static go_chan *chans[PRODUCERS];
static long per_producer;

static void producer(void *arg) {
    long id = (long)arg;
    for (long i = 0; i < per_producer; i++) {
        item *it = malloc(sizeof *it);
        if (!it) abort();
        it->producer = id;
        it->seq = i;
        go_chan_send(chans[id], &it);
    }
}

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 2000000);
    bench_maxprocs_from_env();
    per_producer = n / PRODUCERS;
    n = per_producer * PRODUCERS;
    for (int i = 0; i < PRODUCERS; i++)
        if (!(chans[i] = go_chan_make(sizeof(item *), 64))) return 1;
    int64_t t0 = bench_now();
    for (long i = 0; i < PRODUCERS; i++)
        if (go_spawn(producer, (void *)i)) return 1;
    item *got[PRODUCERS];
    long sum = 0, count[PRODUCERS] = {0};
    go_case cases[PRODUCERS];
    for (int i = 0; i < PRODUCERS; i++)
        cases[i] = (go_case){.chan = chans[i], .dir = GO_RECV, .elem = &got[i]};
    for (long i = 0; i < n; i++) {
        int k = go_select(cases, PRODUCERS, true);
        if (k < 0 || k >= PRODUCERS) { fprintf(stderr, "selectfanin: go_select returned %d\n", k); return 1; }
        sum += got[k]->seq;
        count[got[k]->producer]++;
        free(got[k]);
    }
    int64_t ns = bench_now() - t0;
    for (int i = 0; i < PRODUCERS; i++)
        if (count[i] != per_producer) { fprintf(stderr, "selectfanin: producer %d gave %ld\n", i, count[i]); return 1; }
    printf("checksum %ld\n", sum);
    bench_report("selectfanin", n, ns);
    return 0;
}
