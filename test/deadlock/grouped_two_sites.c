// Two inversions made at different code locations are two bugs: two
// lock-order reports, each folding the 10 mutex pairs it was seen
// between (the exit notes say so).  Both real-time orders of each pair's
// two sides; the program exits right after the last pass.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t ab 2>&1 | FileCheck --check-prefixes=CHECK,AB %s
// RUN: not %t ba 2>&1 | FileCheck --check-prefixes=CHECK,BA %s
#include <gosan/go.h>
#include <stdio.h>
#include <string.h>

#define PAIRS 10

static go_mutex mu_a[PAIRS], mu_b[PAIRS], mu_c[PAIRS], mu_d[PAIRS];
static go_chan *done; /* each pass reports it finished */

static void forward(void *arg)
{
    (void)arg;
    for (int i = 0; i < PAIRS; i++) {
        go_mutex_lock(&mu_a[i]);
        go_mutex_lock(&mu_b[i]); // line 23
        go_mutex_unlock(&mu_b[i]);
        go_mutex_unlock(&mu_a[i]);
        go_mutex_lock(&mu_c[i]);
        go_mutex_lock(&mu_d[i]); // line 27
        go_mutex_unlock(&mu_d[i]);
        go_mutex_unlock(&mu_c[i]);
    }
    go_chan_send(done, NULL);
}

static void backward(void *arg)
{
    (void)arg;
    for (int i = 0; i < PAIRS; i++) {
        go_mutex_lock(&mu_b[i]);
        go_mutex_lock(&mu_a[i]); // line 39
        go_mutex_unlock(&mu_a[i]);
        go_mutex_unlock(&mu_b[i]);
        go_mutex_lock(&mu_d[i]);
        go_mutex_lock(&mu_c[i]); // line 43
        go_mutex_unlock(&mu_c[i]);
        go_mutex_unlock(&mu_d[i]);
    }
    go_chan_send(done, NULL);
}

int main(int argc, char **argv)
{
    bool ab = argc > 1 && strcmp(argv[1], "ab") == 0;
    done = go_chan_make(0, 0);
    go_spawn(ab ? forward : backward, NULL);
    go_chan_recv(done, NULL);
    go_spawn(ab ? backward : forward, NULL);
    go_chan_recv(done, NULL);
    return 0;
}
// CHECK: WARNING: gosan: lock-order inversion (potential deadlock)
// AB: SUMMARY: gosan: lock-order inversion (potential deadlock) {{.*}}grouped_two_sites.c:39 in backward
// BA: SUMMARY: gosan: lock-order inversion (potential deadlock) {{.*}}grouped_two_sites.c:23 in forward
// CHECK: WARNING: gosan: lock-order inversion (potential deadlock)
// AB: SUMMARY: gosan: lock-order inversion (potential deadlock) {{.*}}grouped_two_sites.c:43 in backward
// BA: SUMMARY: gosan: lock-order inversion (potential deadlock) {{.*}}grouped_two_sites.c:27 in forward
// CHECK-NOT: WARNING: gosan
// AB-DAG: gosan: the lock-order inversion reported at {{.*}}grouped_two_sites.c:39 in backward was seen between 10 different sets of mutexes; reported once
// AB-DAG: gosan: the lock-order inversion reported at {{.*}}grouped_two_sites.c:43 in backward was seen between 10 different sets of mutexes; reported once
// BA-DAG: gosan: the lock-order inversion reported at {{.*}}grouped_two_sites.c:23 in forward was seen between 10 different sets of mutexes; reported once
// BA-DAG: gosan: the lock-order inversion reported at {{.*}}grouped_two_sites.c:27 in forward was seen between 10 different sets of mutexes; reported once
// CHECK: gosan: reported 2 warnings
