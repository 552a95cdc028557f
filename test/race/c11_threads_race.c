// C11 threads' edges order only what they should: two threads made with
// thrd_create that write one variable with nothing between them race
// (UNSYNC), so do two that each write it under their own mtx_t
// (TWO-MUTEXES), and a thread detached with thrd_detach whose write main
// reads with no hand-over (DETACHED): whichever side comes first in real
// time ("reversed" swaps them), and when main returns right after the
// second side ("exit": the report is still being written, the exit waits
// for it; main never joins a detached thread, so it always returns right
// after the second side).  The sides take turns through a relaxed atomic counter, which
// orders nothing for the checker.  The plain build runs without reports.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: not %t unsync 2>&1 | FileCheck --check-prefixes=RACE,UNSYNC %s
// RUN: not %t unsync reversed 2>&1 | FileCheck --check-prefixes=RACE,UNSYNC %s
// RUN: not %t unsync exit 2>&1 | FileCheck --check-prefixes=RACE,UNSYNC %s
// RUN: not %t unsync reversed exit 2>&1 | FileCheck --check-prefixes=RACE,UNSYNC %s
// RUN: not %t two-mutexes 2>&1 | FileCheck --check-prefixes=RACE,TWO-MUTEXES %s
// RUN: not %t two-mutexes reversed exit 2>&1 | FileCheck --check-prefixes=RACE,TWO-MUTEXES %s
// RUN: not %t detached 2>&1 | FileCheck --check-prefixes=RACE,DETACHED %s
// RUN: not %t detached reversed 2>&1 | FileCheck --check-prefixes=RACE,DETACHED-REV %s
// RUN: %plain-cc -O1 %s -o %t-plain && %t-plain unsync reversed 2>&1 | FileCheck --check-prefix=PLAIN %s
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <threads.h>

long racy, sink; /* not static: the optimizer keeps every access */
static mtx_t mu[2];
static atomic_int turns;

static void spin_until(int at_least) {
    while (atomic_load_explicit(&turns, memory_order_relaxed) < at_least)
        sched_yield();
}

static void take_turn(void) { atomic_fetch_add_explicit(&turns, 1, memory_order_relaxed); }

static void write_racy(long id) { racy = id; }

static void write_locked(long id) {
    mtx_lock(&mu[id - 1]);
    racy = id;
    mtx_unlock(&mu[id - 1]);
}

static void (*side_fn)(long);
static bool reversed;

/* Side id (1 or 2) takes its turn: side 1 first unless reversed. */
static int side(void *arg) {
    long id = (long)arg;
    spin_until((id == 1) != reversed ? 0 : 1);
    side_fn(id);
    take_turn();
    return 0;
}

/* The detached side writes; main's side reads. */
static int detached_side(void *arg) {
    (void)arg;
    spin_until(reversed ? 1 : 0);
    racy = 3;
    take_turn();
    return 0;
}

int main(int argc, char **argv) {
    const char *s = argc > 1 ? argv[1] : "";
    bool exit_at_once = false;
    for (int i = 2; i < argc; i++) {
        reversed |= !strcmp(argv[i], "reversed");
        exit_at_once |= !strcmp(argv[i], "exit");
    }
    mtx_init(&mu[0], mtx_plain);
    mtx_init(&mu[1], mtx_plain);
    thrd_t t[2];
    if (!strcmp(s, "detached")) {
        thrd_create(&t[0], detached_side, NULL);
        thrd_detach(t[0]);
        spin_until(reversed ? 0 : 1);
        sink = racy;
        take_turn();
    } else {
        side_fn = !strcmp(s, "two-mutexes") ? write_locked : write_racy;
        for (long id = 1; id <= 2; id++)
            thrd_create(&t[id - 1], side, (void *)id);
        if (!exit_at_once)
            for (int i = 0; i < 2; i++)
                thrd_join(t[i], NULL);
    }
    spin_until(2);
    printf("main returns\n");
    return 0;
}

// RACE: WARNING: gosan: data race
// UNSYNC: Write of size 8 at {{.*}} by thread T{{[0-9]+}}:
// UNSYNC-NEXT: #0 write_racy {{.*}}c11_threads_race.c:{{[0-9]+}}
// UNSYNC-NEXT: #1 side {{.*}}c11_threads_race.c:{{[0-9]+}}
// UNSYNC: Previous write of size 8 at {{.*}} by thread T{{[0-9]+}}:
// UNSYNC-NEXT: #0 write_racy {{.*}}c11_threads_race.c:{{[0-9]+}}
// TWO-MUTEXES: Write of size 8 at {{.*}} by thread T{{[0-9]+}}:
// TWO-MUTEXES-NEXT: #0 write_locked {{.*}}c11_threads_race.c:{{[0-9]+}}
// TWO-MUTEXES: Previous write of size 8 at {{.*}} by thread T{{[0-9]+}}:
// TWO-MUTEXES-NEXT: #0 write_locked {{.*}}c11_threads_race.c:{{[0-9]+}}
// DETACHED: Read of size 8 at {{.*}} by goroutine 1:
// DETACHED-NEXT: #0 main {{.*}}c11_threads_race.c:{{[0-9]+}}
// DETACHED: Previous write of size 8 at {{.*}} by thread T{{[0-9]+}}:
// DETACHED-NEXT: #0 detached_side {{.*}}c11_threads_race.c:{{[0-9]+}}
// DETACHED-REV: Write of size 8 at {{.*}} by thread T{{[0-9]+}}:
// DETACHED-REV-NEXT: #0 detached_side {{.*}}c11_threads_race.c:{{[0-9]+}}
// DETACHED-REV: Previous read of size 8 at {{.*}} by goroutine 1:
// DETACHED-REV-NEXT: #0 main {{.*}}c11_threads_race.c:{{[0-9]+}}
// RACE: Location is global 'racy'
// RACE: Thread T{{[0-9]+}} ({{running|finished}}, not a goroutine) created by goroutine 1 at:
// RACE-NEXT: #0 main {{.*}}c11_threads_race.c:{{[0-9]+}}
// RACE: SUMMARY: gosan: data race {{.*}}c11_threads_race.c:{{[0-9]+}} in {{write_racy|write_locked|main|detached_side}}
// RACE-NOT: WARNING: gosan
// RACE: main returns
// PLAIN-NOT: WARNING
// PLAIN: main returns
