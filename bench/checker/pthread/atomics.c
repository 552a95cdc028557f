/* atomics.c - pthread twin of bench/checker/atomics.c (C11 atomics). */
#include "pt.h"
#include <stdatomic.h>

#define WORKERS 4

static _Atomic long counter;
static _Atomic long progress[WORKERS];
static long seen[WORKERS];
static long per_worker;

static void *worker(void *arg) {
    long id = (long)arg, acc = 0;
    for (long i = 0; i < per_worker; i++) {
        atomic_fetch_add(&counter, 1);
        atomic_store_explicit(&progress[id], i, memory_order_release);
        acc += atomic_load_explicit(&progress[(id + 1) % WORKERS], memory_order_acquire);
    }
    seen[id] = acc;
    return NULL;
}

int main(int argc, char **argv) {
    long n = pt_arg(argc, argv, 1, 8000000);
    per_worker = n / WORKERS;
    n = per_worker * WORKERS;
    pthread_t t[WORKERS];
    int64_t t0 = pt_now();
    for (long i = 0; i < WORKERS; i++) pt_start(&t[i], worker, (void *)i);
    for (int i = 0; i < WORKERS; i++) pthread_join(t[i], NULL);
    int64_t ns = pt_now() - t0;
    if (atomic_load(&counter) != n) { fprintf(stderr, "atomics: counter wrong\n"); return 1; }
    long s = 0;
    for (int i = 0; i < WORKERS; i++) s += seen[i];
    printf("checksum %ld\n", s);
    pt_report("atomics", n, ns);
    return 0;
}
