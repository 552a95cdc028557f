// RWMutex: Unlock happens before the next RLock, RUnlock before the next
// Lock, so readers read what the writer wrote without a race.  Readers do
// not order each other: two readers writing under RLock race (-DRACY).
// The writer starts only after both readers' first pass, and the readers go
// on only after its first write (relaxed counters, which order nothing):
// otherwise a schedule that runs one reader, then a Lock/Unlock, then the
// other really does order the two readers' writes, and one that runs the
// readers first never tests the writer's edges.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

static int table[4], hits;
static go_rwmutex rw;
static go_wg wg;
static atomic_int first_passes, writes;

static void writer(void *arg) {
    (void)arg;
    while (atomic_load_explicit(&first_passes, memory_order_relaxed) < 2)
        go_yield();
    for (int i = 0; i < 50; i++) {
        go_rwmutex_lock(&rw);
        table[i % 4] = i + 1;
        go_rwmutex_unlock(&rw);
        atomic_fetch_add_explicit(&writes, 1, memory_order_relaxed);
        go_yield();
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
        if (i == 0) {
            atomic_fetch_add_explicit(&first_passes, 1, memory_order_relaxed);
            while (atomic_load_explicit(&writes, memory_order_relaxed) < 1)
                go_yield();
        }
        go_yield(); /* let the writer in between reads */
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
