// Threads the library did not create, short-lived and many: each adopted
// thread's m is reused once the thread is gone (rt/go/adopt.c), so the
// GO_MAX_M limit (1,024) bounds the threads alive at once, not the
// adoptions over the program's life.  argv[1] threads run one after
// another, then as many in waves of 32 at once; each sends to main over a
// channel, takes a go_mutex, and spawns a goroutine and waits for it.
// With argv[2] = "dump", a goroutine writes the goroutine profile in the
// SIGQUIT dump's format over and over meanwhile (it stops the world,
// signalling every live thread of the library's, adopted ones included),
// and the last 64 threads of the waves spend 5 ms of CPU each in
// burn_adopted (test/trace/adopt_many.c finds it in the CPU profile: their
// reused ms have their own threads' timers).
// RUN: %plain-cc %s -o %t -lpthread
// RUN: %t 5000 2>&1 | FileCheck %s
// RUN: %t 5000 dump 2>&1 | FileCheck %s
// RUN: env GOSAN_MAXPROCS=1 %t 2000 dump 2>&1 | FileCheck %s --check-prefix=SHORT
// RUN: %gosan-cc %s -o %t-checked -lpthread
// RUN: %t-checked 5000 dump 2>&1 | FileCheck %s
// CHECK-NOT: fatal error
// CHECK-NOT: WARNING
// CHECK: in sequence: 5000 threads, sum 12502500, mutex 5000, children 5000
// CHECK: in waves of 32: 5000 threads, sum 12502500, mutex 10000, children 10000
// SHORT: in sequence: 2000 threads, sum 2001000, mutex 2000, children 2000
// SHORT: in waves of 32: 2000 threads, sum 2001000, mutex 4000, children 4000
#include <fcntl.h>
#include <gosan/go.h>
#include <gosan/pprof.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { WAVE = 32 };

static go_chan *values;
static go_mutex mu;
static long mutex_count;
static _Atomic long children;
static _Atomic int stop;
static int nthreads;
static __attribute__((noinline)) void burn_adopted(void)
{
    volatile long sink = 0; /* each thread its own: no race */
    struct timespec t0, t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
    do {
        for (int i = 0; i < 1000; i++)
            sink += i;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    } while ((t.tv_sec - t0.tv_sec) * 1000000000L + (t.tv_nsec - t0.tv_nsec) < 5000000L);
}

static void child(void *arg)
{
    children++;
    go_wg_done(arg);
}

static void *thread_main(void *arg)
{
    int v = (int)(long)arg;
    go_chan_send(values, &v);
    go_mutex_lock(&mu);
    mutex_count++;
    go_mutex_unlock(&mu);
    go_wg wg = {0};
    go_wg_add(&wg, 1);
    go_spawn(child, &wg);
    go_wg_wait(&wg);
    if (v < 0)
        burn_adopted();
    return NULL;
}

static void dumper(void *arg)
{
    int fd = open("/dev/null", O_WRONLY);
    while (!stop) {
        int rc = gosan_pprof_write("goroutine", fd, 2);
        if (rc)
            fprintf(stderr, "gosan_pprof_write: %s\n", go_strerror(rc));
        go_sleep(200 * 1000);
    }
    close(fd);
    go_wg_done(arg);
}

static void start(pthread_t *t, int v)
{
    if (pthread_create(t, NULL, thread_main, (void *)(long)v) != 0) {
        perror("pthread_create");
        exit(1);
    }
}

int main(int argc, char **argv)
{
    int n = nthreads = argc > 1 ? atoi(argv[1]) : 100;
    values = go_chan_make(sizeof(int), WAVE);
    go_wg dumped = {0};
    if (argc > 2 && strcmp(argv[2], "dump") == 0) {
        go_wg_add(&dumped, 1);
        go_spawn(dumper, &dumped);
    }
    long sum = 0;
    for (int i = 1; i <= n; i++) {
        pthread_t t;
        start(&t, i);
        int v;
        go_chan_recv(values, &v);
        sum += v;
        pthread_join(t, NULL);
    }
    go_mutex_lock(&mu);
    printf("in sequence: %d threads, sum %ld, mutex %ld, children %ld\n", n, sum, mutex_count, (long)children);
    go_mutex_unlock(&mu);
    sum = 0;
    for (int i = 1; i <= n; i += WAVE) {
        pthread_t t[WAVE];
        int k = 0;
        for (; k < WAVE && i + k <= n; k++)
            start(&t[k], i + k > nthreads - 64 ? -(i + k) : i + k);
        for (int j = 0; j < k; j++) {
            int v;
            go_chan_recv(values, &v);
            sum += v < 0 ? -v : v;
        }
        for (int j = 0; j < k; j++)
            pthread_join(t[j], NULL);
    }
    stop = 1;
    go_wg_wait(&dumped);
    go_mutex_lock(&mu);
    printf("in waves of %d: %d threads, sum %ld, mutex %ld, children %ld\n", WAVE, n, sum, mutex_count,
           (long)children);
    go_mutex_unlock(&mu);
    return 0;
}
