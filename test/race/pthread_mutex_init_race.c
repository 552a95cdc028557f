// A pthread mutex's init and destroy write it, and every lock, trylock and
// unlock reads it (atomically: uses never race with each other), as TSan
// models them: a mutex initialised on one thread while another locks it,
// or destroyed while another still uses it, with nothing ordering the two,
// is a data race, whichever call runs first and even when the program exits
// right after it (RACE).  Initialised before the threads that use it are
// created, statically initialised, locked by many threads, or destroyed
// after a lock that took the last user's unlock: no report (NORACE).
// Same verdicts as clang -fsanitize=thread (TSan reports a lock of the
// destroyed mutex as a misuse rather than a race); the init-then-use case
// is TSan's test/tsan/race_on_mutex.c, rewritten for two real-time orders.
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

OBJECT_ALONE static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static void obj_init(void) { pthread_mutex_init(&mu, NULL); }
static void obj_destroy(void) { pthread_mutex_destroy(&mu); }

static void obj_use(void) {
    if (pthread_mutex_trylock(&mu) == 0)
        pthread_mutex_unlock(&mu);
    if (pthread_mutex_lock(&mu) == 0) /* EINVAL once destroyed */
        pthread_mutex_unlock(&mu);
}

static void obj_handoff(bool is_main) {
    if (is_main)
        other_side_done();
    pthread_mutex_lock(&mu);
    pthread_mutex_unlock(&mu);
}

int main(int argc, char **argv) { return run_scenario(argc, argv); }

// RACE: WARNING: gosan: data race
// INIT-USE: Atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// INIT-USE-NEXT: #0 pthread_mutex_trylock
// INIT-USE-NEXT: #1 obj_use {{.*}}pthread_mutex_init_race.c:{{[0-9]+}}
// INIT-USE: Previous write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// INIT-USE-NEXT: #0 pthread_mutex_init
// INIT-USE-NEXT: #1 obj_init {{.*}}pthread_mutex_init_race.c:{{[0-9]+}}
// USE-INIT: Write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-INIT-NEXT: #0 pthread_mutex_init
// USE-INIT-NEXT: #1 obj_init {{.*}}pthread_mutex_init_race.c:{{[0-9]+}}
// USE-INIT: Previous atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-INIT-NEXT: #0 pthread_mutex_{{lock|unlock}}
// USE-INIT-NEXT: #1 obj_use {{.*}}pthread_mutex_init_race.c:{{[0-9]+}}
// USE-DESTROY: Write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-DESTROY-NEXT: #0 pthread_mutex_destroy
// USE-DESTROY-NEXT: #1 obj_destroy {{.*}}pthread_mutex_init_race.c:{{[0-9]+}}
// USE-DESTROY: Previous atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// USE-DESTROY-NEXT: #0 pthread_mutex_{{lock|unlock}}
// DESTROY-USE: Atomic read of size 1 at {{.*}} by thread T{{[0-9]+}}:
// DESTROY-USE-NEXT: #0 pthread_mutex_trylock
// DESTROY-USE: Previous write of size 1 at {{.*}} by thread T{{[0-9]+}}:
// DESTROY-USE-NEXT: #0 pthread_mutex_destroy
// RACE: Location is global 'mu' of size 40 at {{.*}}pthread_mutex_init_race.c:{{[0-9]+}}
// RACE-NEXT: The memory is a mutex (pthread_mutex_t): its init and destroy calls write it, its other calls read it.
// RACE: SUMMARY: gosan: data race {{.*}}pthread_mutex_init_race.c:{{[0-9]+}} in obj_
// RACE-NOT: WARNING: gosan
// RACE: main returns
// NORACE-NOT: WARNING: gosan
// NORACE: main returns
