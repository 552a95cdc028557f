// select picks uniformly at random among the ready cases: with four ready
// cases (two receives, two sends) each is taken about a quarter of the
// time.  The bound (20%..30% over 40000 selects) is many standard
// deviations wide (one is 0.2%), so the test fails only if the choice is
// biased.
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: %cc-tsan %s -o %t-tsan && env GOSAN_MAXPROCS=2 %t-tsan | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

#define TRIALS 40000

int main(void) {
    go_chan *r1 = go_chan_make(sizeof(int), 1), *r2 = go_chan_make(sizeof(int), 1);
    go_chan *s1 = go_chan_make(sizeof(int), 1), *s2 = go_chan_make(sizeof(int), 1);
    int one = 1, sink;
    go_chan_send(r1, &one);
    go_chan_send(r2, &one);
    go_case cases[4] = {
        {r1, GO_RECV, &sink, false}, {s1, GO_SEND, &one, false},
        {r2, GO_RECV, &sink, false}, {s2, GO_SEND, &one, false},
    };
    long count[4] = {0};
    for (int t = 0; t < TRIALS; t++) {
        int i = go_select(cases, 4, false);
        if (i < 0 || i > 3) {
            printf("unexpected result %d\n", i);
            return 1;
        }
        count[i]++;
        /* make the chosen case ready again */
        if (cases[i].dir == GO_RECV)
            go_chan_send(cases[i].chan, &one);
        else
            go_chan_recv(cases[i].chan, NULL);
    }
    int fair = 1;
    for (int i = 0; i < 4; i++) {
        double share = (double)count[i] / TRIALS;
        if (share < 0.20 || share > 0.30) {
            printf("case %d taken %.3f of the time\n", i, share);
            fair = 0;
        }
    }
    printf("uniform: %s\n", fair ? "yes" : "no");
    return 0;
}
// CHECK-NOT: taken
// CHECK: uniform: yes
