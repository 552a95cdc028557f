// Send and receive cases on the same channel in one select.  Two goroutines
// each selecting {send c, recv c} on an unbuffered channel must pair up: in
// every round one sends and the other receives its value.  On a channel of
// capacity 1 the same select sends when it is empty and receives when full.
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=2 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

#define ROUNDS 2000
static go_chan *c;
static atomic_int sends, recvs, bad;
static go_wg wg;

static void party(void *arg) {
    int id = (int)(long)arg;
    for (int r = 0; r < ROUNDS; r++) {
        int out = id * 1000000 + r, in = -1;
        go_case cases[2] = {{c, GO_SEND, &out, false}, {c, GO_RECV, &in, false}};
        int i = go_select(cases, 2, true);
        if (i == 0) {
            atomic_fetch_add(&sends, 1);
        } else {
            atomic_fetch_add(&recvs, 1);
            if (in / 1000000 == id) /* received its own value: impossible */
                atomic_fetch_add(&bad, 1);
        }
    }
    go_wg_done(&wg);
}

int main(void) {
    c = go_chan_make(sizeof(int), 0);
    go_wg_add(&wg, 2);
    go_spawn(party, (void *)1L);
    go_spawn(party, (void *)2L);
    go_wg_wait(&wg);
    printf("sends=%d recvs=%d self-receives=%d\n", atomic_load(&sends), atomic_load(&recvs), atomic_load(&bad));
    go_chan_free(c);

    c = go_chan_make(sizeof(int), 1);
    int out = 5, in = 0, wrong = 0;
    for (int r = 0; r < 100; r++) {
        go_case cases[2] = {{c, GO_SEND, &out, false}, {c, GO_RECV, &in, false}};
        int i = go_select(cases, 2, true);
        wrong += i != r % 2;
    }
    printf("buffered alternation wrong=%d in=%d\n", wrong, in);
    go_chan_free(c);
    return 0;
}
// CHECK: sends=2000 recvs=2000 self-receives=0
// CHECK: buffered alternation wrong=0 in=5
