// A write after a release operation is not published by it: for every
// kind of synchronisation, goroutine A does the release side and then
// writes x, goroutine B does the matching acquire side and reads x, and
// that is a race, whatever the timing.  B must acquire A's clock as it was
// at the release, never a later one.  Each case runs in its own process
// (a report is per pair of access sites) in both real-time orders: "w",
// the write before the read (B's acquire after A's write where the kind
// allows it, while A still runs), and "r", the read before the write (A
// waits for it, on a relaxed flag that orders nothing).  "load" adds two
// threads spinning on both processors for the whole run.  The parent
// prints one line per case; every case must be reported.
// cond_signal_twice signals again after the write: the waiter woken by the
// first signal must still get only the first (a Cond-wide clock read when
// the waiter ran, after the second signal, hid the race in 5 of 8 runs).
// The interceptors of POSIX objects acquire when the call returns, so a
// semaphore posted or a pthread condition signalled again meanwhile is not
// tested here (docs/race.md, Known limits).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: env GOSAN_OPTIONS=symbolize=0 %t all 1 2>&1 | FileCheck %s
// RUN: env GOSAN_OPTIONS=symbolize=0 %t all 1 load 2>&1 | FileCheck %s
// RUN: env GOSAN_OPTIONS=symbolize=0 GOSAN_MAXPROCS=1 %t all 1 2>&1 | FileCheck %s
// CHECK-NOT: MISSED
// CHECK: all cases reported
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

/* Each in a granule of its own, so no flag's access evicts x's cells. */
static _Alignas(64) int x;
static _Alignas(64) atomic_int b_ready;  /* B waits in its acquire (Cond) */
static _Alignas(64) atomic_int released; /* A's release op returned */
static _Alignas(64) atomic_int written;  /* A wrote x */
static _Alignas(64) atomic_int read_done;
static _Alignas(64) atomic_int stop_load;
static _Alignas(64) atomic_int aflag;
static _Alignas(64) int annot;

static const char *kind;
static bool reader_first;
static go_wg all;

static go_mutex mu;
static go_rwmutex rw;
static go_chan *ch;
static go_wg wg;
static go_once once;
static go_cond cond;
static go_mutex cond_mu;
static int cond_go;
static pthread_mutex_t pmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t prw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_cond_t pcond = PTHREAD_COND_INITIALIZER;
static pthread_spinlock_t pspin;
static sem_t sem;

static const char *const kinds[] = {
    "mutex", "rw_w_r", "rw_r_w", "rw_w_w", "chan_buf", "chan_unbuf", "chan_unbuf_recv",
    "chan_buf_recv", "chan_close", "select_send", "select_recv", "waitgroup", "once",
    "cond_signal", "cond_broadcast", "cond_signal_twice", "spawn", "atomic_rel_acq",
    "atomic_seq_cst", "atomic_acq_rel_rmw", "atomic_cas", "atomic_consume", "atomic_fence",
    "annotation", "pthread_mutex", "pthread_rw_w_r", "pthread_rw_r_w", "pthread_spin",
    "pthread_cond", "sem",
};

static bool is(const char *k) { return !strcmp(kind, k); }

static void spin_ms(int ms) {
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    do
        clock_gettime(CLOCK_MONOTONIC, &b);
    while ((b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec) < ms * 1000000L);
}

static void wait_for(atomic_int *f) {
    while (!atomic_load_explicit(f, memory_order_relaxed))
        go_yield();
}

/* Kinds whose release side returns only once B's acquire side ran. */
static bool release_waits_for_b(void) {
    return is("chan_unbuf") || is("chan_unbuf_recv") || !strncmp(kind, "cond", 4) ||
           is("pthread_cond") || is("spawn");
}

static void b_side(void *arg);
static void noop(void *arg) { (void)arg; }

