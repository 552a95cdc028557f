// Signal happens before the woken wait returns (with the mutex, NORACE).
// A write made after signalling, outside the lock, races with the waiter's
// read (RACY).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static int ready, data;
static go_mutex mu;
static go_cond cv;
static go_wg wg;

static void producer(void *arg) {
    (void)arg;
    go_mutex_lock(&mu);
    ready = 1;
#ifndef RACY
    data = 42;
#endif
    go_cond_signal(&cv);
    go_mutex_unlock(&mu);
#ifdef RACY
    data = 42;
#endif
    go_wg_done(&wg);
}

int main(void) {
    go_cond_init(&cv, &mu);
    go_wg_add(&wg, 1);
    go_spawn(producer, NULL);
    go_mutex_lock(&mu);
    while (!ready)
        go_cond_wait(&cv);
    go_mutex_unlock(&mu);
    printf("data=%d\n", data);
    go_wg_wait(&wg);
    printf("done\n");
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: done
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'data'
