// Two sends on a buffered channel do not synchronise with each other: the
// second sender learns nothing about the first sender's writes.  A receive
// of the first value does.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static int x;
static go_chan *c, *step;
static go_wg wg;

static void first(void *arg) {
    (void)arg;
    x = 1;
    go_chan_send(c, NULL);
    go_wg_done(&wg);
}

static void second(void *arg) {
    (void)arg;
#ifdef RACY
    go_chan_recv(step, NULL);        /* runs after first() sent: but no edge */
    go_chan_send(c, NULL);
#else
    go_chan_recv(c, NULL);           /* receives first()'s value: an edge */
#endif
    printf("x=%d\n", x);
    go_wg_done(&wg);
}

int main(void) {
    c = go_chan_make(0, 4);
    step = go_chan_make(0, 1);
    go_wg_add(&wg, 2);
    go_spawn(first, NULL);
    go_spawn(second, NULL);
#ifdef RACY
    while (go_chan_len(c) == 0)      /* len orders nothing */
        go_yield();
    go_chan_send(step, NULL);
#endif
    go_wg_wait(&wg);
    printf("done\n");
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: done
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'x'
