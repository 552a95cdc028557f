// A pthread rwlock's init and destroy write it, and every read lock, write
// lock (blocking, try and timed) and unlock reads it (atomically: uses
// never race with each other): an rwlock initialised on one thread while
// another locks it, or destroyed while another still uses it, with nothing
// ordering the two, is a data race, whichever call runs first and even when
// the program exits right after it (RACE).  Initialised before the threads
// that use it are created, statically initialised, locked by many threads,
// or destroyed after a write lock that took the last reader's unlock: no
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

OBJECT_ALONE static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;

static void obj_init(void) { pthread_rwlock_init(&rw, NULL); }
static void obj_destroy(void) { pthread_rwlock_destroy(&rw); }

static void obj_use(void) {
    pthread_rwlock_rdlock(&rw);
    pthread_rwlock_unlock(&rw);
    if (pthread_rwlock_tryrdlock(&rw) == 0)
        pthread_rwlock_unlock(&rw);
    pthread_rwlock_wrlock(&rw);
    pthread_rwlock_unlock(&rw);
    if (pthread_rwlock_trywrlock(&rw) == 0)
        pthread_rwlock_unlock(&rw);
}

/* the thread reads under it, main then writes under it: a write lock
 * acquires every reader's unlock */
static void obj_handoff(bool is_main) {
    if (is_main) {
        other_side_done();
        pthread_rwlock_wrlock(&rw);
    } else {
        pthread_rwlock_rdlock(&rw);
    }
    pthread_rwlock_unlock(&rw);
}

int main(int argc, char **argv) { return run_scenario(argc, argv); }

// RACE: WARNING: gosan: data race
// INIT-USE: Atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// INIT-USE-NEXT: #0 pthread_rwlock_rdlock
// INIT-USE-NEXT: #1 obj_use {{.*}}pthread_rwlock_init_race.c:{{[0-9]+}}
// INIT-USE: Previous write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// INIT-USE-NEXT: #0 pthread_rwlock_init
// INIT-USE-NEXT: #1 obj_init {{.*}}pthread_rwlock_init_race.c:{{[0-9]+}}
// USE-INIT: Write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-INIT-NEXT: #0 pthread_rwlock_init
// USE-INIT: Previous atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-INIT-NEXT: #0 pthread_rwlock_{{[a-z]+}}
// USE-INIT-NEXT: #1 obj_use {{.*}}pthread_rwlock_init_race.c:{{[0-9]+}}
// USE-DESTROY: Write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-DESTROY-NEXT: #0 pthread_rwlock_destroy
// USE-DESTROY-NEXT: #1 obj_destroy {{.*}}pthread_rwlock_init_race.c:{{[0-9]+}}
// USE-DESTROY: Previous atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-DESTROY-NEXT: #0 pthread_rwlock_{{[a-z]+}}
// DESTROY-USE: Atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// DESTROY-USE-NEXT: #0 pthread_rwlock_rdlock
// DESTROY-USE: Previous write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// DESTROY-USE-NEXT: #0 pthread_rwlock_destroy
// RACE: Location is global 'rw' of size 56 at {{.*}}pthread_rwlock_init_race.c:{{[0-9]+}}
// RACE-NEXT: The memory is a read-write lock (pthread_rwlock_t): its init and destroy calls write it, its other calls read it.
// RACE: SUMMARY: gosan: data race {{.*}}pthread_rwlock_init_race.c:{{[0-9]+}} in obj_
// RACE-NOT: WARNING: gosan
// RACE: main returns
// NORACE-NOT: WARNING: gosan
// NORACE: main returns
