// A select with many cases (more than the library keeps on the stack),
// naming the same channels several times and in both directions: channels
// are locked once each in address order, so concurrent selects over the
// same channels in different case orders never deadlock, and every value
// sent is received exactly once.  Every fifth receive case is a NULL
// channel (never ready); the others name each channel, in a scrambled order.
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=2 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
// RUN: %cc-tsan %s -o %t-tsan && env GOSAN_MAXPROCS=2 %t-tsan | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

#define NCH 10
#define NCASES 40
#define WORKERS 8
#define PER 500
static go_chan *chans[NCH];
static atomic_int received[WORKERS * PER];
static go_wg sent;

/* Sends its values through selects whose NCASES send cases name the
 * channels in a worker-specific order. */
static void worker(void *arg) {
    int id = (int)(long)arg;
    for (int k = 0; k < PER; k++) {
        int v = id * PER + k;
        go_case cs[NCASES];
        for (int i = 0; i < NCASES; i++)
            cs[i] = (go_case){chans[(i * (id + 1) + k) % NCH], GO_SEND, &v, false};
        go_select(cs, NCASES, true);
    }
    go_wg_done(&sent);
}

int main(void) {
    for (int i = 0; i < NCH; i++)
        chans[i] = go_chan_make(sizeof(int), i % 3 == 0 ? 0 : 2);
    go_wg_add(&sent, WORKERS);
    for (long w = 0; w < WORKERS; w++)
        go_spawn(worker, (void *)w);
    int got = 0;
    while (got < WORKERS * PER) {
        int vals[NCASES];
        go_case cs[NCASES];
        for (int i = 0; i < NCASES; i++)
            cs[i] = (go_case){i % 5 == 4 ? NULL : chans[7 * (i / 5 * 4 + i % 5) % NCH], GO_RECV, &vals[i], false};
        int r = go_select(cs, NCASES, true);
        if (r < 0 || !cs[r].ok || vals[r] < 0 || vals[r] >= WORKERS * PER) {
            printf("bad select result %d\n", r);
            return 1;
        }
        atomic_fetch_add(&received[vals[r]], 1);
        got++;
    }
    go_wg_wait(&sent);
    int wrong = 0;
    for (int v = 0; v < WORKERS * PER; v++)
        wrong += atomic_load(&received[v]) != 1;
    printf("values=%d received-not-once=%d\n", WORKERS * PER, wrong);
    for (int i = 0; i < NCH; i++)
        go_chan_free(chans[i]);
    return 0;
}
// CHECK: values=4000 received-not-once=0
