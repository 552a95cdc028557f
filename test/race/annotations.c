// gosan_release(a) happens before a gosan_acquire(a) that follows it
// (NORACE, the order coming from a relaxed flag the checker cannot see
// through).  Without the annotations it is a race (RACY); accesses between
// gosan_ignore_begin/end are not checked (IGNORE).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DIGNORE -DNO_ANNOT %s -o %t-ign && %t-ign 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DNO_ANNOT %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdatomic.h>
#include <stdio.h>

static int slot;
static atomic_int ready;
static go_wg wg;

static void producer(void *arg) {
    (void)arg;
#ifdef IGNORE
    gosan_ignore_begin();
#endif
    slot = 7;
#ifdef IGNORE
    gosan_ignore_end();
#endif
#ifndef NO_ANNOT
    gosan_release(&slot);
#endif
    atomic_store_explicit(&ready, 1, memory_order_relaxed);
    go_wg_done(&wg);
}

int main(void) {
    go_wg_add(&wg, 1);
    go_spawn(producer, NULL);
    while (!atomic_load_explicit(&ready, memory_order_relaxed))
        go_yield();
#ifndef NO_ANNOT
    gosan_acquire(&slot);
#endif
    printf("slot=%d\n", slot);
    go_wg_wait(&wg);
    printf("done\n");
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: done
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'slot'
