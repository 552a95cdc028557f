/* live.c - pthread twin of bench/checker/live.c: N threads (64 KiB stacks)
 * alive at once, blocked on a gate.  Under TSan this probes the thread limit
 * (the old runtime died at 8,128 live threads). */
#include "pt.h"

static ptwg started = PTWG_INIT;
static pthread_mutex_t gate_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cv = PTHREAD_COND_INITIALIZER;
static bool open_;
static long *slots;

static void *sleeper(void *arg) {
    long id = (long)arg;
    slots[id] = id;
    ptwg_done(&started);
    pthread_mutex_lock(&gate_mu);
    while (!open_) pthread_cond_wait(&gate_cv, &gate_mu);
    pthread_mutex_unlock(&gate_mu);
    slots[id] += 1;
    return NULL;
}

int main(int argc, char **argv) {
    long n = pt_arg(argc, argv, 1, 100000);
    slots = calloc((size_t)n, sizeof(long));
    pthread_t *t = calloc((size_t)n, sizeof(pthread_t));
    if (!slots || !t) return 1;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 << 10);
    int64_t t0 = pt_now();
    ptwg_add(&started, n);
    for (long i = 0; i < n; i++) {
        int err = pthread_create(&t[i], &attr, sleeper, (void *)i);
        if (err) { fprintf(stderr, "live: pthread_create failed at thread %ld: %s\n", i, strerror(err)); return 1; }
    }
    ptwg_wait(&started);
    pthread_mutex_lock(&gate_mu);
    open_ = true;
    pthread_cond_broadcast(&gate_cv);
    pthread_mutex_unlock(&gate_mu);
    for (long i = 0; i < n; i++) pthread_join(t[i], NULL);
    int64_t ns = pt_now() - t0;
    long sum = 0;
    for (long i = 0; i < n; i++) sum += slots[i];
    printf("checksum %ld live %ld\n", sum, n);
    pt_report("live", n, ns);
    return 0;
}
