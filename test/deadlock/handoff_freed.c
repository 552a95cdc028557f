// A hand-off is a property of a mutex, not of its address: a heap mutex
// that was handed off (locked by main, unlocked by a helper) is freed, and
// a new mutex at the same address starts under the owner rule again.  The
// new one and a global mutex then deadlock two goroutines (each holds one
// and waits for the other) while a third goroutine keeps running: the wait
// cycle is reported when it closes, as for any never-handed-off mutex.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static go_mutex *mh;
static go_mutex mg;
static go_chan *have_h, *have_g;
static volatile int spins;

static void unlock_it(void *arg)
{
    go_mutex_unlock(arg);
}

static void g1(void *arg)
{
    (void)arg;
    go_mutex_lock(mh);
    go_chan_send(have_h, NULL);
    go_chan_recv(have_g, NULL);
    go_mutex_lock(&mg);         // g1 waits for mg
}

static void g2(void *arg)
{
    (void)arg;
    go_mutex_lock(&mg);
    go_chan_send(have_g, NULL);
    go_chan_recv(have_h, NULL);
    go_mutex_lock(mh);          // g2 waits for the new mutex
}

static void busy(void *arg)
{
    (void)arg;
    for (;;) {
        spins++;
        go_sleep(1000000);
    }
}

int main(void)
{
    go_mutex *old = calloc(1, sizeof *old);
    go_mutex_lock(old);
    go_spawn(unlock_it, old);
    go_mutex_lock(old);         /* handed off */
    go_mutex_unlock(old);
    free(old);
    /* glibc's malloc (not calloc, which bypasses its per-thread cache)
     * hands back the block just freed: same address, new mutex. */
    mh = malloc(sizeof *mh);
    memset(mh, 0, sizeof *mh);
    printf("%s\n", mh == old ? "same address" : "other address");
    fflush(stdout);
    have_h = go_chan_make(0, 1);
    have_g = go_chan_make(0, 1);
    go_spawn(busy, NULL);
    go_spawn(g1, NULL);
    go_spawn(g2, NULL);
    go_sleep(5000000000ll);     // the report ends the program long before
    fprintf(stderr, "not detected\n");
    return 0;
}
// CHECK: same address
// CHECK: WARNING: gosan: deadlock
// CHECK-NEXT: Wait cycle: goroutine {{[0-9]+}} => goroutine {{[0-9]+}} => goroutine {{[0-9]+}}
// CHECK: SUMMARY: gosan: deadlock
// CHECK-NOT: not detected
