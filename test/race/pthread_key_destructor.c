// A pthread_key_create destructor runs after the start routine has
// returned (or pthread_exit has unwound it), yet it is part of the thread's
// life: what it writes is ordered before a pthread_join of the thread
// (mode joined: a thread-local count flushed into a global total by the
// destructor, for a thread that returns, one that calls pthread_exit, and
// one whose destructor sets its value again, so it runs in a second round),
// and the plain build prints the same total.  Without a join it still
// races (mode unjoined: main reads what the destructor wrote, or the destructor
// writes what main read, "reversed"; mode detached: the same with a detached
// thread).  The sides take turns through a relaxed atomic counter, which
// orders nothing for the checker; "exit": main returns right after the
// second side instead of joining the thread.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: %t joined 2>&1 | FileCheck --check-prefix=JOINED %s
// RUN: not %t unjoined 2>&1 | FileCheck --check-prefixes=RACE,MAIN-SECOND %s
// RUN: not %t unjoined reversed 2>&1 | FileCheck --check-prefixes=RACE,DTOR-SECOND %s
// RUN: not %t unjoined exit 2>&1 | FileCheck --check-prefixes=RACE,MAIN-SECOND %s
// RUN: not %t unjoined reversed exit 2>&1 | FileCheck --check-prefixes=RACE,DTOR-SECOND %s
// RUN: not %t detached exit 2>&1 | FileCheck --check-prefixes=RACE,MAIN-SECOND %s
// RUN: not %t detached reversed exit 2>&1 | FileCheck --check-prefixes=RACE,DTOR-SECOND %s
// RUN: %plain-cc -O1 %s -o %t-plain && %t-plain joined 2>&1 | FileCheck --check-prefix=JOINED %s
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long total, racy, sink; /* not static: the optimizer keeps every access */
static pthread_key_t cache_key, racy_key;
static atomic_int turns;
static bool reversed;

static void spin_until(int at_least) {
    while (atomic_load_explicit(&turns, memory_order_relaxed) < at_least)
        sched_yield();
}

static void take_turn(void) { atomic_fetch_add_explicit(&turns, 1, memory_order_relaxed); }

/* ---- joined: a per-thread cache flushed at thread exit */

typedef struct cache {
    long count;
    int rounds_left; /* > 0: set again, to be flushed in a later round */
} cache;

static void flush_cache(void *p) {
    cache *c = p;
    if (c->rounds_left-- > 0) {
        pthread_setspecific(cache_key, c);
        return;
    }
    total += c->count;
    free(c);
}

static void fill_cache(long n, int rounds_left) {
    cache *c = malloc(sizeof *c);
    c->count = 0;
    c->rounds_left = rounds_left;
    for (long i = 0; i < n; i++)
        c->count++;
    pthread_setspecific(cache_key, c);
}

static void *returns(void *arg) {
    (void)arg;
    fill_cache(1, 0);
    return NULL;
}

static void *exits(void *arg) {
    (void)arg;
    fill_cache(10, 0);
    pthread_exit(NULL);
}

static void *second_round(void *arg) {
    (void)arg;
    fill_cache(100, 1);
    return NULL;
}

static void joined(void) {
    pthread_key_create(&cache_key, flush_cache);
    void *(*fns[])(void *) = {returns, exits, second_round};
    for (int i = 0; i < 3; i++) {
        pthread_t t;
        pthread_create(&t, NULL, fns[i], NULL);
        pthread_join(t, NULL);
        printf("total=%ld\n", total);
    }
    pthread_key_delete(cache_key);
}

/* ---- unjoined, detached: the destructor's write is one side, main's
 * read the other; side 1 goes first unless reversed. */

static void write_racy(void *p) {
    (void)p;
    racy = 2;
    take_turn();
}

static void *racy_thread(void *arg) {
    (void)arg;
    pthread_setspecific(racy_key, (void *)1);
    spin_until(reversed ? 1 : 0); /* the destructor runs once this returns */
    return NULL;
}

static void race(bool detach, bool exit_at_once) {
    pthread_key_create(&racy_key, write_racy);
    pthread_t t;
    pthread_create(&t, NULL, racy_thread, NULL);
    if (detach)
        pthread_detach(t);
    spin_until(reversed ? 0 : 1);
    sink = racy;
    take_turn();
    spin_until(2); /* both sides are done */
    if (exit_at_once)
        return;
    if (!detach)
        pthread_join(t, NULL);
    printf("done\n");
}

int main(int argc, char **argv) {
    const char *s = argc > 1 ? argv[1] : "";
    bool exit_at_once = false;
    for (int i = 2; i < argc; i++) {
        reversed |= !strcmp(argv[i], "reversed");
        exit_at_once |= !strcmp(argv[i], "exit");
    }
    if (!strcmp(s, "joined"))
        joined();
    else
        race(!strcmp(s, "detached"), exit_at_once);
    return 0;
}

// JOINED-NOT: WARNING
// JOINED: total=1
// JOINED-NEXT: total=11
// JOINED-NEXT: total=111
// JOINED-NOT: WARNING

// RACE: WARNING: gosan: data race
// MAIN-SECOND: Read of size 8 at {{.*}} by goroutine 1:
// MAIN-SECOND: race
// MAIN-SECOND: Previous write of size 8 at {{.*}} by thread T{{[0-9]+}}:
// MAIN-SECOND: write_racy
// DTOR-SECOND: Write of size 8 at {{.*}} by thread T{{[0-9]+}}:
// DTOR-SECOND: write_racy
// DTOR-SECOND: Previous read of size 8 at {{.*}} by goroutine 1:
// DTOR-SECOND: race
