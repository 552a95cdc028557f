// A C11 condition variable's cnd_init and cnd_destroy write it, and every
// cnd_wait, cnd_timedwait, cnd_signal and cnd_broadcast reads it
// (atomically: uses never race with each other), as for a pthread
// condition variable: a cnd_t initialised on one thread while another
// waits on it, or destroyed while another still uses it, with nothing
// ordering the two, is a data race, whichever call runs first and even
// when the program exits right after it (RACE); the report names the call
// and says the memory is a cnd_t.  Initialised before the threads that use
// it are created, used by many threads, or destroyed by the waiter after
// the signaller's unlock of the mutex: no report (NORACE).
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

OBJECT_ALONE static cnd_t cv;
static mtx_t cm;
static int ready; /* under cm */

__attribute__((constructor)) static void make_mutex(void) { mtx_init(&cm, mtx_plain); }

static void obj_init(void) { cnd_init(&cv); }
static void obj_destroy(void) { cnd_destroy(&cv); }

/* A wait that times out at once, a signal and a broadcast nobody waits for. */
static void obj_use(void) {
    static const struct timespec long_ago = {0, 0};
    mtx_lock(&cm);
    cnd_timedwait(&cv, &cm, &long_ago);
    mtx_unlock(&cm);
    cnd_signal(&cv);
    cnd_broadcast(&cv);
}

static void obj_handoff(bool is_main) {
    mtx_lock(&cm);
    if (is_main) {
        while (!ready)
            cnd_wait(&cv, &cm);
    } else {
        ready = 1;
        cnd_signal(&cv);
    }
    mtx_unlock(&cm);
}

int main(int argc, char **argv) { return run_scenario(argc, argv); }

// RACE: WARNING: gosan: data race
// INIT-USE: Atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// INIT-USE-NEXT: #0 cnd_timedwait
// INIT-USE-NEXT: #1 obj_use {{.*}}c11_cnd_init_race.c:{{[0-9]+}}
// INIT-USE: Previous write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// INIT-USE-NEXT: #0 cnd_init
// INIT-USE-NEXT: #1 obj_init {{.*}}c11_cnd_init_race.c:{{[0-9]+}}
// USE-INIT: Write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-INIT-NEXT: #0 cnd_init
// USE-INIT: Previous atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-INIT-NEXT: #0 cnd_{{timedwait|signal|broadcast}}
// USE-INIT-NEXT: #1 obj_use {{.*}}c11_cnd_init_race.c:{{[0-9]+}}
// USE-DESTROY: Write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-DESTROY-NEXT: #0 cnd_destroy
// USE-DESTROY-NEXT: #1 obj_destroy {{.*}}c11_cnd_init_race.c:{{[0-9]+}}
// USE-DESTROY: Previous atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-DESTROY-NEXT: #0 cnd_{{timedwait|signal|broadcast}}
// DESTROY-USE: Atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// DESTROY-USE-NEXT: #0 cnd_timedwait
// DESTROY-USE: Previous write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// DESTROY-USE-NEXT: #0 cnd_destroy
// RACE: Location is global 'cv' of size 48 at {{.*}}c11_cnd_init_race.c:{{[0-9]+}}
// RACE-NEXT: The memory is a condition variable (cnd_t): its init and destroy calls write it, its other calls read it.
// RACE: SUMMARY: gosan: data race {{.*}}c11_cnd_init_race.c:{{[0-9]+}} in obj_
// RACE-NOT: WARNING: gosan
// RACE: main returns
// NORACE-NOT: WARNING: gosan
// NORACE: main returns
