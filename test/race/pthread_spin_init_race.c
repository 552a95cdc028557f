// A pthread spin lock's init and destroy write it, and every lock, trylock
// and unlock reads it (atomically: uses never race with each other): a spin
// lock initialised on one thread while another locks it, or destroyed while
// another still uses it, with nothing ordering the two, is a data race,
// whichever call runs first and even when the program exits right after it
// (RACE).  Initialised before the threads that use it are created, locked
// by many threads, or destroyed after a lock that took the last user's
// unlock: no report (NORACE).  Same verdicts as clang -fsanitize=thread.
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

OBJECT_ALONE static pthread_spinlock_t spin[4]; /* spin[0]; the rest pads its granule */

static void obj_init(void) { pthread_spin_init(&spin[0], PTHREAD_PROCESS_PRIVATE); }
static void obj_destroy(void) { pthread_spin_destroy(&spin[0]); }

static void obj_use(void) {
    if (pthread_spin_trylock(&spin[0]) == 0)
        pthread_spin_unlock(&spin[0]);
    pthread_spin_lock(&spin[0]);
    pthread_spin_unlock(&spin[0]);
}

static void obj_handoff(bool is_main) {
    if (is_main)
        other_side_done();
    pthread_spin_lock(&spin[0]);
    pthread_spin_unlock(&spin[0]);
}

int main(int argc, char **argv) { return run_scenario(argc, argv); }

// RACE: WARNING: gosan: data race
// INIT-USE: Atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// INIT-USE-NEXT: #0 pthread_spin_trylock
// INIT-USE-NEXT: #1 obj_use {{.*}}pthread_spin_init_race.c:{{[0-9]+}}
// INIT-USE: Previous write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// INIT-USE-NEXT: #0 pthread_spin_init
// INIT-USE-NEXT: #1 obj_init {{.*}}pthread_spin_init_race.c:{{[0-9]+}}
// USE-INIT: Write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-INIT-NEXT: #0 pthread_spin_init
// USE-INIT: Previous atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-INIT-NEXT: #0 pthread_spin_{{lock|unlock}}
// USE-INIT-NEXT: #1 obj_use {{.*}}pthread_spin_init_race.c:{{[0-9]+}}
// USE-DESTROY: Write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-DESTROY-NEXT: #0 pthread_spin_destroy
// USE-DESTROY-NEXT: #1 obj_destroy {{.*}}pthread_spin_init_race.c:{{[0-9]+}}
// USE-DESTROY: Previous atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-DESTROY-NEXT: #0 pthread_spin_{{lock|unlock}}
// DESTROY-USE: Atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// DESTROY-USE-NEXT: #0 pthread_spin_trylock
// DESTROY-USE: Previous write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// DESTROY-USE-NEXT: #0 pthread_spin_destroy
// RACE: Location is global 'spin' of size 16 at {{.*}}pthread_spin_init_race.c:{{[0-9]+}}
// RACE-NEXT: The memory is a spin lock (pthread_spinlock_t): its init and destroy calls write it, its other calls read it.
// RACE: SUMMARY: gosan: data race {{.*}}pthread_spin_init_race.c:{{[0-9]+}} in obj_
// RACE-NOT: WARNING: gosan
// RACE: main returns
// NORACE-NOT: WARNING: gosan
// NORACE: main returns
