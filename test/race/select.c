// A select that receives is a receive: the send it takes happens before it
// completes.  A write the sender makes after its (buffered) send is not
// ordered with the selecting goroutine's read.
// REQUIRES: plugin
// RUN: %gosan-cc -O0 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O0 -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static int x;
static go_chan *never, *c;
static go_wg wg;

static void sender(void *arg) {
    (void)arg;
    int v = 5;
#ifndef RACY
    x = 1;
    go_chan_send(c, &v);
#else
    go_chan_send(c, &v);
    x = 1;
#endif
    go_wg_done(&wg);
}

int main(void) {
    never = go_chan_make(sizeof(int), 0);
    c = go_chan_make(sizeof(int), 1);
    go_wg_add(&wg, 1);
    go_spawn(sender, NULL);
    int a = 0, b = 0;
    go_case cases[2] = {{never, GO_RECV, &a, false}, {c, GO_RECV, &b, false}};
    int i = go_select(cases, 2, true);
    printf("case %d b=%d x=%d\n", i, b, x);
    go_wg_wait(&wg);
    printf("done\n");
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: done
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'x'
