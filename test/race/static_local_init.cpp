// C++ function-local statics (the Meyers singleton): the initialisation of
// `static Config cfg;` happens before every use of cfg, on any thread or
// goroutine, so users on two sides never race with its constructor.  The
// C++ runtime's __cxa_guard_acquire/release (not instrumented) order it:
// a user that finds it initialised reads the guard byte with the inlined
// acquire load and never calls __cxa_guard_acquire (init-first); a user
// that arrives during the construction waits inside __cxa_guard_acquire
// (concurrent: the constructor holds on until the other side has set a
// relaxed flag, then a few more milliseconds).  Both with POSIX threads and
// with goroutines, and with the program exiting right after.
// The guard orders only the construction: the constructor's write of
// `side` races with a read of it on the other side that does not go
// through get() (-DRACY), whichever comes first in real time (the relaxed
// flag `stage` orders the two sides for the clock, never for the checker).
// REQUIRES: plugin
// RUN: %gosan-cxx %cflags -O1 %s -o %t
// RUN: %t threads init-first 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %t threads concurrent 2>&1 | FileCheck --check-prefix=OK %s
// RUN: env GOSAN_MAXPROCS=2 %t goroutines init-first 2>&1 | FileCheck --check-prefix=OK %s
// RUN: env GOSAN_MAXPROCS=2 %t goroutines concurrent 2>&1 | FileCheck --check-prefix=OK %s
// RUN: env GOSAN_MAXPROCS=1 %t goroutines init-first 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %gosan-cxx %cflags -O1 -DRACY %s -o %t-racy
// RUN: not %t-racy threads init-first 2>&1 | FileCheck %s
// RUN: not %t-racy threads reader-first 2>&1 | FileCheck %s
// RUN: env GOSAN_MAXPROCS=2 not %t-racy goroutines init-first 2>&1 | FileCheck %s
// RUN: env GOSAN_MAXPROCS=2 not %t-racy goroutines reader-first 2>&1 | FileCheck %s
// OK-NOT: data race
// OK: sum=
// OK-NOT: data race
// CHECK: WARNING: gosan: data race
// CHECK: {{Write|Read}} of size {{[0-9]+}} at {{.*}} by {{goroutine|thread}}
// CHECK: Location is global 'side'
// CHECK: SUMMARY: gosan: data race {{.*}}static_local_init.cpp
#include <gosan/go.h>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <pthread.h>
#include <unistd.h>

// Each in its own granule: `stage`'s many atomic accesses would otherwise
// share the shadow cells of `side` and could evict the write that races.
alignas(64) static std::atomic<int> stage{0}; // relaxed only
alignas(64) static int side;
static bool concurrent, goroutines;

// Goroutines yield (a worker blocked here could hold up the other side).
static void wait_stage(int at_least) {
    while (stage.load(std::memory_order_relaxed) < at_least) {
        if (goroutines)
            go_yield();
        else
            usleep(100);
    }
}

struct Config {
    int values[8];
    Config() {
        side = 1;
        if (concurrent) { // the other side is about to wait in __cxa_guard_acquire
            wait_stage(1);
            usleep(20000);
        }
        for (int i = 0; i < 8; i++)
            values[i] = i * 7 + 1;
    }
};

__attribute__((noinline)) static Config &get() {
    static Config cfg;
    return cfg;
}

static int sum(const Config &c) {
    int s = 0;
    for (int v : c.values)
        s += v;
    return s;
}

static int results[2];

static bool reader_first;

// Side 0 initialises; side 1 uses cfg after the construction (init-first)
// or during it (concurrent), or with -DRACY reads `side` directly, after
// the construction (init-first) or before it (reader-first).
// Under -DRACY the side that goes first lives on until the other side's
// access, so the race is always between two live goroutines or threads.
static void side0() {
#ifdef RACY
    if (reader_first)
        wait_stage(1);
#endif
    results[0] = sum(get());
    stage.store(2, std::memory_order_relaxed);
#ifdef RACY
    if (!reader_first)
        wait_stage(3);
#endif
}

static void side1() {
#ifdef RACY
    if (!reader_first)
        wait_stage(2);
    results[1] = side;
    stage.store(reader_first ? 1 : 3, std::memory_order_relaxed);
    if (reader_first)
        wait_stage(2);
#else
    if (concurrent)
        stage.store(1, std::memory_order_relaxed);
    else
        wait_stage(2);
    results[1] = sum(get());
#endif
}

static void *thread0(void *) { side0(); return nullptr; }
static void *thread1(void *) { side1(); return nullptr; }

static go_wg wg;
static void g0(void *) { side0(); go_wg_done(&wg); }
static void g1(void *) { side1(); go_wg_done(&wg); }

int main(int argc, char **argv) {
    if (argc < 3)
        return 2;
    goroutines = !strcmp(argv[1], "goroutines");
    concurrent = !strcmp(argv[2], "concurrent");
    reader_first = !strcmp(argv[2], "reader-first");
    if (goroutines) {
        go_wg_add(&wg, 2);
        go_spawn(g1, nullptr);
        go_spawn(g0, nullptr);
        go_wg_wait(&wg);
    } else {
        pthread_t t0, t1;
        pthread_create(&t1, nullptr, thread1, nullptr);
        pthread_create(&t0, nullptr, thread0, nullptr);
        pthread_join(t0, nullptr);
        pthread_join(t1, nullptr);
    }
    printf("sum=%d\n", results[0] + results[1]);
    return 0;
}
