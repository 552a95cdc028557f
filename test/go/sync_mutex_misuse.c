// Unlocking an unlocked go_mutex is fatal, as in Go: a message naming the
// operation, then abort.  Also when the mutex was locked and unlocked
// before, and from a goroutine other than main.
// RUN: %plain-cc %s -o %t
// RUN: not --crash %t 2>&1 | FileCheck %s
// RUN: %plain-cc -DTWICE %s -o %t-twice
// RUN: not --crash %t-twice 2>&1 | FileCheck %s
// RUN: %plain-cc -DIN_GOROUTINE %s -o %t-g
// RUN: not --crash %t-g 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static go_mutex mu;

#ifdef IN_GOROUTINE
static void unlock_it(void *arg)
{
    (void)arg;
    go_mutex_unlock(&mu);
}
#endif

int main(void)
{
    printf("before\n");
    fflush(stdout);
#if defined(TWICE)
    go_mutex_lock(&mu);
    go_mutex_unlock(&mu);
    go_mutex_unlock(&mu);
#elif defined(IN_GOROUTINE)
    go_spawn(unlock_it, NULL);
    go_sleep(10LL * 1000 * 1000 * 1000);
#else
    go_mutex_unlock(&mu);
#endif
    printf("not reached\n");
    return 0;
}
// CHECK: before
// CHECK-NOT: not reached
// CHECK: fatal error: sync: unlock of unlocked mutex
