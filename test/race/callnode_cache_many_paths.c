// Both stacks of a race stay right when the threads have made more distinct
// call paths than their call-node caches hold (common/callnode.h): each
// racing thread first walks a recursion 40,000 deep, one new call path per
// level, which fills its cache and overwrites most entries twice, and
// exits (its cache is released) only after the race.  Side 1 (a thread's
// write through racer -> store_it) goes first, or side 2 (main's read
// through check -> load_it) with "reversed"; the sides take turns through a
// relaxed atomic counter, which orders nothing for the checker; "exit":
// main returns right after the second side.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: not %t 2>&1 | FileCheck --check-prefixes=RACE,MAIN-SECOND %s
// RUN: not %t reversed 2>&1 | FileCheck --check-prefixes=RACE,THREAD-SECOND %s
// RUN: not %t exit 2>&1 | FileCheck --check-prefixes=RACE,MAIN-SECOND %s
// RUN: not %t reversed exit 2>&1 | FileCheck --check-prefixes=RACE,THREAD-SECOND %s
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>

#define DEPTH 40000

long shared, sink; /* not static: the optimizer keeps every access */
long scratch[2][64], depths[2];
static atomic_int turns;
static bool reversed;

static void spin_until(int at_least) {
    while (atomic_load_explicit(&turns, memory_order_relaxed) < at_least)
        sched_yield();
}

static void take_turn(void) { atomic_fetch_add_explicit(&turns, 1, memory_order_relaxed); }

/* One access per level: every level is a new call path, so a new node. */
__attribute__((noinline)) static long deep(int who, int n) {
    if (n == 0)
        return 0;
    scratch[who][n & 63] += n;
    return deep(who, n - 1) + 1;
}

__attribute__((noinline)) static void store_it(void) { shared = 1; }
__attribute__((noinline)) static void racer(void) { store_it(); }
__attribute__((noinline)) static long load_it(void) { return shared; }
__attribute__((noinline)) static void check(void) { sink = load_it(); }

static void *thread_main(void *arg) {
    (void)arg;
    depths[0] = deep(0, DEPTH);
    spin_until(reversed ? 1 : 0);
    racer();
    take_turn();
    spin_until(2);
    return NULL;
}

int main(int argc, char **argv) {
    bool exit_at_once = false;
    for (int i = 1; i < argc; i++) {
        reversed |= !strcmp(argv[i], "reversed");
        exit_at_once |= !strcmp(argv[i], "exit");
    }
    pthread_t t;
    pthread_create(&t, NULL, thread_main, NULL);
    depths[1] = deep(1, DEPTH);
    spin_until(reversed ? 0 : 1);
    check();
    take_turn();
    spin_until(2);
    if (exit_at_once)
        return 0;
    pthread_join(t, NULL);
    return 0;
}

// RACE: WARNING: gosan: data race
// MAIN-SECOND: Read of size 8 at {{.*}} by goroutine 1:
// MAIN-SECOND-NEXT: #0 load_it {{.*}}callnode_cache_many_paths.c:{{[0-9]+}}
// MAIN-SECOND-NEXT: #1 check {{.*}}callnode_cache_many_paths.c:{{[0-9]+}}
// MAIN-SECOND-NEXT: #2 main {{.*}}callnode_cache_many_paths.c
// MAIN-SECOND: Previous write of size 8 at {{.*}} by thread T{{[0-9]+}}:
// MAIN-SECOND-NEXT: #0 store_it {{.*}}callnode_cache_many_paths.c:{{[0-9]+}}
// MAIN-SECOND-NEXT: #1 racer {{.*}}callnode_cache_many_paths.c:{{[0-9]+}}
// MAIN-SECOND-NEXT: #2 thread_main {{.*}}callnode_cache_many_paths.c
// THREAD-SECOND: Write of size 8 at {{.*}} by thread T{{[0-9]+}}:
// THREAD-SECOND-NEXT: #0 store_it {{.*}}callnode_cache_many_paths.c:{{[0-9]+}}
// THREAD-SECOND-NEXT: #1 racer {{.*}}callnode_cache_many_paths.c:{{[0-9]+}}
// THREAD-SECOND-NEXT: #2 thread_main {{.*}}callnode_cache_many_paths.c
// THREAD-SECOND: Previous read of size 8 at {{.*}} by goroutine 1:
// THREAD-SECOND-NEXT: #0 load_it {{.*}}callnode_cache_many_paths.c:{{[0-9]+}}
// THREAD-SECOND-NEXT: #1 check {{.*}}callnode_cache_many_paths.c:{{[0-9]+}}
// THREAD-SECOND-NEXT: #2 main {{.*}}callnode_cache_many_paths.c
// RACE: SUMMARY: gosan: data race
// RACE-NOT: WARNING:
