// POSIX locks keep the owner rule: only the thread holding a pthread mutex
// may unlock it (another thread's unlock is undefined behaviour), so a
// thread that locks a non-recursive mutex it holds deadlocks at once, even
// while another thread runs.  Reported as a wait cycle of one thread (main
// is goroutine 1 when the program links the goroutine library), and
// the program exits with the report's status instead of hanging.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *other(void *arg)
{
    (void)arg;
    sleep(5);                   /* alive, but it may not unlock m */
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, other, NULL);
    pthread_mutex_lock(&m);
    pthread_mutex_lock(&m);     // main relocks
    printf("not detected\n");
    return 0;
}
// CHECK: WARNING: gosan: deadlock
// CHECK-NEXT: Wait cycle: [[W:[a-zT ]+[0-9]+]] => [[W]]
// CHECK: {{(Goroutine |Thread T)[0-9]+}} waits to lock mutex 0x{{[0-9a-f]+}} at:
// CHECK-NEXT: #0 main {{.*}}pthread_relock.c:28
// CHECK: is held by [[W]], which locked it at:
// CHECK-NEXT: #0 main {{.*}}pthread_relock.c:27
// CHECK: SUMMARY: gosan: deadlock {{.*}}pthread_relock.c:28 in main
// CHECK-NOT: not detected
