// A mutex whose memory is freed leaves the lock-order graph: a new mutex
// at the same address starts with no edges, so taking it in the opposite
// order to the freed one is no inversion.  A live pair still is.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: %t 2>&1 | FileCheck %s
// RUN: not %t keep 2>&1 | FileCheck --check-prefix=KEEP %s
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static go_mutex mb;
static go_mutex *cur;
static go_chan *done; /* each goroutine reports it finished */

static void cur_then_b(void *arg)
{
    (void)arg;
    go_mutex_lock(cur);
    go_mutex_lock(&mb);
    go_mutex_unlock(&mb);
    go_mutex_unlock(cur);
    go_chan_send(done, NULL);
}

static void b_then_cur(void *arg)
{
    (void)arg;
    go_mutex_lock(&mb);
    go_mutex_lock(cur);
    go_mutex_unlock(cur);
    go_mutex_unlock(&mb);
    go_chan_send(done, NULL);
}

static void run(go_func fn)
{
    go_spawn(fn, NULL);
    go_chan_recv(done, NULL);
}

int main(int argc, char **argv)
{
    done = go_chan_make(0, 0);
    bool keep = argc > 1;
    go_mutex *old = cur = calloc(1, sizeof *cur);
    run(cur_then_b);
    if (!keep) {
        free(cur);
        /* glibc's malloc (not calloc, which bypasses its per-thread cache)
         * hands back the block just freed: same address, new mutex. */
        cur = malloc(sizeof *cur);
        memset(cur, 0, sizeof *cur);
        fprintf(stderr, "same address: %d\n", cur == old);
    }
    run(b_then_cur);
    fprintf(stderr, "done\n");
    return 0;
}
// CHECK-NOT: WARNING: gosan
// CHECK: same address: 1
// CHECK-NOT: WARNING: gosan
// CHECK: done

// KEEP: WARNING: gosan: lock-order inversion (potential deadlock)
// KEEP: Location is heap block of size {{[0-9]+}}
// KEEP: done
