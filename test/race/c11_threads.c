// C11 threads (<threads.h>) order memory as their pthread counterparts:
// thrd_create before the child, the child's life (a return or thrd_exit)
// before a successful thrd_join, mtx_unlock before the next mtx_lock,
// mtx_trylock or mtx_timedlock, a cnd_wait or cnd_timedwait releases and
// re-acquires its mutex and is woken by cnd_signal or cnd_broadcast,
// call_once's function before every return from call_once, and a tss
// destructor before the join of its thread.  A detached thread hands data
// over through a mutex and condition variable.  Data handed over through
// each of them is not reported; glibc builds them on its internal pthread
// functions, so without their own interceptors each was a false race.  The
// plain build (no checker) runs the same program.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck %s
// RUN: %plain-cc -O1 %s -o %t-plain && %t-plain 2>&1 | FileCheck %s
#include <stdio.h>
#include <threads.h>
#include <time.h>

/* Not static, so the optimizer keeps every access. */
long created, counter, rcounter, tried, timed, config, item, payload, joined_wrote, exited_wrote,
    detached_item, dtor_wrote;
static mtx_t mu, tmu, rmu;
static cnd_t cv_item, cv_go, cv_done; /* one waiting condition each */
static once_flag once = ONCE_FLAG_INIT;
static int have_item, go, woken, detached_done;
static tss_t key;

static struct timespec far_deadline(void) {
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    ts.tv_sec += 60;
    return ts;
}

static void init_config(void) { config = 42; }

static int worker(void *arg) {
    long id = (long)arg;
    long got = created;                  /* written before thrd_create */
    for (int i = 0; i < 100; i++) {
        mtx_lock(&mu);
        counter++;
        mtx_unlock(&mu);
    }
    while (mtx_trylock(&tmu) != thrd_success)
        thrd_yield();
    tried++;
    mtx_unlock(&tmu);
    struct timespec ts = far_deadline();
    if (mtx_timedlock(&tmu, &ts) == thrd_success) {
        timed++;
        mtx_unlock(&tmu);
    }
    mtx_lock(&rmu);                      /* recursive: its holder locks it again */
    mtx_lock(&rmu);
    rcounter++;                          /* its own counter: the other thread may still be in its mu loop */
    mtx_unlock(&rmu);
    mtx_unlock(&rmu);
    call_once(&once, init_config);
    got += config;
    /* wait for main's broadcast with a timed wait */
    mtx_lock(&mu);
    while (!go) {
        ts = far_deadline();
        cnd_timedwait(&cv_go, &mu, &ts);
    }
    woken++;
    mtx_unlock(&mu);
    got += payload;                      /* written before the broadcast */
    return (int)(got + id);
}

static int producer(void *arg) {
    (void)arg;
    mtx_lock(&mu);
    item = 7;
    have_item = 1;
    cnd_signal(&cv_item);
    mtx_unlock(&mu);
    return 0;
}

static int returns(void *arg) {
    (void)arg;
    joined_wrote = 5;
    return 5;
}

static int exits(void *arg) {
    (void)arg;
    exited_wrote = 6;
    thrd_exit(6);
}

static int detached(void *arg) {
    (void)arg;
    detached_item = 8;
    mtx_lock(&mu);
    detached_done = 1;
    cnd_signal(&cv_done);
    mtx_unlock(&mu);
    return 0;
}

static void dtor(void *p) { dtor_wrote = (long)p; }

static int with_tss(void *arg) {
    (void)arg;
    tss_set(key, (void *)9L);
    return 0;
}

int main(void) {
    thrd_t t[3];
    int res[3];
    mtx_init(&mu, mtx_plain);
    mtx_init(&tmu, mtx_timed);
    mtx_init(&rmu, mtx_plain | mtx_recursive);
    cnd_init(&cv_item);
    cnd_init(&cv_go);
    cnd_init(&cv_done);
    tss_create(&key, dtor);
    created = 10;
    for (long i = 0; i < 2; i++)
        thrd_create(&t[i], worker, (void *)i);
    thrd_create(&t[2], producer, NULL);
    mtx_lock(&mu);
    while (!have_item)
        cnd_wait(&cv_item, &mu);
    mtx_unlock(&mu);
    long got = item;                     /* handed over under the mutex */
    payload = 3;                         /* before the broadcast */
    mtx_lock(&mu);
    go = 1;
    cnd_broadcast(&cv_go);
    mtx_unlock(&mu);
    for (int i = 0; i < 3; i++)
        thrd_join(t[i], &res[i]);
    printf("counter=%ld rcounter=%ld tried=%ld timed=%ld woken=%d got=%ld res=%d,%d\n", counter, rcounter,
           tried, timed, woken, got, res[0], res[1]);
    thrd_create(&t[0], returns, NULL);
    thrd_join(t[0], &res[0]);
    thrd_create(&t[1], exits, NULL);
    thrd_join(t[1], &res[1]);
    printf("joined_wrote=%ld/%d exited_wrote=%ld/%d\n", joined_wrote, res[0], exited_wrote, res[1]);
    thrd_create(&t[0], detached, NULL);
    thrd_detach(t[0]);
    mtx_lock(&mu);
    while (!detached_done)
        cnd_wait(&cv_done, &mu);
    mtx_unlock(&mu);
    printf("detached_item=%ld\n", detached_item);
    thrd_create(&t[0], with_tss, NULL);
    thrd_join(t[0], NULL);
    printf("dtor_wrote=%ld\n", dtor_wrote);
    tss_delete(key);
    cnd_destroy(&cv_done);
    cnd_destroy(&cv_go);
    cnd_destroy(&cv_item);
    mtx_destroy(&rmu);
    mtx_destroy(&tmu);
    mtx_destroy(&mu);
    return 0;
}
// CHECK-NOT: WARNING: gosan
// CHECK: counter=200 rcounter=2 tried=2 timed=2 woken=2 got=7 res=55,56
// CHECK-NOT: WARNING: gosan
// CHECK: joined_wrote=5/5 exited_wrote=6/6
// CHECK-NOT: WARNING: gosan
// CHECK: detached_item=8
// CHECK-NOT: WARNING: gosan
// CHECK: dtor_wrote=9
// CHECK-NOT: WARNING: gosan
