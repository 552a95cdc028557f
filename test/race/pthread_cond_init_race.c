// A condition variable's init and destroy write it, and every wait (timed
// too), signal and broadcast reads it (atomically: uses never race with
// each other): a condition variable initialised on one thread while another
// waits on it, or destroyed while another still uses it, with nothing
// ordering the two, is a data race, whichever call runs first and even when
// the program exits right after it (RACE).  Initialised before the threads
// that use it are created, statically initialised, used by many threads,
// or destroyed by the waiter after the signaller's unlock of the mutex
// (the classic hand-off: signal under the mutex, the waiter destroys): no
// report (NORACE).  Same verdicts as clang -fsanitize=thread.
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
// RUN: %t static 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t handoff 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t handoff exit 2>&1 | FileCheck --check-prefix=NORACE %s
#define HAVE_STATIC_INIT
#include "Inputs/sync_object_sides.h"

OBJECT_ALONE static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static pthread_mutex_t cm = PTHREAD_MUTEX_INITIALIZER;
static int ready; /* under cm */

static void obj_init(void) { pthread_cond_init(&cv, NULL); }
static void obj_destroy(void) { pthread_cond_destroy(&cv); }

/* A wait that times out at once, a signal and a broadcast nobody waits for. */
static void obj_use(void) {
    static const struct timespec long_ago = {0, 0};
    pthread_mutex_lock(&cm);
    pthread_cond_timedwait(&cv, &cm, &long_ago);
    pthread_mutex_unlock(&cm);
    pthread_cond_signal(&cv);
    pthread_cond_broadcast(&cv);
}

static void obj_handoff(bool is_main) {
    pthread_mutex_lock(&cm);
    if (is_main) {
        while (!ready)
            pthread_cond_wait(&cv, &cm);
    } else {
        ready = 1;
        pthread_cond_signal(&cv);
    }
    pthread_mutex_unlock(&cm);
}

int main(int argc, char **argv) { return run_scenario(argc, argv); }

// RACE: WARNING: gosan: data race
// INIT-USE: Atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// INIT-USE-NEXT: #0 pthread_cond_timedwait
// INIT-USE-NEXT: #1 obj_use {{.*}}pthread_cond_init_race.c:{{[0-9]+}}
// INIT-USE: Previous write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// INIT-USE-NEXT: #0 pthread_cond_init
// INIT-USE-NEXT: #1 obj_init {{.*}}pthread_cond_init_race.c:{{[0-9]+}}
// USE-INIT: Write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-INIT-NEXT: #0 pthread_cond_init
// USE-INIT: Previous atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-INIT-NEXT: #0 pthread_cond_{{timedwait|signal|broadcast}}
// USE-INIT-NEXT: #1 obj_use {{.*}}pthread_cond_init_race.c:{{[0-9]+}}
// USE-DESTROY: Write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-DESTROY-NEXT: #0 pthread_cond_destroy
// USE-DESTROY-NEXT: #1 obj_destroy {{.*}}pthread_cond_init_race.c:{{[0-9]+}}
// USE-DESTROY: Previous atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-DESTROY-NEXT: #0 pthread_cond_{{timedwait|signal|broadcast}}
// DESTROY-USE: Atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// DESTROY-USE-NEXT: #0 pthread_cond_timedwait
// DESTROY-USE: Previous write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// DESTROY-USE-NEXT: #0 pthread_cond_destroy
// RACE: Location is global 'cv' of size 48 at {{.*}}pthread_cond_init_race.c:{{[0-9]+}}
// RACE-NEXT: The memory is a condition variable (pthread_cond_t): its init and destroy calls write it, its other calls read it.
// RACE: SUMMARY: gosan: data race {{.*}}pthread_cond_init_race.c:{{[0-9]+}} in obj_
// RACE-NOT: WARNING: gosan
// RACE: main returns
// NORACE-NOT: WARNING: gosan
// NORACE: main returns
