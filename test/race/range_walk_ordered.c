// A range walk whose granules each hold one record ordered before it (the
// shape of bench/checker/spawnheavy.c: a slice an earlier, joined
// goroutine read).  What a cheaper path for such walks (deciding these
// granules in the walk instead of the slow path per granule) must keep,
// for a granule at the start, in the middle and at the end of the range:
//   WR   a writer never joined with the reader rewrites the whole granule
//        (its one record is then that write, not ordered before the
//        reader) before the reader's walk: the walk reports it
//   RW   the walk first, then that writer: the walk recorded its read in
//        every granule, so the write races with it
//   JOINED a writer joined by main rewrites the granule, main's walk reads
//        it (ordered after the write, but a read: it may not take the
//        write's place), then a reader spawned before that writer reads
//        the granule: it races with the write
//   CLEAN  the walk, then main writes the slice after joining the reader
// The racy runs exit right after the racy access.
// REQUIRES: plugin
// RUN: %gosan-cc -O2 %s -o %t
// RUN: not %t wr 0 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: not %t wr 15 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: not %t wr 31 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: not %t rw 0 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: not %t rw 15 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: not %t rw 31 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: not %t joined 0 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: not %t joined 15 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: not %t joined 31 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: %t clean 15 2>&1 | FileCheck --check-prefix=CLEAN %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LONGS 64 /* 512 bytes: 32 granules */

long slice[LONGS] __attribute__((aligned(16)));
long sums[2];
static int len, granule;
static go_wg wg;
/* relaxed: order nothing for the checker */
static atomic_int go_write, written, go_read, read_done;

__attribute__((noinline)) static long sum_of(const long *p, int n)
{
    long s = 0;
    for (int i = 0; i < n; i++) /* n is not a constant: one range walk */
        s += p[i];
    return s;
}

static void early_reader(void *arg)
{
    (void)arg;
    sums[0] = sum_of(slice, len);
    go_wg_done(&wg);
}

static void reader(void *arg)
{
    (void)arg;
    while (!atomic_load_explicit(&go_read, memory_order_relaxed))
        go_yield();
    sums[1] = sum_of(slice, len);
    atomic_store_explicit(&read_done, 1, memory_order_relaxed);
    go_wg_done(&wg);
}

static void late_reader(void *arg)
{
    (void)arg;
    while (!atomic_load_explicit(&go_read, memory_order_relaxed))
        go_yield();
    volatile long v = slice[2 * granule + 1];
    (void)v;
    atomic_store_explicit(&read_done, 1, memory_order_relaxed);
}

static void joined_writer(void *arg)
{
    (void)arg;
    memset(&slice[2 * granule], 1, 16);
    go_wg_done(&wg);
}

static void writer(void *arg)
{
    (void)arg;
    while (!atomic_load_explicit(&go_write, memory_order_relaxed))
        go_yield();
    memset(&slice[2 * granule], 1, 16); /* the whole granule: covers the early read */
    atomic_store_explicit(&written, 1, memory_order_relaxed);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "clean";
    granule = argc > 2 ? atoi(argv[2]) : 15;
    len = LONGS - (argc > 3); /* not a constant */
    go_wg_add(&wg, 1);
    go_spawn(early_reader, NULL);
    go_wg_wait(&wg); /* the early read happens before everything below */
    if (!strcmp(mode, "joined")) {
        go_spawn(late_reader, NULL); /* before the write: never ordered after it */
        go_wg_add(&wg, 1);
        go_spawn(joined_writer, NULL);
        go_wg_wait(&wg);
        sums[1] = sum_of(slice, len); /* ordered after the write */
        atomic_store_explicit(&go_read, 1, memory_order_relaxed);
        while (!atomic_load_explicit(&read_done, memory_order_relaxed))
            go_yield();
        return 0;
    }
    go_wg_add(&wg, 1);
    go_spawn(reader, NULL);
    if (!strcmp(mode, "clean")) {
        atomic_store_explicit(&go_read, 1, memory_order_relaxed);
        go_wg_wait(&wg);
        memset(slice, 2, sizeof slice); /* after the join: no race */
        // CLEAN: clean done
        // CLEAN-NOT: WARNING: gosan
        printf("clean done\n");
        return 0;
    }
    go_spawn(writer, NULL); /* never joined */
    if (!strcmp(mode, "wr")) {
        atomic_store_explicit(&go_write, 1, memory_order_relaxed);
        while (!atomic_load_explicit(&written, memory_order_relaxed))
            go_yield();
        atomic_store_explicit(&go_read, 1, memory_order_relaxed);
        while (!atomic_load_explicit(&read_done, memory_order_relaxed))
            go_yield();
    } else {
        atomic_store_explicit(&go_read, 1, memory_order_relaxed);
        while (!atomic_load_explicit(&read_done, memory_order_relaxed))
            go_yield();
        atomic_store_explicit(&go_write, 1, memory_order_relaxed);
        while (!atomic_load_explicit(&written, memory_order_relaxed))
            go_yield();
    }
    // RACE: WARNING: gosan: data race
    // RACE: slice
    return 0;
}
