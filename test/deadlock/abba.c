// AB-BA: one goroutine takes a then b, a later one takes b then a.  The run
// never hangs (a channel runs them one after the other), yet the order is
// a potential deadlock: reported once, at the acquisition that closes the
// cycle, with both stacks of both edges and where each mutex lives.  The
// pair runs twice: the second time adds no report.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static go_mutex mu_a, mu_b;
static go_chan *done; /* each goroutine reports it finished */

static void a_then_b(void *arg)
{
    (void)arg;
    go_mutex_lock(&mu_a);
    go_mutex_lock(&mu_b);
    go_mutex_unlock(&mu_b);
    go_mutex_unlock(&mu_a);
    go_chan_send(done, NULL);
}

static void b_then_a(void *arg)
{
    (void)arg;
    go_mutex_lock(&mu_b);
    go_mutex_lock(&mu_a);
    go_mutex_unlock(&mu_a);
    go_mutex_unlock(&mu_b);
    go_chan_send(done, NULL);
}

int main(void)
{
    done = go_chan_make(0, 0);
    for (int i = 0; i < 2; i++) {
        go_spawn(a_then_b, NULL);
        go_chan_recv(done, NULL);
        go_spawn(b_then_a, NULL);
        go_chan_recv(done, NULL);
    }
    fprintf(stderr, "done\n");
    return 0;
}
// CHECK: WARNING: gosan: lock-order inversion (potential deadlock)
// CHECK-NEXT: Cycle in lock order graph: M1 (0x[[B:[0-9a-f]+]]) => M2 (0x[[A:[0-9a-f]+]]) => M1
// CHECK: Mutex M2 acquired here while holding mutex M1 in goroutine [[G2:[0-9]+]]:
// CHECK-NEXT: #0 b_then_a {{.*}}abba.c:29
// CHECK: Mutex M1 previously acquired by the same goroutine here:
// CHECK-NEXT: #0 b_then_a {{.*}}abba.c:28
// CHECK: Mutex M1 acquired here while holding mutex M2 in goroutine [[G1:[0-9]+]]:
// CHECK-NEXT: #0 a_then_b {{.*}}abba.c:19
// CHECK: Mutex M2 previously acquired by the same goroutine here:
// CHECK-NEXT: #0 a_then_b {{.*}}abba.c:18
// CHECK: Mutex M1 (0x[[B]]):
// CHECK-NEXT: Location is global 'mu_b'
// CHECK: Mutex M2 (0x[[A]]):
// CHECK-NEXT: Location is global 'mu_a'
// CHECK: Goroutine [[G2]] ({{.*}}) created at:
// CHECK: Goroutine [[G1]] ({{.*}}) created at:
// CHECK: SUMMARY: gosan: lock-order inversion (potential deadlock) {{.*}}abba.c:29 in b_then_a
// CHECK-NOT: WARNING: gosan
// CHECK: done
// CHECK-NOT: WARNING: gosan
