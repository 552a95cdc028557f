// AB-BA between two POSIX threads, run one after the other so the program
// never hangs: the pthread mutexes feed the same lock-order graph as the
// library's, and the report names the threads.  A recursive mutex locked
// twice by its holder is no inversion and no wait (no second report).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t mu_a = PTHREAD_MUTEX_INITIALIZER, mu_b = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t rec;

static void *a_then_b(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu_a);
    pthread_mutex_lock(&mu_b);
    pthread_mutex_unlock(&mu_b);
    pthread_mutex_unlock(&mu_a);
    pthread_mutex_lock(&rec);
    pthread_mutex_lock(&rec);
    pthread_mutex_unlock(&rec);
    pthread_mutex_unlock(&rec);
    return NULL;
}

static void *b_then_a(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu_b);
    pthread_mutex_lock(&mu_a);
    pthread_mutex_unlock(&mu_a);
    pthread_mutex_unlock(&mu_b);
    return NULL;
}

int main(void)
{
    pthread_mutexattr_t ra;
    pthread_mutexattr_init(&ra);
    pthread_mutexattr_settype(&ra, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&rec, &ra);
    pthread_t t;
    pthread_create(&t, NULL, a_then_b, NULL);
    pthread_join(t, NULL);
    pthread_create(&t, NULL, b_then_a, NULL);
    pthread_join(t, NULL);
    fprintf(stderr, "done\n");
    return 0;
}
// CHECK: WARNING: gosan: lock-order inversion (potential deadlock)
// CHECK-NEXT: Cycle in lock order graph: M1 (0x[[B:[0-9a-f]+]]) => M2 (0x[[A:[0-9a-f]+]]) => M1
// CHECK: Mutex M2 acquired here while holding mutex M1 in thread T[[T2:[0-9]+]]:
// CHECK-NEXT: #0 b_then_a {{.*}}pthread_abba.c:[[@LINE-23]]
// CHECK: Mutex M1 previously acquired by the same thread here:
// CHECK-NEXT: #0 b_then_a {{.*}}pthread_abba.c:[[@LINE-26]]
// CHECK: Mutex M1 acquired here while holding mutex M2 in thread T[[T1:[0-9]+]]:
// CHECK-NEXT: #0 a_then_b {{.*}}pthread_abba.c:[[@LINE-41]]
// CHECK: Mutex M2 previously acquired by the same thread here:
// CHECK-NEXT: #0 a_then_b {{.*}}pthread_abba.c:[[@LINE-44]]
// CHECK: Mutex M1 (0x[[B]]):
// CHECK-NEXT: Location is global 'mu_b'
// CHECK: Mutex M2 (0x[[A]]):
// CHECK-NEXT: Location is global 'mu_a'
// CHECK: Thread T[[T2]] (running, not a goroutine) created by goroutine 1 at:
// CHECK-NEXT: #0 main {{.*}}pthread_abba.c:[[@LINE-20]]
// CHECK: Thread T[[T1]] (finished, not a goroutine) created by goroutine 1 at:
// CHECK-NEXT: #0 main {{.*}}pthread_abba.c:[[@LINE-24]]
// CHECK: SUMMARY: gosan: lock-order inversion (potential deadlock) {{.*}}pthread_abba.c:[[@LINE-38]] in b_then_a
// CHECK-NOT: WARNING: gosan
// CHECK: done
// CHECK-NOT: WARNING: gosan
