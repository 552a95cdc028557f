// A finished goroutine's stack is handed to the next goroutine spawned: the
// new goroutine's locals are its own, so the old owner's accesses at those
// addresses must not race with them, however deep in the stack they were
// (the checker clears only the shadow pages that were touched, and keeps
// the kernel's answer about which ones for later reuses: three goroutines
// in a row on one stack check that the answer taken for the second is not
// used for the third, whose predecessor touched more).  A local
// that two live goroutines really share still races, in either order.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: %t reuse 2>&1 | FileCheck --check-prefix=REUSE %s
// RUN: not %t shared-owner-first 2>&1 | FileCheck --check-prefix=SHARED %s
// RUN: not %t shared-other-first 2>&1 | FileCheck --check-prefix=SHARED %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define DEEP 40000 /* past a page of stack: many pages of shadow */

static atomic_int done;             /* relaxed: orders nothing for the checker */
static _Atomic(char *) local_of[30]; /* each goroutine's local, as a number */
static _Atomic(char *) shared;
static atomic_int step;
static int owner_first;
static go_chan *stop;

static void wait_step(int at_least)
{
    while (atomic_load_explicit(&step, memory_order_relaxed) < at_least)
        go_yield();
}

static void touch(void *arg)
{
    long i = (long)arg;
    char local[DEEP];
    atomic_store_explicit(&local_of[i], local, memory_order_relaxed);
    if (i % 3) /* the first of three leaves the deep pages untouched */
        for (int k = 0; k < DEEP; k += 512)
            ((volatile char *)local)[k] = (char)k; /* deep and shallow granules */
    ((volatile char *)local)[DEEP - 1] = 1;
    atomic_fetch_add_explicit(&done, 1, memory_order_relaxed);
}

static void owner(void *arg)
{
    (void)arg;
    char local[64];
    atomic_store_explicit(&shared, local, memory_order_relaxed);
    if (!owner_first)
        wait_step(1);
    ((volatile char *)local)[8] = 1;
    if (owner_first)
        atomic_store_explicit(&step, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&done, 1, memory_order_relaxed);
    go_chan_recv(stop, NULL); /* stays alive: the local stays its */
}

static void other(void *arg)
{
    (void)arg;
    char *p;
    while (!(p = atomic_load_explicit(&shared, memory_order_relaxed)))
        go_yield();
    if (owner_first)
        wait_step(1);
    ((volatile char *)p)[8] = 2;
    if (!owner_first)
        atomic_store_explicit(&step, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&done, 1, memory_order_relaxed);
}

int main(int argc, char **argv)
{
    go_maxprocs(1); /* the stack a goroutine leaves is the next one's */
    if (argc > 1 && !strcmp(argv[1], "reuse")) {
        int same = 0; /* a triple ran on one stack (another thread may take one) */
        for (long i = 0; i < 30 && !same; i++) {
            go_spawn(touch, (void *)i);
            while (atomic_load_explicit(&done, memory_order_relaxed) <= i)
                go_yield();
            go_sleep(2 * 1000 * 1000); /* it has exited: its stack is free */
            same = i % 3 == 2 && atomic_load(&local_of[i - 2]) == atomic_load(&local_of[i - 1]) &&
                   atomic_load(&local_of[i - 1]) == atomic_load(&local_of[i]);
        }
        // REUSE: stack reused: 1
        // REUSE-NOT: WARNING: gosan
        printf("stack reused: %d\n", same);
        return 0;
    }
    owner_first = argc > 1 && !strcmp(argv[1], "shared-owner-first");
    stop = go_chan_make(0, 1);
    go_spawn(owner, NULL);
    go_spawn(other, NULL);
    while (atomic_load_explicit(&done, memory_order_relaxed) < 2)
        go_yield();
    // SHARED: WARNING: gosan: data race
    // SHARED: Location is stack of goroutine 2
    return 0;
}
