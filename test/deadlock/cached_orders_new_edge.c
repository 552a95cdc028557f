// Orders a thread has taken before are cached and skip the lock-order
// graph; a new order must still reach it.  One goroutine takes a-then-b
// (and c-then-d, read locks of an RWMutex) 20000 times, another takes
// b-then-a once: the inversion is reported, whichever side runs first,
// and the program exits right after.  "free" frees the heap mutex b after
// the loop and takes a new one at the same address in the loop again: the
// order into the new mutex, cached at the old one's address, must be
// added again (the free invalidated the cache), so the inversion with
// it is still found.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t many-first 2>&1 | FileCheck --check-prefixes=CHECK,MANY %s
// RUN: not %t one-first 2>&1 | FileCheck --check-prefixes=CHECK,ONE %s
// RUN: not %t free 2>&1 | FileCheck --check-prefixes=CHECK,MANY %s
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static go_mutex mu_a;
static go_mutex *mu_b;
static go_rwmutex rw_c, rw_d;
static go_chan *done; /* each side reports it finished */
static long counter;

static void many(void *arg)
{
    long n = (long)arg;
    for (long i = 0; i < n; i++) {
        go_mutex_lock(&mu_a);
        go_mutex_lock(mu_b); // line 31
        counter++;
        go_mutex_unlock(mu_b);
        go_mutex_unlock(&mu_a);
        go_rwmutex_rlock(&rw_c);
        go_rwmutex_rlock(&rw_d);
        go_rwmutex_runlock(&rw_d);
        go_rwmutex_runlock(&rw_c);
    }
    go_chan_send(done, NULL);
}

static void once(void *arg)
{
    (void)arg;
    go_mutex_lock(mu_b);
    go_mutex_lock(&mu_a); // line 47
    go_mutex_unlock(&mu_a);
    go_mutex_unlock(mu_b);
    go_chan_send(done, NULL);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    done = go_chan_make(0, 0);
    mu_b = calloc(1, sizeof *mu_b);
    if (strcmp(mode, "free") == 0) {
        go_spawn(many, (void *)20000L);
        go_chan_recv(done, NULL);
        go_mutex *old = mu_b;
        free(mu_b);
        mu_b = calloc(1, sizeof *mu_b);
        if (mu_b != old)
            fprintf(stderr, "note: the new mutex is elsewhere\n");
    }
    bool one_first = strcmp(mode, "one-first") == 0;
    go_spawn(one_first ? once : many, (void *)20000L);
    go_chan_recv(done, NULL);
    go_spawn(one_first ? many : once, (void *)20000L);
    go_chan_recv(done, NULL);
    return 0;
}
// CHECK: WARNING: gosan: lock-order inversion (potential deadlock)
// MANY: SUMMARY: gosan: lock-order inversion (potential deadlock) {{.*}}cached_orders_new_edge.c:47 in once
// ONE: SUMMARY: gosan: lock-order inversion (potential deadlock) {{.*}}cached_orders_new_edge.c:31 in many
// CHECK-NOT: WARNING: gosan
// CHECK: gosan: reported 1 warning
