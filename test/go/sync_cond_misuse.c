// go_cond_wait on a go_cond that go_cond_init never bound to a mutex is
// fatal with a message saying so; waiting without holding the mutex is an
// unlock of an unlocked mutex.
// RUN: %plain-cc %s -o %t && not --crash %t 2>&1 | FileCheck %s
// RUN: %plain-cc -DNOT_HELD %s -o %t-nh && not --crash %t-nh 2>&1 | FileCheck --check-prefix=NH %s
#include <gosan/go.h>
#include <stdio.h>

static go_mutex mu;
static go_cond cond;

int main(void)
{
#ifdef NOT_HELD
    go_cond_init(&cond, &mu);
#else
    go_mutex_lock(&mu);
#endif
    printf("before\n");
    fflush(stdout);
    go_cond_wait(&cond);
    printf("not reached\n");
    return 0;
}
// CHECK: before
// CHECK-NOT: not reached
// CHECK: fatal error: sync: go_cond_wait on a go_cond without a mutex (call go_cond_init first)
// NH: before
// NH-NOT: not reached
// NH: fatal error: sync: unlock of unlocked mutex
