// Atomics clang cannot inline become libatomic calls: a 16-byte struct, a
// 24-byte struct (generic __atomic_load/__atomic_store) and an __int128
// (__atomic_fetch_add_16 without -mcx16).  The checker sees them as atomics
// with their memory orders: release/acquire orders the writes before it
// (NORACE); relaxed orders nothing (RACY); a plain write of an atomic
// object races with an atomic read of it (PLAIN; main reads only after the
// write, told so by a relaxed flag, so the report's order is fixed).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -Wno-atomic-alignment %s -o %t -latomic && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -Wno-atomic-alignment -DRACY %s -o %t-racy -latomic && not %t-racy 2>&1 | FileCheck --check-prefix=RACY %s
// RUN: %gosan-cc -O1 -Wno-atomic-alignment -DPLAIN %s -o %t-plain -latomic && not %t-plain 2>&1 | FileCheck --check-prefix=PLAIN %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

typedef struct { long seq, pad; } pair;
typedef struct { long a, b, c; } triple;

static _Atomic pair flag16;
static _Atomic triple flag24;
static _Atomic unsigned __int128 counter;
static atomic_int written; /* relaxed: tells main the plain write is done, orders nothing */
/* Not static: the optimizer would shrink a static set to one value. */
long payload16, payload24;
static go_wg wg;

#ifdef RACY
#define REL memory_order_relaxed
#define ACQ memory_order_relaxed
#else
#define REL memory_order_release
#define ACQ memory_order_acquire
#endif

static void publisher(void *arg) {
    (void)arg;
    payload16 = 16;
    atomic_fetch_add_explicit(&counter, 1, memory_order_relaxed);
    atomic_store_explicit(&flag16, ((pair){1, 0}), REL);
    payload24 = 24;
#ifdef PLAIN
    triple t = {1, 2, 3};
    memcpy((void *)&flag24, &t, sizeof t); /* not an atomic store */
    atomic_store_explicit(&written, 1, memory_order_relaxed);
#else
    atomic_store_explicit(&flag24, ((triple){1, 2, 3}), REL);
#endif
    go_wg_done(&wg);
}

int main(void) {
    go_wg_add(&wg, 1);
    go_spawn(publisher, NULL);
    for (pair p; p = atomic_load_explicit(&flag16, ACQ), p.seq != 1;)
        go_yield();
    printf("payload16=%ld\n", payload16);
#ifdef PLAIN
    while (!atomic_load_explicit(&written, memory_order_relaxed))
        go_yield();
#endif
    for (triple t; t = atomic_load_explicit(&flag24, ACQ), t.a != 1;)
        go_yield();
    printf("payload24=%ld\n", payload24);
    go_wg_wait(&wg);
    printf("counter=%d\n", (int)atomic_load(&counter));
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: counter=1

// RACY: WARNING: gosan: data race
// RACY: Read of size 8 at {{.*}} by goroutine 1:
// RACY: #0 main {{.*}}libatomic.c:[[@LINE-17]]
// RACY: Previous write of size 8 at {{.*}} by goroutine 2:
// RACY: #0 publisher {{.*}}libatomic.c:[[@LINE-38]]
// RACY: Location is global 'payload16'

// PLAIN: WARNING: gosan: data race
// PLAIN: Atomic read of size {{8|16}} at {{.*}} by goroutine 1:
// PLAIN: #0 main {{.*}}libatomic.c:[[@LINE-19]]
// PLAIN: Previous write of size {{8|16}} at {{.*}} by goroutine 2:
// PLAIN: #0 publisher {{.*}}libatomic.c:[[@LINE-39]]
// PLAIN: Location is global 'flag24'
