// A goroutine's labels appear in the header line of its access.  x is
// printed at the end: a global that is only ever written is dead code to
// the optimizer, which would delete the racy stores.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && not %t 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static int x;
static go_chan *done;

static void worker(void *arg) {
    (void)arg;
    go_label_set("job", "indexer");
    go_label_set("shard", "3");
    x = 1;
    go_chan_send(done, NULL);
}

int main(void) {
    done = go_chan_make(0, 1);
    x = 2;
    go_spawn(worker, NULL);            /* x = 2 is ordered before the child */
    go_label_set("who", "main");
    x = 3;                             /* this one is not */
    go_chan_recv(done, NULL);
    printf("x=%d done\n", x);
    return 0;
}
// CHECK: WARNING: gosan: data race
// CHECK: by goroutine {{[12]}} [{{(job=indexer, shard=3|who=main)}}]:
// CHECK: Previous write of size 4 at {{.*}} by goroutine {{[12]}} [{{(job=indexer, shard=3|who=main)}}]:
// CHECK: Goroutine 1 (main)
// CHECK: done
// CHECK: gosan: reported 1 warning
