// A racy access is not forgotten when the rest of its 16-byte granule is
// busy: x shares a granule with fields that four workers (two goroutines,
// two threads) keep touching, each with its own epoch every round (a plain
// write of one of its two bytes, in turn, and a relaxed increment and load
// of a shared counter), so the granule holds more unordered accesses than
// its four cells.  The
// checker keeps them all (an overflow table) and the race on x is found:
//   WR       a goroutine writes x, the workers run, main reads x
//   RW       a goroutine reads x, the workers run, another writes x
//   READERS  four readers read x (read-shared), the workers run, then a
//            writer that is ordered after three of the reads writes x: only
//            the first reader's read, the oldest access, races with it
//   BYTES    byte-sized neighbours: x is one byte, five workers each write
//            their own two bytes and add to a shared atomic byte
// Each variant exits right after the second racy access.  Replacing a
// pseudo-random cell (TSan's rule) lost the first racy access in all of 50
// runs of each variant.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DWR %s -o %t-wr && not %t-wr 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DRW %s -o %t-rw && not %t-rw 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %gosan-cc -O1 -DREADERS %s -o %t-readers && not %t-readers 2>&1 | FileCheck --check-prefix=READERS %s
// RUN: %gosan-cc -O1 -DBYTES %s -o %t-bytes && not %t-bytes 2>&1 | FileCheck --check-prefix=BYTES %s
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#ifndef ROUNDS
#define ROUNDS 200
#endif

#ifdef BYTES
#define WORKERS 5
typedef char xtype;
struct granule {
    char x;
    char own[2 * WORKERS];
    _Atomic char cnt;
    char pad[16 - 2 - 2 * WORKERS];
};
#else
#ifndef WORKERS
#define WORKERS 4
#endif
typedef int xtype;
struct granule {
    int x;
    _Atomic short cnt;
    char own[10];
};
#endif

/* Not static, so every access is kept. */
struct granule g __attribute__((aligned(16)));
static char epoch_bump[WORKERS];
static atomic_int flag; /* relaxed: orders nothing */
static go_wg wg;

/* One worker: a new epoch each round (a release on its own address, which
 * nobody acquires), so every round's accesses are new ones. */
static void work(long i) {
    for (int r = 0; r < ROUNDS; r++) {
        g.own[2 * i + (r & 1)] = (char)r;
        atomic_fetch_add_explicit(&g.cnt, 1, memory_order_relaxed);
        (void)atomic_load_explicit(&g.cnt, memory_order_relaxed);
        gosan_release(&epoch_bump[i]);
    }
}

static void work_goroutine(void *arg) {
    work((long)arg);
    go_wg_done(&wg);
}

static void *work_thread(void *arg) {
    work((long)arg);
    return NULL;
}

/* Runs the workers, half goroutines and half threads, until all are done. */
static void run_workers(void) {
    pthread_t th[WORKERS];
    go_wg_add(&wg, (WORKERS + 1) / 2);
    for (long i = 0; i < WORKERS; i++) {
        if (i % 2 == 0)
            go_spawn(work_goroutine, (void *)i);
        else
            pthread_create(&th[i], NULL, work_thread, (void *)i);
    }
    for (long i = 1; i < WORKERS; i += 2)
        pthread_join(th[i], NULL);
    go_wg_wait(&wg);
}

static void wait_flag(int v) {
    while (atomic_load_explicit(&flag, memory_order_relaxed) != v)
        go_yield();
}

#if defined(WR) || defined(BYTES)
static void writer(void *arg) {
    (void)arg;
    g.x = 1;
    atomic_store_explicit(&flag, 1, memory_order_relaxed);
}

int main(void) {
    go_spawn(writer, NULL);
    wait_flag(1);
    run_workers();
    // WR: WARNING: gosan: data race
    // WR: Read of size 4 at {{.*}} by goroutine 1:
    // WR-NEXT: #0 main {{.*}}evict_crowded_granule.c:[[@LINE+10]]
    // WR: Previous write of size 4 at {{.*}} by goroutine 2:
    // WR-NEXT: #0 writer {{.*}}evict_crowded_granule.c:[[@LINE-12]]
    // WR: Location is global 'g'
    // BYTES: WARNING: gosan: data race
    // BYTES: Read of size 1 at {{.*}} by goroutine 1:
    // BYTES-NEXT: #0 main {{.*}}evict_crowded_granule.c:[[@LINE+4]]
    // BYTES: Previous write of size 1 at {{.*}} by goroutine 2:
    // BYTES-NEXT: #0 writer {{.*}}evict_crowded_granule.c:[[@LINE-18]]
    // BYTES: Location is global 'g'
    xtype v = g.x;
    return v == 1 ? 0 : 1;
}
#elif defined(RW)
static void reader(void *arg) {
    (void)arg;
    xtype v = g.x;
    atomic_store_explicit(&flag, 1, memory_order_relaxed);
    if (v)
        printf("%d\n", v);
}

static void writer(void *arg) {
    (void)arg;
    wait_flag(2);
    g.x = 2;
    atomic_store_explicit(&flag, 3, memory_order_relaxed);
}

int main(void) {
    go_spawn(writer, NULL);
    go_spawn(reader, NULL);
    wait_flag(1);
    run_workers();
    atomic_store_explicit(&flag, 2, memory_order_relaxed);
    wait_flag(3);
    // RW: WARNING: gosan: data race
    // RW: Write of size 4 at {{.*}} by goroutine 2:
    // RW-NEXT: #0 writer {{.*}}evict_crowded_granule.c:[[@LINE-13]]
    // RW: Previous read of size 4 at {{.*}} by goroutine 3:
    // RW-NEXT: #0 reader {{.*}}evict_crowded_granule.c:[[@LINE-24]]
    // RW: Location is global 'g'
    return 0;
}
#elif defined(READERS)
#define NREADERS 4
static go_wg read_wg; /* the writer waits for readers 1..3 through it */
static atomic_int first_read;

/* Reader 0 reads first and tells nobody (a relaxed flag); the others read
 * after it and report to read_wg, which orders their reads before the
 * writer's write. */
static void reader(void *arg) {
    long i = (long)arg;
    if (i > 0)
        while (!atomic_load_explicit(&first_read, memory_order_relaxed))
            go_yield();
    xtype v = g.x;
    if (i == 0)
        atomic_store_explicit(&first_read, 1, memory_order_relaxed);
    else
        go_wg_done(&read_wg);
    if (v)
        printf("%d\n", v);
}

static void writer(void *arg) {
    (void)arg;
    go_wg_wait(&read_wg);
    wait_flag(1);
    g.x = 3;
    atomic_store_explicit(&flag, 2, memory_order_relaxed);
}

int main(void) {
    go_wg_add(&read_wg, NREADERS - 1);
    go_spawn(writer, NULL);
    for (long i = 0; i < NREADERS; i++)
        go_spawn(reader, (void *)i);
    run_workers();
    atomic_store_explicit(&flag, 1, memory_order_relaxed);
    wait_flag(2);
    // READERS: WARNING: gosan: data race
    // READERS: Write of size 4 at {{.*}} by goroutine 2:
    // READERS-NEXT: #0 writer {{.*}}evict_crowded_granule.c:[[@LINE-14]]
    // READERS: Previous read of size 4 at {{.*}} by goroutine 3:
    // READERS-NEXT: #0 reader {{.*}}evict_crowded_granule.c:[[@LINE-29]]
    // READERS: Location is global 'g'
    // READERS-NOT: WARNING
    return 0;
}
#endif