static void release_op(void) {
    int v = 1;
    if (is("mutex")) { go_mutex_lock(&mu); go_mutex_unlock(&mu); }
    else if (is("rw_w_r") || is("rw_w_w")) { go_rwmutex_lock(&rw); go_rwmutex_unlock(&rw); }
    else if (is("rw_r_w")) { go_rwmutex_rlock(&rw); go_rwmutex_runlock(&rw); }
    else if (is("chan_buf") || is("chan_unbuf") || is("select_recv")) go_chan_send(ch, &v);
    else if (is("chan_unbuf_recv") || is("chan_buf_recv")) go_chan_recv(ch, &v);
    else if (is("chan_close")) go_chan_close(ch);
    else if (is("select_send")) { go_case c = {ch, GO_SEND, &v, false}; go_select(&c, 1, true); }
    else if (is("waitgroup")) go_wg_done(&wg);
    else if (is("once")) go_once_do(&once, noop, NULL);
    else if (!strncmp(kind, "cond", 4)) {
        wait_for(&b_ready);
        go_mutex_lock(&cond_mu);
        cond_go = 1;
        if (is("cond_broadcast")) go_cond_broadcast(&cond); else go_cond_signal(&cond);
        go_mutex_unlock(&cond_mu);
    }
    else if (is("spawn")) { go_wg_add(&all, 1); go_spawn(b_side, NULL); }
    else if (is("atomic_rel_acq") || is("atomic_consume")) atomic_store_explicit(&aflag, 1, memory_order_release);
    else if (is("atomic_seq_cst")) atomic_store(&aflag, 1);
    else if (is("atomic_acq_rel_rmw")) atomic_fetch_add_explicit(&aflag, 1, memory_order_acq_rel);
    else if (is("atomic_cas")) { int z = 0; atomic_compare_exchange_strong_explicit(&aflag, &z, 1, memory_order_release, memory_order_relaxed); }
    else if (is("atomic_fence")) { atomic_thread_fence(memory_order_release); atomic_store_explicit(&aflag, 1, memory_order_relaxed); }
    else if (is("annotation")) gosan_release(&annot);
    else if (is("pthread_mutex")) { pthread_mutex_lock(&pmu); pthread_mutex_unlock(&pmu); }
    else if (is("pthread_rw_w_r")) { pthread_rwlock_wrlock(&prw); pthread_rwlock_unlock(&prw); }
    else if (is("pthread_rw_r_w")) { pthread_rwlock_rdlock(&prw); pthread_rwlock_unlock(&prw); }
    else if (is("pthread_spin")) { pthread_spin_lock(&pspin); pthread_spin_unlock(&pspin); }
    else if (is("pthread_cond")) {
        wait_for(&b_ready);
        pthread_mutex_lock(&pmu);
        cond_go = 1;
        pthread_cond_signal(&pcond);
        pthread_mutex_unlock(&pmu);
    }
    else if (is("sem")) sem_post(&sem);
}

/* After the write: a second release the woken side must not get. */
static void release_again(void) {
    if (is("cond_signal_twice"))
        go_cond_signal(&cond);
}

static void acquire_op(void) {
    int v;
    if (is("mutex")) { go_mutex_lock(&mu); go_mutex_unlock(&mu); }
    else if (is("rw_w_r")) { go_rwmutex_rlock(&rw); go_rwmutex_runlock(&rw); }
    else if (is("rw_r_w") || is("rw_w_w")) { go_rwmutex_lock(&rw); go_rwmutex_unlock(&rw); }
    else if (is("chan_buf") || is("chan_unbuf") || is("chan_close")) go_chan_recv(ch, &v);
    else if (is("chan_unbuf_recv") || is("chan_buf_recv")) { v = 2; go_chan_send(ch, &v); }
    else if (is("select_send")) go_chan_recv(ch, &v);
    else if (is("select_recv")) { go_case c = {ch, GO_RECV, &v, false}; go_select(&c, 1, true); }
    else if (is("waitgroup")) go_wg_wait(&wg);
    else if (is("once")) go_once_do(&once, noop, NULL);
    else if (!strncmp(kind, "cond", 4)) {
        go_mutex_lock(&cond_mu);
        atomic_store_explicit(&b_ready, 1, memory_order_relaxed);
        while (!cond_go)
            go_cond_wait(&cond);
        go_mutex_unlock(&cond_mu);
    }
    else if (is("spawn")) {}
    else if (is("atomic_rel_acq") || is("atomic_cas")) while (!atomic_load_explicit(&aflag, memory_order_acquire)) go_yield();
    else if (is("atomic_consume")) while (!atomic_load_explicit(&aflag, memory_order_consume)) go_yield();
    else if (is("atomic_seq_cst")) while (!atomic_load(&aflag)) go_yield();
    else if (is("atomic_acq_rel_rmw")) while (!atomic_fetch_add_explicit(&aflag, 0, memory_order_acq_rel)) go_yield();
    else if (is("atomic_fence")) { while (!atomic_load_explicit(&aflag, memory_order_relaxed)) go_yield(); atomic_thread_fence(memory_order_acquire); }
    else if (is("annotation")) gosan_acquire(&annot);
    else if (is("pthread_mutex")) { pthread_mutex_lock(&pmu); pthread_mutex_unlock(&pmu); }
    else if (is("pthread_rw_w_r")) { pthread_rwlock_rdlock(&prw); pthread_rwlock_unlock(&prw); }
    else if (is("pthread_rw_r_w")) { pthread_rwlock_wrlock(&prw); pthread_rwlock_unlock(&prw); }
    else if (is("pthread_spin")) { pthread_spin_lock(&pspin); pthread_spin_unlock(&pspin); }
    else if (is("pthread_cond")) {
        pthread_mutex_lock(&pmu);
        atomic_store_explicit(&b_ready, 1, memory_order_relaxed);
        while (!cond_go)
            pthread_cond_wait(&pcond, &pmu);
        pthread_mutex_unlock(&pmu);
    }
    else if (is("sem")) sem_wait(&sem);
}

