// A C11 mutex's mtx_init and mtx_destroy write it, and every mtx_lock,
// mtx_trylock, mtx_timedlock and mtx_unlock reads it (atomically: uses
// never race with each other), as for a pthread mutex: an mtx_t
// initialised on one thread while another locks it, or destroyed while
// another still uses it, with nothing ordering the two, is a data race,
// whichever call runs first and even when the program exits right after it
// (RACE); the report names the call and says the memory is an mtx_t.
// Initialised before the threads that use it are created, locked by many
// threads, or destroyed after a lock that took the last user's unlock: no
// report (NORACE).  C11 has no static initialiser for mtx_t.
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
#include <threads.h>

#include "Inputs/sync_object_sides.h"

OBJECT_ALONE static mtx_t mu;

static void obj_init(void) { mtx_init(&mu, mtx_timed); }
static void obj_destroy(void) { mtx_destroy(&mu); }

static void obj_use(void) {
    static const struct timespec long_ago = {0, 0};
    if (mtx_trylock(&mu) == thrd_success)
        mtx_unlock(&mu);
    if (mtx_timedlock(&mu, &long_ago) == thrd_success)
        mtx_unlock(&mu);
    if (mtx_lock(&mu) == thrd_success) /* thrd_error once destroyed */
        mtx_unlock(&mu);
}

static void obj_handoff(bool is_main) {
    if (is_main)
        other_side_done();
    mtx_lock(&mu);
    mtx_unlock(&mu);
}

int main(int argc, char **argv) { return run_scenario(argc, argv); }

// RACE: WARNING: gosan: data race
// INIT-USE: Atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// INIT-USE-NEXT: #0 mtx_trylock
// INIT-USE-NEXT: #1 obj_use {{.*}}c11_mtx_init_race.c:{{[0-9]+}}
// INIT-USE: Previous write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// INIT-USE-NEXT: #0 mtx_init
// INIT-USE-NEXT: #1 obj_init {{.*}}c11_mtx_init_race.c:{{[0-9]+}}
// USE-INIT: Write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-INIT-NEXT: #0 mtx_init
// USE-INIT-NEXT: #1 obj_init {{.*}}c11_mtx_init_race.c:{{[0-9]+}}
// USE-INIT: Previous atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-INIT-NEXT: #0 mtx_{{lock|unlock}}
// USE-INIT-NEXT: #1 obj_use {{.*}}c11_mtx_init_race.c:{{[0-9]+}}
// USE-DESTROY: Write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-DESTROY-NEXT: #0 mtx_destroy
// USE-DESTROY-NEXT: #1 obj_destroy {{.*}}c11_mtx_init_race.c:{{[0-9]+}}
// USE-DESTROY: Previous atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-DESTROY-NEXT: #0 mtx_{{lock|unlock}}
// DESTROY-USE: Atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// DESTROY-USE-NEXT: #0 mtx_trylock
// DESTROY-USE: Previous write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// DESTROY-USE-NEXT: #0 mtx_destroy
// RACE: Location is global 'mu' of size 40 at {{.*}}c11_mtx_init_race.c:{{[0-9]+}}
// RACE-NEXT: The memory is a mutex (mtx_t): its init and destroy calls write it, its other calls read it.
// RACE: SUMMARY: gosan: data race {{.*}}c11_mtx_init_race.c:{{[0-9]+}} in obj_
// RACE-NOT: WARNING: gosan
// RACE: main returns
// NORACE-NOT: WARNING: gosan
// NORACE: main returns
