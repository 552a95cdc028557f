// A pthread barrier's init and destroy write it, and every wait reads it
// (atomically: waits never race with each other): a barrier initialised on
// one thread while another waits on it, or destroyed while another still
// uses it, with nothing ordering the two, is a data race, whichever call
// runs first and even when the program exits right after it (RACE).
// Initialised before the threads that use it are created, waited on by
// many threads, or destroyed by a thread as soon as its own wait returned
// (every arrival happens before every departure): no report (NORACE).
// clang -fsanitize=thread gives the same verdicts except for the last
// (handoff): TSan reads the barrier again after the wait, so a destroy by
// another departing thread races with that read there.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: not %t init-then-use 2>&1 | FileCheck --check-prefixes=RACE,INIT-USE %s
// RUN: not %t init-then-use exit 2>&1 | FileCheck --check-prefixes=RACE,INIT-USE %s
// RUN: not %t use-then-init 2>&1 | FileCheck --check-prefixes=RACE,USE-INIT %s
// RUN: not %t use-then-init exit 2>&1 | FileCheck --check-prefixes=RACE,USE-INIT %s
// RUN: not %t use-then-destroy 2>&1 | FileCheck --check-prefixes=RACE,USE-DESTROY %s
// RUN: not %t use-then-destroy exit 2>&1 | FileCheck --check-prefixes=RACE,USE-DESTROY %s
// RUN: not %t destroy-then-use 2>&1 | FileCheck --check-prefixes=RACE,DESTROY-USE %s
// RUN: not %t destroy-then-use exit 2>&1 | FileCheck --check-prefixes=RACE,DESTROY-USE %s
// RUN: %t ordered 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t handoff 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t handoff exit 2>&1 | FileCheck --check-prefix=NORACE %s
#include "Inputs/sync_object_sides.h"

OBJECT_ALONE static pthread_barrier_t barrier;
/* 1: a wait returns at once; 2 for the hand-off, where both sides wait */
static unsigned parties = 1;

static void obj_init(void) { pthread_barrier_init(&barrier, NULL, parties); }
static void obj_destroy(void) { pthread_barrier_destroy(&barrier); }
static void obj_use(void) { pthread_barrier_wait(&barrier); }
static void obj_handoff(bool is_main) { (void)is_main; pthread_barrier_wait(&barrier); }

int main(int argc, char **argv) {
    if (argc > 1 && !strcmp(argv[1], "handoff"))
        parties = 2;
    return run_scenario(argc, argv);
}

// RACE: WARNING: gosan: data race
// INIT-USE: Atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// INIT-USE-NEXT: #0 pthread_barrier_wait
// INIT-USE-NEXT: #1 obj_use {{.*}}pthread_barrier_init_race.c:{{[0-9]+}}
// INIT-USE: Previous write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// INIT-USE-NEXT: #0 pthread_barrier_init
// INIT-USE-NEXT: #1 obj_init {{.*}}pthread_barrier_init_race.c:{{[0-9]+}}
// USE-INIT: Write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-INIT-NEXT: #0 pthread_barrier_init
// USE-INIT: Previous atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-INIT-NEXT: #0 pthread_barrier_wait
// USE-INIT-NEXT: #1 obj_use {{.*}}pthread_barrier_init_race.c:{{[0-9]+}}
// USE-DESTROY: Write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-DESTROY-NEXT: #0 pthread_barrier_destroy
// USE-DESTROY-NEXT: #1 obj_destroy {{.*}}pthread_barrier_init_race.c:{{[0-9]+}}
// USE-DESTROY: Previous atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-DESTROY-NEXT: #0 pthread_barrier_wait
// DESTROY-USE: Atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// DESTROY-USE-NEXT: #0 pthread_barrier_wait
// DESTROY-USE: Previous write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// DESTROY-USE-NEXT: #0 pthread_barrier_destroy
// RACE: Location is global 'barrier' of size 32 at {{.*}}pthread_barrier_init_race.c:{{[0-9]+}}
// RACE-NEXT: The memory is a barrier (pthread_barrier_t): its init and destroy calls write it, its other calls read it.
// RACE: SUMMARY: gosan: data race {{.*}}pthread_barrier_init_race.c:{{[0-9]+}} in obj_
// RACE-NOT: WARNING: gosan
// RACE: main returns
// NORACE-NOT: WARNING: gosan
// NORACE: main returns
