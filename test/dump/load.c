// gosan_dump is safe while other goroutines run: 8 goroutines keep working
// (yielding, sending and receiving) and 8 stay parked while main dumps 20
// times.  Every dump lists all 17 goroutines, each with a header, a frame
// or Go's "stack unavailable" line for one running on another thread.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: %t > %t.dump 2>&1
// RUN: FileCheck %s < %t.dump
// RUN: test $(grep -c '^goroutine [0-9]* \[' %t.dump) -eq 340
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdatomic.h>
#include <stdio.h>

static go_chan *work, *park;
static atomic_int stop;
static go_wg busy_done;

static void busy(void *arg)
{
    (void)arg;
    int v = 0;
    while (!atomic_load(&stop)) {
        go_chan_send(work, &v);
        go_chan_recv(work, &v);
        go_yield();
    }
    go_wg_done(&busy_done);
}

static void parked(void *arg)
{
    (void)arg;
    go_chan_recv(park, NULL);
}

int main(void)
{
    go_maxprocs(2);
    work = go_chan_make(sizeof(int), 8);
    park = go_chan_make(0, 0);
    go_wg_add(&busy_done, 8);
    for (int i = 0; i < 8; i++) {
        go_spawn(busy, NULL);
        go_spawn(parked, NULL);
    }
    go_sleep(10 * 1000000ll);
    for (int i = 0; i < 20; i++)
        gosan_dump(1);
    atomic_store(&stop, 1);
    go_wg_wait(&busy_done);
    go_chan_close(park);
    printf("done\n");
    return 0;
}
// CHECK: goroutine 1 [running]:
// CHECK-NEXT: main(...)
// CHECK: goroutine {{[0-9]+}} [chan receive]:
// CHECK-NEXT: parked(...)
// CHECK: done
