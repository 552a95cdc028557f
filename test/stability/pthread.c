// POSIX threads: each way threads synchronise orders what came before it
// (ORDERED) and nothing after it, whichever thread's access comes first in
// real time.  The kind is chosen at compile time:
//   CREATE   pthread_create           MUTEX    pthread_mutex unlock -> lock
//   RWLOCK   wrlock/unlock -> rdlock  SEM      sem_post -> sem_wait
//   COND     cond_signal -> wait      BARRIER  pthread_barrier_wait on both
// REQUIRES: plugin
// RUN: for k in CREATE MUTEX RWLOCK SEM COND BARRIER; do \
// RUN:   %gosan-cc -O1 -DTHREAD_SIDES -D$k %s -o %t-$k || exit 1; \
// RUN:   %gosan-cc -O1 -DTHREAD_SIDES -D$k -DORDERED %s -o %t-$k-ordered || exit 1; \
// RUN:   for o in writer-first reader-first "writer-first exit" "reader-first exit"; do \
// RUN:     sh -c "%t-$k $o; echo status \$?" 2>&1 | FileCheck %s || { echo "failed: $k $o"; exit 1; }; \
// RUN:   done; \
// RUN:   for o in writer-first "writer-first exit"; do \
// RUN:     sh -c "%t-$k-ordered $o; echo status \$?" 2>&1 | FileCheck --check-prefix=ORDERED %s || { echo "failed: $k ordered $o"; exit 1; }; \
// RUN:   done; \
// RUN: done
#include "Inputs/two_sides.h"
#include <pthread.h>
#include <semaphore.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static pthread_barrier_t barrier;
static sem_t sem;
static int ready;
static atomic_int waiting;

static void *reader(void *arg)
{
    (void)arg;
#if defined(MUTEX)
    before_acquire();
    pthread_mutex_lock(&mu);
    pthread_mutex_unlock(&mu);
#elif defined(RWLOCK)
    before_acquire();
    pthread_rwlock_rdlock(&rw);
    pthread_rwlock_unlock(&rw);
#elif defined(SEM)
    before_acquire();
    sem_wait(&sem);
#elif defined(COND)
    pthread_mutex_lock(&mu);
    atomic_store_explicit(&waiting, 1, memory_order_relaxed);
    while (!ready)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
#elif defined(BARRIER)
    pthread_barrier_wait(&barrier);
#endif
    read_shared();
    return NULL;
}

static void *writer(void *arg)
{
    (void)arg;
    pthread_t t;
    WRITE_BEFORE_RELEASE();
#if defined(CREATE)
    pthread_create(&t, NULL, reader, NULL);
    pthread_detach(t);
#elif defined(MUTEX)
    pthread_mutex_lock(&mu);
    pthread_mutex_unlock(&mu);
#elif defined(RWLOCK)
    pthread_rwlock_wrlock(&rw);
    pthread_rwlock_unlock(&rw);
#elif defined(SEM)
    sem_post(&sem);
#elif defined(COND)
    spin_until(&waiting, 1);
    pthread_mutex_lock(&mu);
    ready = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
#elif defined(BARRIER)
    pthread_barrier_wait(&barrier);
#endif
    (void)t;
    mark_released();
    WRITE_AFTER_RELEASE();
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t w, r;
    parse_order(argc, argv);
    sem_init(&sem, 0, 0);
    pthread_barrier_init(&barrier, NULL, 2);
    pthread_create(&w, NULL, writer, NULL);
    pthread_detach(w);
#ifndef CREATE
    pthread_create(&r, NULL, reader, NULL);
    pthread_detach(r);
#endif
    (void)r;
    return finish();
}
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'shared'
// CHECK: SUMMARY: gosan: data race
// CHECK-NOT: WARNING: gosan
// CHECK: status 66
// ORDERED-NOT: WARNING: gosan
// ORDERED: main returns
// ORDERED-NOT: WARNING: gosan
// ORDERED: status 0