static void a_side(void *arg) {
    (void)arg;
    release_op();
    atomic_store_explicit(&released, 1, memory_order_relaxed);
    if (reader_first)
        wait_for(&read_done);
    x = 1;
    atomic_store_explicit(&written, 1, memory_order_relaxed);
    release_again();
    spin_ms(5); /* still running while B acquires and reads */
    go_wg_done(&all);
}

static void b_side(void *arg) {
    (void)arg;
    if (!release_waits_for_b())
        wait_for(reader_first ? &released : &written); /* the acquire comes after the release */
    acquire_op();
    if (!reader_first)
        wait_for(&written);
    int r = x;
    __asm__ __volatile__("" ::"r"(r));
    atomic_store_explicit(&read_done, 1, memory_order_relaxed);
    go_wg_done(&all);
}

static void *load_thread(void *arg) {
    (void)arg;
    while (!atomic_load_explicit(&stop_load, memory_order_relaxed))
        ;
    return NULL;
}

static int run_case(bool load) {
    pthread_t th[2];
    if (load)
        for (int i = 0; i < 2; i++)
            pthread_create(&th[i], NULL, load_thread, NULL);
    pthread_spin_init(&pspin, 0);
    sem_init(&sem, 0, 0);
    go_cond_init(&cond, &cond_mu);
    ch = go_chan_make(sizeof(int), is("chan_buf") || is("chan_buf_recv") || is("select_send") ||
                                           is("select_recv") ? 1 : 0);
    if (is("chan_buf_recv")) { int v = 0; go_chan_send(ch, &v); }
    go_wg_add(&wg, 1);
    go_wg_add(&all, is("spawn") ? 1 : 2);
    go_spawn(a_side, NULL);
    if (!is("spawn"))
        go_spawn(b_side, NULL);
    go_wg_wait(&all);
    atomic_store_explicit(&stop_load, 1, memory_order_relaxed);
    if (load)
        for (int i = 0; i < 2; i++)
            pthread_join(th[i], NULL);
    return 0;
}

/* Runs every case (kinds x orders, `rounds` times) as a child process. */
static int run_all(const char *self, int rounds, const char *load) {
    int missed = 0;
    for (int n = 0; n < rounds; n++)
        for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
            for (int o = 0; o < 2; o++) {
                char *argv[] = {(char *)self, (char *)kinds[k], o ? "r" : "w", (char *)load, NULL};
                pid_t pid;
                int st = 0;
                posix_spawn_file_actions_t fa;
                posix_spawn_file_actions_init(&fa);
                posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
                int e = posix_spawn(&pid, self, &fa, NULL, argv, environ);
                posix_spawn_file_actions_destroy(&fa);
                if (e != 0 || waitpid(pid, &st, 0) < 0)
                    return 2;
                if (!WIFEXITED(st) || WEXITSTATUS(st) != 66) {
                    printf("MISSED %s %s (status %d)\n", kinds[k], o ? "r" : "w", st);
                    missed++;
                }
            }
    if (!missed)
        printf("all cases reported\n");
    return missed != 0;
}

int main(int argc, char **argv) {
    if (argc < 3)
        return 2;
    const char *load = argc > 3 ? argv[3] : "";
    if (!strcmp(argv[1], "all"))
        return run_all(argv[0], atoi(argv[2]), load);
    kind = argv[1];
    reader_first = !strcmp(argv[2], "r");
    return run_case(!strcmp(load, "load"));
}
