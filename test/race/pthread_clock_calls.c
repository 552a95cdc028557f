// The clock variants of the POSIX lock and join calls (glibc 2.30+:
// pthread_mutex_clocklock, pthread_rwlock_clockrdlock and
// pthread_rwlock_clockwrlock, pthread_clockjoin_np) order memory as their
// plain and timed siblings do: data that two threads touch only under a
// mutex taken with pthread_mutex_clocklock, or under an rwlock taken with
// the clock calls (one writer, one reader), is not reported, whichever
// thread takes the lock first in real time and also when main returns
// right after the second thread's section ("exit"); a thread's write is
// ordered before the return of the pthread_clockjoin_np that joins it.
// Without these interceptors each case was a false data race.  Control
// (RACY): the same two sections without the lock race, so the checker does
// see the accesses.
// The two threads take turns through a relaxed atomic counter, which
// orders nothing for the checker.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: %t mutex first 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t mutex second 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t mutex first exit 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t mutex second exit 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t rwlock first 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t rwlock second 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t rwlock first exit 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t rwlock second exit 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t join 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: not %t none first 2>&1 | FileCheck --check-prefix=RACY %s
// RUN: not %t none second exit 2>&1 | FileCheck --check-prefix=RACY %s
#define _GNU_SOURCE /* the clock variants are GNU extensions */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Not static, so the optimizer keeps every access. */
long shared, seen;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static atomic_int turns;
static const char *lock_kind;

static void spin_until(int at_least)
{
    while (atomic_load_explicit(&turns, memory_order_relaxed) < at_least)
        sched_yield();
}

/* A deadline far enough away that no call here times out. */
static struct timespec far_deadline(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += 60;
    return ts;
}

/* The writer's section: shared += 1 under the lock of lock_kind. */
static __attribute__((noinline)) void write_section(void)
{
    struct timespec dl = far_deadline();
    if (!strcmp(lock_kind, "mutex")) {
        pthread_mutex_clocklock(&mu, CLOCK_MONOTONIC, &dl);
        shared++;
        pthread_mutex_unlock(&mu);
    } else if (!strcmp(lock_kind, "rwlock")) {
        pthread_rwlock_clockwrlock(&rw, CLOCK_MONOTONIC, &dl);
        shared++;
        pthread_rwlock_unlock(&rw);
    } else {
        shared++;
    }
}

/* The other thread's section: a write under a mutex, a read under an
 * rwlock's read lock. */
static __attribute__((noinline)) void other_section(void)
{
    struct timespec dl = far_deadline();
    if (!strcmp(lock_kind, "mutex")) {
        pthread_mutex_clocklock(&mu, CLOCK_MONOTONIC, &dl);
        ++shared;
        pthread_mutex_unlock(&mu);
    } else if (!strcmp(lock_kind, "rwlock")) {
        pthread_rwlock_clockrdlock(&rw, CLOCK_REALTIME, &dl);
        seen = shared;
        pthread_rwlock_unlock(&rw);
    } else {
        ++shared;
    }
}

typedef struct side {
    bool writer;
    int turn;
} side;

static void *side_main(void *p)
{
    side *s = p;
    spin_until(s->turn);
    if (s->writer)
        write_section();
    else
        other_section();
    atomic_fetch_add_explicit(&turns, 1, memory_order_relaxed);
    return NULL;
}

/* The writer's section first ("first") or second in real time; main
 * returns right after the second with "exit", else after joining both. */
static int two_sides(bool writer_first, bool exit_at_once)
{
    static side w, o;
    pthread_t tw, to;
    w.writer = true;
    w.turn = writer_first ? 0 : 1;
    o.writer = false;
    o.turn = writer_first ? 1 : 0;
    pthread_create(&tw, NULL, side_main, &w);
    pthread_create(&to, NULL, side_main, &o);
    spin_until(2);
    if (!exit_at_once) {
        pthread_join(tw, NULL);
        pthread_join(to, NULL);
    }
    printf("main returns\n");
    return 0;
}

static void *join_writer(void *p)
{
    (void)p;
    shared = 42;
    return NULL;
}

static int join(void)
{
    pthread_t t;
    struct timespec dl = far_deadline();
    pthread_create(&t, NULL, join_writer, NULL);
    while (pthread_clockjoin_np(t, NULL, CLOCK_MONOTONIC, &dl) != 0)
        dl = far_deadline();
    printf("main reads %ld\n", shared);
    printf("main returns\n");
    return 0;
}

int main(int argc, char **argv)
{
    lock_kind = argc > 1 ? argv[1] : "";
    if (!strcmp(lock_kind, "join"))
        return join();
    bool writer_first = argc > 2 && !strcmp(argv[2], "first");
    bool exit_at_once = argc > 3 && !strcmp(argv[3], "exit");
    return two_sides(writer_first, exit_at_once);
}

// NORACE-NOT: WARNING: gosan
// NORACE: main returns
// RACY: WARNING: gosan: data race
// RACY: SUMMARY: gosan: data race {{.*}}pthread_clock_calls.c:{{[0-9]+}} in {{write|other}}_section
