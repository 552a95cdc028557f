// POSIX threads: each way threads synchronise orders what came before it
// (ORDERED) and nothing after it, whichever thread's access comes first in
// real time.  argv[1] is the kind (the rest is two_sides.h's order):
//   CREATE   pthread_create           MUTEX    pthread_mutex unlock -> lock
//   RWLOCK   wrlock/unlock -> rdlock  SEM      sem_post -> sem_wait
//   COND     cond_signal -> wait      BARRIER  pthread_barrier_wait on both
// The file must stay well inside lit's 300 s on a loaded machine (it took
// 140 s, then 235 s): the kind is a run-time argument, so one binary per
// verdict serves every kind, and only MUTEX's runs symbolize their reports
// (a cold llvm-symbolizer under load is most of a racy run's time; the
// verdict and the exit's wait for a report in flight do not depend on the
// kind, and names come from the symbol table with symbolize=0).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DTHREAD_SIDES %s -o %t
// RUN: %gosan-cc -O1 -DTHREAD_SIDES -DORDERED %s -o %t-ordered
// RUN: for k in CREATE MUTEX RWLOCK SEM COND BARRIER; do \
// RUN:   opts=symbolize=0; if [ $k = MUTEX ]; then opts=symbolize=1; fi; \
// RUN:   for o in writer-first reader-first "writer-first exit" "reader-first exit"; do \
// RUN:     sh -c "GOSAN_OPTIONS=$opts %t $k $o; echo status \$?" 2>&1 | FileCheck %s || { echo "failed: $k $o"; exit 1; }; \
// RUN:   done; \
// RUN:   for o in writer-first "writer-first exit"; do \
// RUN:     sh -c "GOSAN_OPTIONS=$opts %t-ordered $k $o; echo status \$?" 2>&1 | FileCheck --check-prefix=ORDERED %s || { echo "failed: $k ordered $o"; exit 1; }; \
// RUN:   done; \
// RUN: done
#include "Inputs/two_sides.h"
#include <pthread.h>
#include <semaphore.h>

enum pt_kind { CREATE, MUTEX, RWLOCK, SEM, COND, BARRIER };
static const char *const kind_names[] = {"CREATE", "MUTEX", "RWLOCK", "SEM", "COND", "BARRIER"};
static enum pt_kind kind;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static pthread_barrier_t barrier;
static sem_t sem;
static int ready;
static atomic_int waiting;

static void *reader(void *arg);

/* The reader's side of the kind's synchronisation. */
static void acquire(void)
{
    switch (kind) {
    case CREATE:
        break;
    case MUTEX:
        before_acquire();
        pthread_mutex_lock(&mu);
        pthread_mutex_unlock(&mu);
        break;
    case RWLOCK:
        before_acquire();
        pthread_rwlock_rdlock(&rw);
        pthread_rwlock_unlock(&rw);
        break;
    case SEM:
        before_acquire();
        sem_wait(&sem);
        break;
    case COND:
        pthread_mutex_lock(&mu);
        atomic_store_explicit(&waiting, 1, memory_order_relaxed);
        while (!ready)
            pthread_cond_wait(&cv, &mu);
        pthread_mutex_unlock(&mu);
        break;
    case BARRIER:
        pthread_barrier_wait(&barrier);
        break;
    }
}

/* The writer's side. */
static void release(void)
{
    pthread_t t;
    switch (kind) {
    case CREATE:
        pthread_create(&t, NULL, reader, NULL);
        pthread_detach(t);
        break;
    case MUTEX:
        pthread_mutex_lock(&mu);
        pthread_mutex_unlock(&mu);
        break;
    case RWLOCK:
        pthread_rwlock_wrlock(&rw);
        pthread_rwlock_unlock(&rw);
        break;
    case SEM:
        sem_post(&sem);
        break;
    case COND:
        spin_until(&waiting, 1);
        pthread_mutex_lock(&mu);
        ready = 1;
        pthread_cond_signal(&cv);
        pthread_mutex_unlock(&mu);
        break;
    case BARRIER:
        pthread_barrier_wait(&barrier);
        break;
    }
}

static void *reader(void *arg)
{
    (void)arg;
    acquire();
    read_shared();
    return NULL;
}

static void *writer(void *arg)
{
    (void)arg;
    WRITE_BEFORE_RELEASE();
    release();
    mark_released();
    WRITE_AFTER_RELEASE();
    return NULL;
}

static void parse_kind(const char *name)
{
    for (size_t i = 0; i < sizeof kind_names / sizeof *kind_names; i++)
        if (name && !strcmp(name, kind_names[i])) {
            kind = (enum pt_kind)i;
            return;
        }
    fprintf(stderr, "usage: pthread CREATE|MUTEX|RWLOCK|SEM|COND|BARRIER writer-first|reader-first [exit]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    pthread_t w, r;
    parse_kind(argv[1]);
    parse_order(argc - 1, argv + 1);
    sem_init(&sem, 0, 0);
    pthread_barrier_init(&barrier, NULL, 2);
    pthread_create(&w, NULL, writer, NULL);
    pthread_detach(w);
    if (kind != CREATE) {
        pthread_create(&r, NULL, reader, NULL);
        pthread_detach(r);
    }
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
