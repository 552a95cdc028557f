// A POSIX semaphore's sem_init and sem_destroy write it, and every post and
// wait (try and timed too) reads it (atomically: uses never race with each
// other): a semaphore initialised on one thread while another posts or
// waits on it, or destroyed while another still uses it, with nothing
// ordering the two, is a data race, whichever call runs first and even when
// the program exits right after it (RACE).  Initialised before the threads
// that use it are created, used by many threads, or destroyed after a wait
// that took the last post: no report (NORACE).
// clang -fsanitize=thread does not model sem_init and sem_destroy as
// writes and misses the RACE cases here; it agrees on the others.
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

#include <semaphore.h>

OBJECT_ALONE static sem_t sem;

static void obj_init(void) { sem_init(&sem, 0, 0); }
static void obj_destroy(void) { sem_destroy(&sem); }

/* A post, then one wait that takes a post (each user takes one for each
 * it made: none waits for ever). */
static void obj_use(void) {
    sem_post(&sem);
    if (sem_trywait(&sem) != 0)
        sem_wait(&sem);
}

static void obj_handoff(bool is_main) {
    if (is_main)
        sem_wait(&sem);
    else
        sem_post(&sem);
}

int main(int argc, char **argv) { return run_scenario(argc, argv); }

// RACE: WARNING: gosan: data race
// INIT-USE: Atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// INIT-USE-NEXT: #0 sem_post
// INIT-USE-NEXT: #1 obj_use {{.*}}sem_init_race.c:{{[0-9]+}}
// INIT-USE: Previous write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// INIT-USE-NEXT: #0 sem_init
// INIT-USE-NEXT: #1 obj_init {{.*}}sem_init_race.c:{{[0-9]+}}
// USE-INIT: Write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-INIT-NEXT: #0 sem_init
// USE-INIT: Previous atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-INIT-NEXT: #0 sem_{{post|wait|trywait}}
// USE-INIT-NEXT: #1 obj_use {{.*}}sem_init_race.c:{{[0-9]+}}
// USE-DESTROY: Write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-DESTROY-NEXT: #0 sem_destroy
// USE-DESTROY-NEXT: #1 obj_destroy {{.*}}sem_init_race.c:{{[0-9]+}}
// USE-DESTROY: Previous atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-DESTROY-NEXT: #0 sem_{{post|wait|trywait}}
// DESTROY-USE: Atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// DESTROY-USE-NEXT: #0 sem_post
// DESTROY-USE: Previous write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// DESTROY-USE-NEXT: #0 sem_destroy
// RACE: Location is global 'sem' of size 32 at {{.*}}sem_init_race.c:{{[0-9]+}}
// RACE-NEXT: The memory is a semaphore (sem_t): its init and destroy calls write it, its other calls read it.
// RACE: SUMMARY: gosan: data race {{.*}}sem_init_race.c:{{[0-9]+}} in obj_
// RACE-NOT: WARNING: gosan
// RACE: main returns
// NORACE-NOT: WARNING: gosan
// NORACE: main returns
