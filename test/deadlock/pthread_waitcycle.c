// Two POSIX threads that really deadlock (each holds one mutex and waits
// for the other's): the wait cycle is reported at the lock that closes it,
// naming the threads, and the program exits with the report's status
// instead of hanging (halt_on_deadlock).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <unistd.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t both_hold_one;

static void *a_then_b(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&a);
    pthread_barrier_wait(&both_hold_one);
    pthread_mutex_lock(&b);
    return NULL;
}

static void *b_then_a(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&b);
    pthread_barrier_wait(&both_hold_one);
    usleep(100 * 1000); /* the other thread waits first */
    pthread_mutex_lock(&a);
    return NULL;
}

int main(void)
{
    pthread_t x, y;
    pthread_barrier_init(&both_hold_one, NULL, 2);
    pthread_create(&x, NULL, a_then_b, NULL);
    pthread_create(&y, NULL, b_then_a, NULL);
    pthread_join(x, NULL);
    return 0;
}
// CHECK: WARNING: gosan: deadlock
// CHECK-NEXT: Wait cycle: thread T[[W:[0-9]+]] => thread T{{[0-9]+}} => thread T[[W]]
// CHECK: Thread T[[W]] waits to lock mutex 0x{{[0-9a-f]+}} at:
// CHECK-NEXT: #0 b_then_a {{.*}}pthread_waitcycle.c:[[@LINE-16]]
// CHECK: is held by thread T{{[0-9]+}}, which locked it at:
// CHECK-NEXT: #0 a_then_b {{.*}}pthread_waitcycle.c:[[@LINE-30]]
// CHECK: SUMMARY: gosan: deadlock {{.*}}pthread_waitcycle.c:[[@LINE-19]] in b_then_a
