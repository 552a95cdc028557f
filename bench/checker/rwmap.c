/* rwmap.c - checker-overhead profile "read-mostly map under an RWMutex":
 * 4 goroutines do N operations in total on one open-addressing table of
 * 2^16 slots; 63 of 64 are lookups under the read lock, 1 an insert under
 * the write lock.  The readers overlap, so this measures what a read lock
 * costs when nothing has been written since the reader's last look.
 * Twins: pthread/rwmap.c, go/rwmap.go. */
#include "bench.h"

#define WORKERS 4
#define SLOTS (1u << 16)
#define KEYS (1u << 15)

typedef struct slot {
    uint64_t key; /* 0: empty */
    uint64_t val;
} slot;

static slot *table;
static go_rwmutex mu;
static go_wg wg;
static long per_worker;
static long hits[WORKERS];

static uint64_t mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

static slot *probe(uint64_t key) {
    uint32_t i = (uint32_t)mix(key) & (SLOTS - 1);
    while (table[i].key != 0 && table[i].key != key) i = (i + 1) & (SLOTS - 1);
    return &table[i];
}

static void worker(void *arg) {
    long id = (long)arg, found = 0;
    uint64_t rng = 0x9e3779b97f4a7c15ULL * (uint64_t)(id + 1);
    for (long i = 0; i < per_worker; i++) {
        rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
        uint64_t key = (rng % KEYS) + 1;
        if ((rng >> 40) % 64 == 0) {
            go_rwmutex_lock(&mu);
            slot *s = probe(key);
            s->key = key;
            s->val = (uint64_t)i;
            go_rwmutex_unlock(&mu);
        } else {
            go_rwmutex_rlock(&mu);
            if (probe(key)->key == key) found++;
            go_rwmutex_runlock(&mu);
        }
    }
    hits[id] = found;
    go_wg_done(&wg);
}

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 4000000);
    bench_maxprocs_from_env();
    per_worker = n / WORKERS;
    n = per_worker * WORKERS;
    table = calloc(SLOTS, sizeof(slot));
    if (!table) return 1;
    int64_t t0 = bench_now();
    go_wg_add(&wg, WORKERS);
    for (long i = 0; i < WORKERS; i++)
        if (go_spawn(worker, (void *)i)) return 1;
    go_wg_wait(&wg);
    int64_t ns = bench_now() - t0;
    long found = 0;
    for (int i = 0; i < WORKERS; i++) found += hits[i];
    printf("checksum %ld\n", found);
    free(table);
    bench_report("rwmap", n, ns);
    return 0;
}
