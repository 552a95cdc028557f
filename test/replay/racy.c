// Record then replay of a racy program under the checker: the replay runs
// the same interleaving, so the checker reports the same race, at the same
// lines, with the same exit status (66).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -g %s -o %t
// RUN: env GOSAN_RECORD=%t.log %t > %t.rec 2>&1; echo "status $?" >> %t.rec
// RUN: env GOSAN_REPLAY=%t.log %t > %t.rep 2>&1; echo "status $?" >> %t.rep
// RUN: FileCheck %s < %t.rec
// RUN: FileCheck %s < %t.rep
// RUN: sed -e 's/0x[0-9a-f]*/ADDR/g' -e "s/pid=[0-9]*/pid=P/" %t.rec > %t.rec.n
// RUN: sed -e 's/0x[0-9a-f]*/ADDR/g' -e "s/pid=[0-9]*/pid=P/" %t.rep > %t.rep.n
// RUN: diff %t.rec.n %t.rep.n
// CHECK: WARNING: gosan: data race
// CHECK: Previous write of size 8
// CHECK: bump {{.*}}racy.c:[[@LINE+13]]
// CHECK: status 66
#include <gosan/go.h>
#include <stdio.h>

static long counter;
static go_wg wg;
static go_chan *ready;

static void bump(void *arg)
{
    (void)arg;
    go_chan_send(ready, NULL);
    counter++; /* unsynchronised with the other bump */
    go_wg_done(&wg);
}

int main(void)
{
    ready = go_chan_make(0, 2);
    go_wg_add(&wg, 2);
    go_spawn(bump, NULL);
    go_spawn(bump, NULL);
    go_wg_wait(&wg);
    printf("counter %ld\n", counter);
    return 0;
}
