// A heap block whose pointer leaves the function is checked (the pass's
// skipped-local-heap rule, pass/local_heap.cpp, skips only blocks whose
// pointer never escapes): main allocates a block, hands its pointer to a
// helper over a channel (the pointer is stored into the element it sends:
// an escape), then writes the block; the helper writes it too.  The
// allocation and the send are ordered before the helper's write, main's
// write after the send is not: a race, reported only if main's write is
// checked.  A block that never escapes (scratch, freed in the function) is
// not checked.  Both real-time orders: "main" writes first (the helper
// waits on a relaxed flag that orders nothing), "helper" writes first.
// The program exits right after the race.
// REQUIRES: plugin
// RUN: %gosan-cc -O2 %s -o %t
// RUN: not %t main 2>&1 | FileCheck %s --check-prefixes=CHECK,MAIN
// RUN: not %t helper 2>&1 | FileCheck %s --check-prefixes=CHECK,HELPER
// RUN: %gosan-cc -O2 -mllvm -gosan-stats -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Alignas(64) atomic_int main_wrote, helper_wrote;
static go_chan *ch;
static int helper_first;

__attribute__((noinline)) static void wait_for(atomic_int *f) {
    while (!atomic_load_explicit(f, memory_order_relaxed))
        go_yield();
}

/* Never escapes: not checked (counted skipped-local-heap). */
__attribute__((noinline)) static int scratch_sum(int n) {
    int *s = malloc(sizeof(int) * 16);
    for (int i = 0; i < 16; i++)
        s[i] = n + i;
    int r = 0;
    for (int i = 0; i < n % 16; i++)
        r += s[i];
    free(s);
    return r;
}

__attribute__((noinline)) static void share(void) {
    int *b = malloc(sizeof(int) * 4);
    int *sent = b; /* a copy: main's write below goes through b itself */
    go_chan_send(ch, &sent); /* b escapes */
    if (helper_first)
        wait_for(&helper_wrote);
    b[0] = 1; /* after the send: races with the helper */
    atomic_store_explicit(&main_wrote, 1, memory_order_relaxed);
}

static void helper(void *arg) {
    (void)arg;
    int *p;
    go_chan_recv(ch, &p);
    if (!helper_first)
        wait_for(&main_wrote);
    p[0] = 2;
    atomic_store_explicit(&helper_wrote, 1, memory_order_relaxed);
}

int main(int argc, char **argv) {
    helper_first = argc > 1 && !strcmp(argv[1], "helper");
    ch = go_chan_make(sizeof(int *), 1);
    printf("scratch %d\n", scratch_sum(argc));
    go_spawn(helper, NULL);
    share();
    wait_for(helper_first ? &main_wrote : &helper_wrote);
    return 0;
}
// CHECK: WARNING: gosan: data race
// MAIN-NEXT: Write of size 4 at {{0x[0-9a-f]+}} by goroutine {{[0-9]+}}:
// MAIN-NEXT: #0 helper {{.*}}heap_block_escape.c:60
// MAIN: Previous write of size 4 at {{0x[0-9a-f]+}} by goroutine 1:
// MAIN-NEXT: #0 share {{.*}}heap_block_escape.c:50
// HELPER-NEXT: Write of size 4 at {{0x[0-9a-f]+}} by goroutine 1:
// HELPER-NEXT: #0 share {{.*}}heap_block_escape.c:50
// HELPER: Previous write of size 4 at {{0x[0-9a-f]+}} by goroutine {{[0-9]+}}:
// HELPER-NEXT: #0 helper {{.*}}heap_block_escape.c:60
// CHECK: Location is heap block
// STATS: gosan-stats: skipped-local-heap {{[1-9]}}
