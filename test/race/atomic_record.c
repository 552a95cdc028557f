// A granule whose first access is an atomic keeps its atomics' records
// aside (race/atomic_record.h): a plain access must still meet them, and
// an atomic must still meet the plain records in the cells.  The sides
// are unordered (relaxed flags order nothing for the checker) and the
// program exits right after the racing access.
//   default (ATOMIC_FIRST): goroutine 2's atomic store marks and records;
//     then main's plain write (PLAIN_READ: read) meets the record.
//   PLAIN_FIRST: goroutine 2's atomic store marks the granule and is
//     ordered before main's plain write (a wait group); then goroutine 3,
//     unordered with main, loads atomically (ATOMIC_WRITE: adds) and meets
//     main's write in the cells.
//   OTHER_BYTES: main's plain write is to the other half of the granule
//     the atomic touched: no race.  PARTIAL: a 1-byte plain write to the
//     last byte of the 8-byte atomic: a race.
//   ORDERED: as the default, but main acquires the atomic's release: no race.
//   With FREE the atomic is at an offset of a large heap block that the
//     allocation does not write (its granule starts empty); main frees the
//     block: the free races with the atomic.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && not %t 2>&1 | FileCheck --check-prefixes=CHECK,WRITE %s
// RUN: %gosan-cc -O1 -DPLAIN_READ %s -o %t-r && not %t-r 2>&1 | FileCheck --check-prefixes=CHECK,READ %s
// RUN: %gosan-cc -O1 -DPLAIN_FIRST %s -o %t-pf && not %t-pf 2>&1 | FileCheck --check-prefix=PF %s
// RUN: %gosan-cc -O1 -DPLAIN_FIRST -DATOMIC_WRITE %s -o %t-pfw && not %t-pfw 2>&1 | FileCheck --check-prefix=PFW %s
// RUN: %gosan-cc -O1 -DOTHER_BYTES %s -o %t-ob && %t-ob 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DPARTIAL %s -o %t-p && not %t-p 2>&1 | FileCheck --check-prefixes=CHECK,PART %s
// RUN: %gosan-cc -O1 -DORDERED %s -o %t-o && %t-o 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DFREE %s -o %t-f && not %t-f 2>&1 | FileCheck --check-prefix=FREE %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

/* One granule of its own: the atomic word and a plain neighbour. */
static struct {
    _Atomic long word;
    long other;
} __attribute__((aligned(16))) g;
static _Atomic int flag, flag2;
static go_wg wg;
static _Atomic long *target = &g.word;

static void atomic_side(void *arg) {
    (void)arg;
#ifdef ORDERED
    atomic_store_explicit(target, 1, memory_order_release);
#else
    atomic_store_explicit(target, 1, memory_order_relaxed);
#endif
    atomic_store_explicit(&flag, 1, memory_order_relaxed);
    go_wg_done(&wg);
}

__attribute__((noinline)) static void late_atomic(void *arg) {
    (void)arg;
    while (!atomic_load_explicit(&flag2, memory_order_relaxed))
        go_yield();
#ifdef ATOMIC_WRITE
    atomic_fetch_add_explicit(&g.word, 1, memory_order_relaxed);
#else
    long v = atomic_load_explicit(&g.word, memory_order_relaxed);
    (void)v;
#endif
    _Exit(66); /* right after the racing access */
}

int main(void) {
#ifdef FREE
    char *block = malloc(1 << 16);
    target = (_Atomic long *)(block + 40000);
#endif
    go_wg_add(&wg, 1);
#ifdef PLAIN_FIRST
    go_spawn(late_atomic, NULL);
#endif
    go_spawn(atomic_side, NULL);
#if defined(PLAIN_FIRST)
    go_wg_wait(&wg); /* the store is ordered before main's write */
    *(volatile long *)&g.word = 7;
    atomic_store_explicit(&flag2, 1, memory_order_relaxed);
    for (;;)
        go_yield();
#else
    while (!atomic_load_explicit(&flag, memory_order_relaxed))
        go_yield();
#if defined(ORDERED)
    atomic_load_explicit(&g.word, memory_order_acquire);
#endif
#if defined(FREE)
    free(block);
#elif defined(PLAIN_READ)
    printf("%ld\n", *(volatile long *)&g.word);
#elif defined(OTHER_BYTES)
    *(volatile long *)&g.other = 5;
#elif defined(PARTIAL)
    ((volatile char *)&g.word)[7] = 5;
#else
    *(volatile long *)&g.word = 5;
#endif
    printf("done\n");
    return 0;
#endif
}
// NORACE-NOT: WARNING: gosan
// NORACE: done
// CHECK: WARNING: gosan: data race
// WRITE: Write of size 8 at {{.*}} by goroutine 1:
// READ: Read of size 8 at {{.*}} by goroutine 1:
// PART: Write of size 1 at {{.*}} by goroutine 1:
// CHECK: Previous atomic write of size 8 at {{.*}} by goroutine 2:
// CHECK: atomic_side
// CHECK: Location is global 'g'
// PF: WARNING: gosan: data race
// PF: Atomic read of size 8 at {{.*}} by goroutine 2:
// PF: late_atomic
// PF: Previous write of size 8 at {{.*}} by goroutine 1:
// PF: main
// PFW: WARNING: gosan: data race
// PFW: Atomic write of size 8 at {{.*}} by goroutine 2:
// PFW: late_atomic
// PFW: Previous write of size 8 at {{.*}} by goroutine 1:
// PFW: main
// FREE: WARNING: gosan: data race
// FREE: Write of size {{[0-9]+}} at {{.*}} by goroutine 1:
// FREE: main
// FREE: Previous atomic write of size 8 at {{.*}} by goroutine 2:
// FREE: atomic_side
// FREE: Location is heap block
