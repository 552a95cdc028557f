// select's random choices come from a seed the kernel gives each process
// (AT_RANDOM): a program draining four ready channels through one select
// makes different choices run after run.  GOSAN_SEED=N fixes the seed, so
// two runs with the same N make the same choices, and another N others.
// (Two unseeded runs agree by chance with probability about 4^-400.)
// RUN: %plain-cc %s -o %t
// RUN: %t > %t.a && %t > %t.b && not cmp -s %t.a %t.b
// RUN: env GOSAN_SEED=42 %t > %t.c && env GOSAN_SEED=42 %t > %t.d && cmp %t.c %t.d
// RUN: env GOSAN_SEED=0x2a %t > %t.e && cmp %t.c %t.e
// RUN: env GOSAN_SEED=43 %t > %t.f && not cmp -s %t.c %t.f
// RUN: env GOSAN_SEED=42 GOSAN_MAXPROCS=1 %t > %t.g && env GOSAN_SEED=42 GOSAN_MAXPROCS=1 %t > %t.h && cmp %t.g %t.h
// RUN: %gosan-cc %s -o %t-chk && %t-chk > %t.i && %t-chk > %t.j && not cmp -s %t.i %t.j
// RUN: env GOSAN_SEED=7 %t-chk > %t.k && env GOSAN_SEED=7 %t-chk > %t.l && cmp %t.k %t.l
#include <gosan/go.h>
#include <stdio.h>

#define ROUNDS 100

int main(void) {
    go_chan *ch[4];
    go_case cases[4];
    int v[4];
    for (int i = 0; i < 4; i++) {
        ch[i] = go_chan_make(sizeof(int), ROUNDS);
        for (int k = 0; k < ROUNDS; k++)
            go_chan_send(ch[i], &k);
        cases[i] = (go_case){ch[i], GO_RECV, &v[i], false};
    }
    for (int k = 0; k < 4 * ROUNDS; k++) {
        int i = go_select(cases, 4, true);
        putchar('0' + i);
        if (go_chan_len(ch[i]) == 0)
            cases[i].chan = NULL; /* drained: never ready again */
    }
    putchar('\n');
    return 0;
}
