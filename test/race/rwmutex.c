// RWMutex: Unlock happens before the next RLock, RUnlock before the next
// Lock (NORACE: readers read what the writer wrote).  Readers do not order
// each other: two readers writing under RLock race (RACY).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static int table[4], hits;
static go_rwmutex rw;
static go_wg wg;

static void writer(void *arg) {
    (void)arg;
    for (int i = 0; i < 50; i++) {
        go_rwmutex_lock(&rw);
        table[i % 4] = i;
        go_rwmutex_unlock(&rw);
    }
    go_wg_done(&wg);
}

static void reader(void *arg) {
    (void)arg;
    int sum = 0;
    for (int i = 0; i < 50; i++) {
        go_rwmutex_rlock(&rw);
        sum += table[i % 4];
#ifdef RACY
        hits++;                       /* a write under a read lock */
#endif
        go_rwmutex_runlock(&rw);
    }
    printf("sum=%d\n", sum);
    go_wg_done(&wg);
}

int main(void) {
    go_wg_add(&wg, 3);
    go_spawn(writer, NULL);
    go_spawn(reader, NULL);
    go_spawn(reader, NULL);
    go_wg_wait(&wg);
    printf("hits=%d\ndone\n", hits);
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: done
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'hits'
