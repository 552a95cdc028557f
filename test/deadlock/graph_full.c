// A lock-order graph filled past its capacity (65536 mutexes, 131072
// orders) forgets its least recently used orders instead of refusing new
// ones: an AB-BA on two fresh mutexes taken afterwards is still reported,
// and a warning says once, at the default verbosity, that the graph is
// full.  Run once with more mutexes than fit (70000 x 8 orders) and once
// with few mutexes but more orders than fit (20000 x 8).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: not %t 70000 2>&1 | FileCheck %s
// RUN: not %t 20000 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_MUTEXES 70000
#define ORDERS_PER_MUTEX 8

static go_mutex pool[MAX_MUTEXES];
static go_mutex mu_a, mu_b;
static go_chan *done;

/* Forward orders only (i -> i+k): no cycle among them. */
static void fill(int n)
{
    for (int i = 0; i < n; i++) {
        go_mutex_lock(&pool[i]);
        for (int k = 1; k <= ORDERS_PER_MUTEX && i + k < n; k++) {
            go_mutex_lock(&pool[i + k]);
            go_mutex_unlock(&pool[i + k]);
        }
        go_mutex_unlock(&pool[i]);
    }
}

static void a_then_b(void *arg)
{
    go_mutex_lock(&mu_a);
    go_mutex_lock(&mu_b);
    go_mutex_unlock(&mu_b);
    go_mutex_unlock(&mu_a);
    go_chan_send(done, NULL);
}

static void b_then_a(void *arg)
{
    go_mutex_lock(&mu_b);
    go_mutex_lock(&mu_a);
    go_mutex_unlock(&mu_a);
    go_mutex_unlock(&mu_b);
    go_chan_send(done, NULL);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : MAX_MUTEXES;
    fill(n > MAX_MUTEXES ? MAX_MUTEXES : n);
    fprintf(stderr, "filled\n");
    done = go_chan_make(0, 0);
    go_spawn(a_then_b, NULL);
    go_chan_recv(done, NULL);
    go_spawn(b_then_a, NULL);
    go_chan_recv(done, NULL);
    fprintf(stderr, "done\n");
    return 0;
}
// CHECK: gosan: WARNING: lock-order graph is full (65536 mutexes, 131072 lock orders): the least recently used are forgotten
// CHECK-NOT: lock-order graph is full
// CHECK: filled
// CHECK-NOT: lock-order graph is full
// CHECK: WARNING: gosan: lock-order inversion (potential deadlock)
// CHECK: Mutex M2 acquired here while holding mutex M1 in goroutine
// CHECK-NEXT: #0 b_then_a {{.*}}graph_full.c:47
// CHECK: Location is global 'mu_
// CHECK: done
// CHECK-NOT: lock-order graph is full
// CHECK: gosan: reported 1 warning
