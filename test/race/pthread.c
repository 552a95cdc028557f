// POSIX threads beside goroutines: thread creation and join, mutexes,
// spin locks, rwlocks, condition variables, semaphores, barriers and
// pthread_once order memory as they do for TSan, so data handed over
// through them is not reported (NORACE); a join orders a thread that ended
// by pthread_exit or by cancellation too.  Threads are named "thread Tn" in
// reports.  Unsynchronised writes of two threads race (RACY); a read lock
// orders nothing between readers, so two readers writing under it race
// (READERS).  The racy variants' second write waits for the first through
// a relaxed flag, which orders nothing.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck --check-prefix=RACY %s
// RUN: %gosan-cc -O1 -DREADERS %s -o %t-readers && not %t-readers 2>&1 | FileCheck --check-prefix=READERS %s
#include <gosan/go.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>

/* Not static, so the optimizer keeps every access. */
long exited_wrote, cancelled_wrote, adopted_wrote, created, counter, spun, guarded, item, posted, phase, inited, from_thread, racy;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_spinlock_t spin;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static sem_t sem;
static pthread_barrier_t barrier;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static atomic_int first_done;
static int have_item;
static go_wg wg;

static void init_once(void) { inited = 42; }

static void *worker(void *arg) {
    long id = (long)arg;
    long g = created;                    /* main wrote it before creating us */
    pthread_mutex_lock(&mu);
    counter++;
    pthread_mutex_unlock(&mu);
    pthread_spin_lock(&spin);
    spun++;
    pthread_spin_unlock(&spin);
    pthread_rwlock_rdlock(&rw);
    g += guarded;                        /* written under the write lock */
    pthread_rwlock_unlock(&rw);
    pthread_once(&once, init_once);
    g += inited;
    if (id == 1) {
        pthread_mutex_lock(&mu);
        item = 7;
        have_item = 1;
        pthread_cond_signal(&cv);
        pthread_mutex_unlock(&mu);
        posted = 5;
        sem_post(&sem);
    }
    if (id == 1)
        phase = 1;                       /* before the barrier */
    pthread_barrier_wait(&barrier);
    if (id == 2)
        g += phase;                      /* after it */
    return (void *)g;
}

static void *writer(void *arg) {
    (void)arg;
    from_thread = 3;
    return NULL;
}

/* Threads that end by pthread_exit, or are cancelled while they wait. */
static void *exits(void *arg) {
    (void)arg;
    exited_wrote = 1;
    pthread_exit(NULL);
}

static sem_t never;
static atomic_int wrote; /* relaxed: tells main the write is done, orders nothing */
static void *cancelled(void *arg) {
    (void)arg;
    cancelled_wrote = 2;
    atomic_store_explicit(&wrote, 1, memory_order_relaxed);
    sem_wait(&never); /* a cancellation point: cancelled here */
    return NULL;
}

/* A thread the library adopts (it calls the API): still joined as a thread. */
static go_chan *ch;
static void *adopted(void *arg) {
    int v = 1;
    (void)arg;
    adopted_wrote = 9;
    go_chan_send(ch, &v);
    return NULL;
}

/* A goroutine that runs a thread and joins it. */
static void goroutine_with_thread(void *arg) {
    pthread_t t;
    (void)arg;
    pthread_create(&t, NULL, writer, NULL);
    pthread_join(t, NULL);
    from_thread++;
    go_wg_done(&wg);
}

static void *racer(void *arg) {
    long id = (long)arg;
    if (id == 2)
        while (!atomic_load_explicit(&first_done, memory_order_relaxed))
            ;
#ifdef READERS
    pthread_rwlock_rdlock(&rw);
    racy = id;
    pthread_rwlock_unlock(&rw);
#else
    racy = id;
#endif
    if (id == 1)
        atomic_store_explicit(&first_done, 1, memory_order_relaxed);
    return NULL;
}

int main(void) {
    pthread_t t[3];
#if defined(RACY) || defined(READERS)
    for (long i = 1; i <= 2; i++)
        pthread_create(&t[i], NULL, racer, (void *)i);
    for (int i = 1; i <= 2; i++)
        pthread_join(t[i], NULL);
    printf("racy=%ld\n", racy);
    return 0;
#endif
    pthread_spin_init(&spin, 0);
    sem_init(&sem, 0, 0);
    pthread_barrier_init(&barrier, NULL, 2);
    created = 10;
    pthread_rwlock_wrlock(&rw);
    guarded = 1;
    pthread_rwlock_unlock(&rw);
    for (long i = 1; i <= 2; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    pthread_mutex_lock(&mu);
    while (!have_item)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    long got = item;                     /* handed over under the mutex */
    sem_wait(&sem);
    got += posted;                       /* handed over by sem_post */
    for (int i = 1; i <= 2; i++)
        pthread_join(t[i], NULL);
    printf("counter=%ld spun=%ld got=%ld\n", counter, spun, got);
    go_wg_add(&wg, 1);
    go_spawn(goroutine_with_thread, NULL);
    go_wg_wait(&wg);
    printf("from_thread=%ld\n", from_thread);
    ch = go_chan_make(sizeof(int), 1);
    pthread_create(&t[0], NULL, adopted, NULL);
    pthread_join(t[0], NULL);
    printf("adopted_wrote=%ld\n", adopted_wrote);
    pthread_create(&t[0], NULL, exits, NULL);
    pthread_join(t[0], NULL);
    sem_init(&never, 0, 0);
    pthread_create(&t[1], NULL, cancelled, NULL);
    while (!atomic_load_explicit(&wrote, memory_order_relaxed))
        ;
    pthread_cancel(t[1]);
    void *how;
    pthread_join(t[1], &how);
    printf("exited_wrote=%ld cancelled_wrote=%ld cancelled=%d\n", exited_wrote, cancelled_wrote,
           how == PTHREAD_CANCELED);
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: counter=2 spun=2 got=12
// NORACE-NOT: WARNING: gosan
// NORACE: from_thread=4
// NORACE-NOT: WARNING: gosan
// NORACE: adopted_wrote=9
// NORACE-NOT: WARNING: gosan
// NORACE: exited_wrote=1 cancelled_wrote=2 cancelled=1

// RACY: WARNING: gosan: data race
// RACY: Write of size 8 at {{.*}} by thread T{{[0-9]+}}:
// RACY: #0 racer {{.*}}pthread.c:[[@LINE-68]]
// RACY: Previous write of size 8 at {{.*}} by thread T{{[0-9]+}}:
// RACY: #0 racer {{.*}}pthread.c:[[@LINE-70]]
// RACY: Location is global 'racy'
// RACY: Thread T{{[0-9]+}} ({{running|finished}}, not a goroutine) created by goroutine 1 at:
// RACY-NEXT: #0 main {{.*}}pthread.c:[[@LINE-62]]

// READERS: WARNING: gosan: data race
// READERS: Write of size 8 at {{.*}} by thread T{{[0-9]+}}:
// READERS: #0 racer {{.*}}pthread.c:[[@LINE-80]]
// READERS: Previous write of size 8 at {{.*}} by thread T{{[0-9]+}}:
// READERS: Location is global 'racy'
