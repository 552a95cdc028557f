// 1000 mutex pairs, each taken a-then-b by one goroutine and b-then-a by
// another, always at the same two code locations: one bug, so one
// lock-order report, and at exit a note saying how many different pairs
// the same inversion was seen between.  Both real-time orders (the
// a-then-b pass first, or the b-then-a pass first); the program exits right
// after the last pass.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t ab 2>&1 | FileCheck --check-prefixes=CHECK,AB %s
// RUN: not %t ba 2>&1 | FileCheck --check-prefixes=CHECK,BA %s
#include <gosan/go.h>
#include <stdio.h>
#include <string.h>

#define PAIRS 1000

static go_mutex mu_a[PAIRS], mu_b[PAIRS];
static go_chan *done; /* each pass reports it finished */

static void a_then_b(void *arg)
{
    (void)arg;
    for (int i = 0; i < PAIRS; i++) {
        go_mutex_lock(&mu_a[i]);
        go_mutex_lock(&mu_b[i]); // line 25
        go_mutex_unlock(&mu_b[i]);
        go_mutex_unlock(&mu_a[i]);
    }
    go_chan_send(done, NULL);
}

static void b_then_a(void *arg)
{
    (void)arg;
    for (int i = 0; i < PAIRS; i++) {
        go_mutex_lock(&mu_b[i]);
        go_mutex_lock(&mu_a[i]); // line 37
        go_mutex_unlock(&mu_a[i]);
        go_mutex_unlock(&mu_b[i]);
    }
    go_chan_send(done, NULL);
}

int main(int argc, char **argv)
{
    bool ab = argc > 1 && strcmp(argv[1], "ab") == 0;
    done = go_chan_make(0, 0);
    go_spawn(ab ? a_then_b : b_then_a, NULL);
    go_chan_recv(done, NULL);
    go_spawn(ab ? b_then_a : a_then_b, NULL);
    go_chan_recv(done, NULL);
    return 0;
}
// CHECK: WARNING: gosan: lock-order inversion (potential deadlock)
// CHECK-NEXT: Cycle in lock order graph: M1 ({{.*}}) => M2 ({{.*}}) => M1
// AB: SUMMARY: gosan: lock-order inversion (potential deadlock) {{.*}}grouped_inversion.c:37 in b_then_a
// BA: SUMMARY: gosan: lock-order inversion (potential deadlock) {{.*}}grouped_inversion.c:25 in a_then_b
// CHECK-NOT: WARNING: gosan
// AB: gosan: the lock-order inversion reported at {{.*}}grouped_inversion.c:37 in b_then_a was seen between 1000 different sets of mutexes; reported once
// BA: gosan: the lock-order inversion reported at {{.*}}grouped_inversion.c:25 in a_then_b was seen between 1000 different sets of mutexes; reported once
// CHECK-NEXT: gosan: reported 1 warning
