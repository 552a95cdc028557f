/* rwlocks.c - pthread twin of bench/checker/rwlocks.c: 8 threads, 4
 * pthread rwlocks and 2 pthread mutexes in the same global order. */
#include "pt.h"

#define RW_WORKERS 8
#define RW_LOCKS 4

static pthread_rwlock_t rw[RW_LOCKS] = {PTHREAD_RWLOCK_INITIALIZER, PTHREAD_RWLOCK_INITIALIZER,
                                        PTHREAD_RWLOCK_INITIALIZER, PTHREAD_RWLOCK_INITIALIZER};
static pthread_mutex_t mu[2] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};
static long shared[RW_LOCKS];
static long nested;
static long per_worker;
static long sinks[RW_WORKERS]; /* one slot per worker: no race */

static void *worker(void *arg) {
    long id = (long)arg, acc = 0;
    for (long k = 0; k < per_worker; k++) {
        int a = (int)((id + k) % (RW_LOCKS - 1)), b = a + 1;
        if (k % 16 == 0) {
            pthread_rwlock_wrlock(&rw[a]);
            pthread_rwlock_wrlock(&rw[b]);
            shared[a]++;
            shared[b]--;
            pthread_rwlock_unlock(&rw[b]);
            pthread_rwlock_unlock(&rw[a]);
        } else {
            pthread_rwlock_rdlock(&rw[a]);
            pthread_rwlock_rdlock(&rw[b]);
            acc += shared[a] + shared[b];
            pthread_rwlock_unlock(&rw[b]);
            pthread_rwlock_unlock(&rw[a]);
        }
        if (k % 4 == 0) {
            pthread_mutex_lock(&mu[0]);
            pthread_mutex_lock(&mu[1]);
            nested++;
            pthread_mutex_unlock(&mu[1]);
            pthread_mutex_unlock(&mu[0]);
        }
    }
    sinks[id] = acc;
    return NULL;
}

int main(int argc, char **argv) {
    long n = pt_arg(argc, argv, 1, 2000000);
    per_worker = n / RW_WORKERS;
    n = per_worker * RW_WORKERS;
    pthread_t t[RW_WORKERS];
    int64_t t0 = pt_now();
    for (long i = 0; i < RW_WORKERS; i++)
        pt_start(&t[i], worker, (void *)i);
    for (int i = 0; i < RW_WORKERS; i++)
        pthread_join(t[i], NULL);
    int64_t ns = pt_now() - t0;
    long sum = 0;
    for (int i = 0; i < RW_LOCKS; i++) sum += shared[i];
    printf("checksum %ld %ld\n", sum, nested);
    pt_report("rwlocks", n, ns);
    return 0;
}
