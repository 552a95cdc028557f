// A three-mutex cycle a -> b -> c -> a, each edge taken by a different
// goroutine at a different time: no pair is inverted, only the whole cycle.
// Reported once, when the third edge closes it.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static go_mutex ma, mb, mc;
static go_chan *done; /* each goroutine reports it finished */

typedef struct pair { go_mutex *first, *second; } pair;

static void nest(void *arg)
{
    pair *p = arg;
    go_mutex_lock(p->first);
    go_mutex_lock(p->second);   // the inner lock
    go_mutex_unlock(p->second);
    go_mutex_unlock(p->first);
    go_chan_send(done, NULL);
}

static void run(go_mutex *first, go_mutex *second)
{
    pair p = {first, second};
    go_spawn(nest, &p);
    go_chan_recv(done, NULL);
}

int main(void)
{
    done = go_chan_make(0, 0);
    run(&ma, &mb);
    run(&mb, &mc);
    fprintf(stderr, "two edges\n");
    run(&mc, &ma);
    run(&mc, &ma);
    fprintf(stderr, "done\n");
    return 0;
}
// CHECK: two edges
// CHECK-NEXT: ==
// CHECK-NEXT: WARNING: gosan: lock-order inversion (potential deadlock)
// CHECK-NEXT: Cycle in lock order graph: M1 (0x{{[0-9a-f]+}}) => M2 (0x{{[0-9a-f]+}}) => M3 (0x{{[0-9a-f]+}}) => M1
// CHECK-COUNT-3: acquired here while holding mutex
// CHECK: Location is global 'mc'
// CHECK: Location is global 'ma'
// CHECK: Location is global 'mb'
// CHECK: SUMMARY: gosan: lock-order inversion (potential deadlock) {{.*}}cycle3.c:19 in nest
// CHECK-NOT: WARNING: gosan
// CHECK: done
