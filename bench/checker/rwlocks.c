/* rwlocks.c - checker-overhead profile "rwlocks": 8 goroutines over 4
 * RWMutexes and 2 Mutexes, nesting locks in one global order (never an
 * inversion: no report).  Each step read-locks two neighbouring RWMutexes
 * (the lower first), every 16th step write-locks them instead, and every
 * 4th step also nests the two Mutexes.  Almost every acquisition repeats a
 * lock order already seen: the lock-order detector's common case.
 * Twins: pthread/rwlocks.c, go/rwlocks.go. */
#include "bench.h"

#define RW_WORKERS 8
#define RW_LOCKS 4

static go_rwmutex rw[RW_LOCKS];
static go_mutex mu[2];
static long shared[RW_LOCKS];
static long nested;
static go_wg wg;
static long per_worker;
static long sinks[RW_WORKERS]; /* one slot per worker: no race */

static void worker(void *arg) {
    long id = (long)arg, acc = 0;
    for (long k = 0; k < per_worker; k++) {
        int a = (int)((id + k) % (RW_LOCKS - 1)), b = a + 1;
        if (k % 16 == 0) {
            go_rwmutex_lock(&rw[a]);
            go_rwmutex_lock(&rw[b]);
            shared[a]++;
            shared[b]--;
            go_rwmutex_unlock(&rw[b]);
            go_rwmutex_unlock(&rw[a]);
        } else {
            go_rwmutex_rlock(&rw[a]);
            go_rwmutex_rlock(&rw[b]);
            acc += shared[a] + shared[b];
            go_rwmutex_runlock(&rw[b]);
            go_rwmutex_runlock(&rw[a]);
        }
        if (k % 4 == 0) {
            go_mutex_lock(&mu[0]);
            go_mutex_lock(&mu[1]);
            nested++;
            go_mutex_unlock(&mu[1]);
            go_mutex_unlock(&mu[0]);
        }
    }
    sinks[id] = acc;
    go_wg_done(&wg);
}

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 2000000);
    bench_maxprocs_from_env();
    per_worker = n / RW_WORKERS;
    n = per_worker * RW_WORKERS;
    int64_t t0 = bench_now();
    go_wg_add(&wg, RW_WORKERS);
    for (long i = 0; i < RW_WORKERS; i++)
        if (go_spawn(worker, (void *)i) != 0) return 1;
    go_wg_wait(&wg);
    int64_t ns = bench_now() - t0;
    long sum = 0;
    for (int i = 0; i < RW_LOCKS; i++) sum += shared[i];
    printf("checksum %ld %ld\n", sum, nested);
    bench_report("rwlocks", n, ns);
    return 0;
}
