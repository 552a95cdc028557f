// A correct program under exploration: every schedule passes, so
// gosan-explore runs them all, says so and exits 0.  The program hands
// values through channels, a mutex and a WaitGroup between goroutines, so
// the schedules do differ.
// RUN: %plain-cc %s -o %t
// RUN: gosan-explore --runs 8 -- %t 2>&1 | FileCheck %s --check-prefix=PCT
// PCT: gosan-explore: no failure in 8 schedules (strategy pct, depth 3)
// RUN: gosan-explore --strategy random --runs 5 --seed-start 100 -- %t 2>&1 | FileCheck %s --check-prefix=RANDOM
// RANDOM: gosan-explore: no failure in 5 schedules (strategy random)
// RUN: %gosan-cc %s -o %t.checked
// RUN: gosan-explore --runs 3 --depth 2 -- %t.checked 2>&1 | FileCheck %s --check-prefix=CHECKED
// CHECKED: gosan-explore: no failure in 3 schedules (strategy pct, depth 2)
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>

static go_mutex mu;
static go_wg wg;
static long total;

static void worker(void *arg)
{
    go_chan *in = arg;
    int v;
    while (go_chan_recv(in, &v)) {
        go_mutex_lock(&mu);
        total += v;
        go_mutex_unlock(&mu);
    }
    go_wg_done(&wg);
}

int main(void)
{
    go_chan *in = go_chan_make(sizeof(int), 2);
    go_wg_add(&wg, 3);
    for (int i = 0; i < 3; i++)
        go_spawn(worker, in);
    for (int i = 1; i <= 20; i++)
        go_chan_send(in, &i);
    go_chan_close(in);
    go_wg_wait(&wg);
    if (total != 210) {
        fprintf(stderr, "total %ld\n", total);
        abort();
    }
    return 0;
}
