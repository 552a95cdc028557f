// The shape of bench/checker/spawnheavy.c: batches of goroutines joined by
// a WaitGroup, every goroutine of a batch reading one shared global while
// the others of its batch are alive.  BATCH (20) unordered readers crowd
// the granule past its 13 records (4 inline, 10 in the side table): the
// first readers of a batch replace the earlier batches' records (ordered
// before them by the join), the others are checked under the stripe lock
// and not recorded.  What a cheaper path for these reads must keep:
//   WR     a writer spawned after batch 1 and never joined writes the
//          global before batch 2 reads it: batch 2's reads race with it
//   RW     batch 2 reads first (all alive at once), then that writer
//          writes: the write races with batch 2's recorded reads
//   CLEAN  no writer; main writes the global after each batch's join:
//          the earlier batches' records are ordered before it, no report
// The racy runs exit right after the racy access.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: not %t wr 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: not %t rw 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: %t clean 2>&1 | FileCheck --check-prefix=CLEAN %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define BATCH 20
#define BATCHES 3

/* Not static, so every access is kept; one granule. */
long shared[2] __attribute__((aligned(16)));
static go_wg wg;
/* relaxed: order nothing for the checker */
static atomic_int arrived, write_now, written;

static void reader(void *arg)
{
    (void)arg;
    volatile long v = shared[0];
    (void)v;
    atomic_fetch_add_explicit(&arrived, 1, memory_order_relaxed);
    while (atomic_load_explicit(&arrived, memory_order_relaxed) % BATCH)
        go_yield(); /* the whole batch reads while all of it is alive */
    go_wg_done(&wg);
}

static void writer(void *arg)
{
    (void)arg;
    while (!atomic_load_explicit(&write_now, memory_order_relaxed))
        go_yield();
    shared[0] = 42;
    atomic_store_explicit(&written, 1, memory_order_relaxed);
}

static void batch(void)
{
    go_wg_add(&wg, BATCH);
    for (int i = 0; i < BATCH; i++)
        go_spawn(reader, NULL);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "clean";
    batch();
    go_wg_wait(&wg);
    if (!strcmp(mode, "clean")) {
        for (int b = 1; b < BATCHES; b++) {
            shared[0] = b; /* after the join: ordered after every read */
            batch();
            go_wg_wait(&wg);
        }
        shared[0] = 0;
        // CLEAN: clean done
        // CLEAN-NOT: WARNING: gosan
        printf("clean done\n");
        return 0;
    }
    go_spawn(writer, NULL); /* after batch 1: its reads happen before the write */
    if (!strcmp(mode, "wr")) {
        atomic_store_explicit(&write_now, 1, memory_order_relaxed);
        while (!atomic_load_explicit(&written, memory_order_relaxed))
            go_yield();
        batch();
        go_wg_wait(&wg);
    } else {
        batch();
        go_wg_wait(&wg);
        atomic_store_explicit(&write_now, 1, memory_order_relaxed);
        while (!atomic_load_explicit(&written, memory_order_relaxed))
            go_yield();
    }
    // RACE: WARNING: gosan: data race
    // RACE: shared
    return 0;
}
