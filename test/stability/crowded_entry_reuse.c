// Crowded granules' side-table entries reused while crowded granules are
// checked: an entry handed to a new granule (shadow_overflow.c) holds
// nothing of its previous granule, and what it notes of its records (the
// write note reads past the link trust) is emptied before any record of
// the new granule is noted, so nothing left from the entry's previous
// granule may make a rewrite miss a racing read in its entry.
// A churn thread spills a buffer's every granule (one byte per epoch, five
// epochs: five records no record subsumes), frees it and starts over,
// until the 65535 entries have been handed out more than once, and goes on
// while a writer W and a reader R play test/race/crowded_rewrite.c's RW on
// a granule whose entry is such a reused one: R's racy read of W's field
// goes to the entry with an ordered one (the note: R's slot, an epoch W
// has seen and one it has not), then W rewrites its field without the
// lock.  The race must be reported in every run, and the program exits
// right after it.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -pthread %s -o %t
// RUN: for i in 1 2 3 4 5 6; do \
// RUN:   sh -c "GOSAN_OPTIONS=symbolize=0 %t; echo status \$?" 2>&1 | FileCheck %s || { echo "failed: run $i"; exit 1; }; \
// RUN: done
#include <gosan/gosan.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

#define K 8192 /* granules a churn buffer spills */

struct granule {
    char b[12];
    int w; /* bytes 12..15: W's field */
};

/* Not static, so every access is kept. */
struct granule g __attribute__((aligned(16)));
static char h1, h2, r_own, w_own, c_own;
static atomic_int flag;   /* relaxed: orders nothing */
static atomic_long spilled;

static void wait_flag(int v) {
    while (atomic_load_explicit(&flag, memory_order_relaxed) < v)
        sched_yield();
}

static void set_flag(int v) {
    atomic_store_explicit(&flag, v, memory_order_relaxed);
}

#define read_byte(i) ((void)((volatile char *)&g)[i])

static void *churn(void *arg) {
    (void)arg;
    while (atomic_load_explicit(&flag, memory_order_relaxed) < 100) {
        volatile char *b = aligned_alloc(16, (size_t)K * 16);
        for (int e = 0; e < 5; e++) {
            for (int j = 0; j < K; j++)
                b[j * 16 + e] = (char)e;
            gosan_release(&c_own); /* a new epoch */
        }
        free((void *)b);
        atomic_fetch_add_explicit(&spilled, K, memory_order_relaxed);
    }
    return NULL;
}

static void *reader(void *arg) {
    (void)arg;
    wait_flag(1);
    gosan_acquire(&h1);
    read_byte(0);
    gosan_release(&r_own);
    read_byte(2);        /* ordered before W's rewrite: the note's lowest epoch */
    gosan_release(&h2);
    read_byte(13);       /* THE RACY READ: the note's highest epoch */
    gosan_release(&r_own);
    read_byte(1);        /* spills: the two reads above go to the entry */
    set_flag(2);
    return NULL;
}

static void *writer(void *arg) {
    (void)arg;
    g.w = 1;
    gosan_release(&h1);
    set_flag(1);
    wait_flag(2);
    gosan_acquire(&h2);
    gosan_release(&w_own);
    g.w = 2; /* THE REWRITE: races with R's read of byte 13 */
    exit(0);
}

int main(void) {
    pthread_t c, r, w;
    pthread_create(&c, NULL, churn, NULL);
    while (atomic_load_explicit(&spilled, memory_order_relaxed) < 70000)
        sched_yield(); /* every entry handed out once: g's is a reused one */
    pthread_create(&r, NULL, reader, NULL);
    pthread_create(&w, NULL, writer, NULL);
    for (;;)
        sched_yield();
}
// CHECK: WARNING: gosan: data race
// CHECK: Write of size 4 at {{.*}} by {{.*}}
// CHECK: Previous read of size 1 at {{.*}} by {{.*}}
// CHECK: status 66
