/* rwmap.c - pthread twin of bench/checker/rwmap.c: 4 threads, one
 * pthread rwlock, 63 lookups : 1 insert. */
#include "pt.h"

#define WORKERS 4
#define SLOTS (1u << 16)
#define KEYS (1u << 15)

typedef struct slot {
    uint64_t key;
    uint64_t val;
} slot;

static slot *table;
static pthread_rwlock_t mu = PTHREAD_RWLOCK_INITIALIZER;
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

static void *worker(void *arg) {
    long id = (long)arg, found = 0;
    uint64_t rng = 0x9e3779b97f4a7c15ULL * (uint64_t)(id + 1);
    for (long i = 0; i < per_worker; i++) {
        rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
        uint64_t key = (rng % KEYS) + 1;
        if ((rng >> 40) % 64 == 0) {
            pthread_rwlock_wrlock(&mu);
            slot *s = probe(key);
            s->key = key;
            s->val = (uint64_t)i;
            pthread_rwlock_unlock(&mu);
        } else {
            pthread_rwlock_rdlock(&mu);
            if (probe(key)->key == key) found++;
            pthread_rwlock_unlock(&mu);
        }
    }
    hits[id] = found;
    return NULL;
}

int main(int argc, char **argv) {
    long n = pt_arg(argc, argv, 1, 4000000);
    per_worker = n / WORKERS;
    n = per_worker * WORKERS;
    table = calloc(SLOTS, sizeof(slot));
    if (!table) return 1;
    pthread_t t[WORKERS];
    int64_t t0 = pt_now();
    for (long i = 0; i < WORKERS; i++) pt_start(&t[i], worker, (void *)i);
    for (int i = 0; i < WORKERS; i++) pthread_join(t[i], NULL);
    int64_t ns = pt_now() - t0;
    long found = 0;
    for (int i = 0; i < WORKERS; i++) found += hits[i];
    printf("checksum %ld\n", found);
    free(table);
    pt_report("rwmap", n, ns);
    return 0;
}
