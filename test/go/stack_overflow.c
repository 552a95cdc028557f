// A goroutine that recurses without bound dies with a message naming the
// goroutine and the stack size instead of a bare SIGSEGV: caught by the
// frame check gosan-cc compiles into each function, or, in a function built
// without it (no_split_stack, as code not compiled by gosan-cc), by the
// stack's guard page.  GOSAN_STACK_SIZE changes the size.
// RUN: %plain-cc -O0 %s -o %t
// RUN: not %t 2>&1 | FileCheck --check-prefixes=CHECK,PROBE %s
// RUN: env GOSAN_STACK_SIZE=128k not %t 2>&1 | FileCheck --check-prefix=BIG %s
// RUN: env GOSAN_STACK_SIZE=1k %t 2>&1 | FileCheck --check-prefix=SMALL %s
// RUN: %plain-cc -O0 -DUNCHECKED %s -o %t.u
// RUN: not %t.u 2>&1 | FileCheck --check-prefixes=CHECK,GUARD %s
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>

static go_wg wg;

#ifdef UNCHECKED
__attribute__((no_split_stack))
#endif
static int deep(volatile char *prev, int n) {
    volatile char frame[512];
    frame[0] = (char)n;
    frame[511] = prev ? prev[0] : 0;
    return n > 1000000 ? frame[0] : deep(frame, n + 1) + frame[511];
}

static void recurse(void *arg) {
    printf("recursing in goroutine %llu\n", (unsigned long long)go_id());
    fflush(stdout);
    deep(NULL, 0);
    go_wg_done(&wg);
}

static void shallow(void *arg) { go_wg_done(&wg); }

int main(int argc, char **argv) {
    go_wg_add(&wg, 1);
    go_spawn(shallow, NULL);
    go_wg_wait(&wg);
    if (getenv("GOSAN_STACK_SIZE") && atoi(getenv("GOSAN_STACK_SIZE")) < 16) {
        printf("small stacks ran\n");
        return 0;
    }
    go_wg_add(&wg, 1);
    go_spawn(recurse, NULL);
    go_wg_wait(&wg);
    printf("unreachable\n");
    return 0;
}
// CHECK: recursing in goroutine 3
// CHECK: fatal error: stack overflow
// PROBE: goroutine 3 overflowed its 64 KiB stack (a frame of {{[0-9]+}} bytes at sp 0x{{[0-9a-f]+}}); raise GOSAN_STACK_SIZE
// GUARD: goroutine 3 overflowed its 64 KiB stack (fault at 0x{{[0-9a-f]+}}); raise GOSAN_STACK_SIZE
// CHECK-NOT: unreachable
// BIG: goroutine 3 overflowed its 128 KiB stack
// SMALL: GOSAN_STACK_SIZE=1k is too small: want 16 KiB to 1024 MiB; using 64 KiB
// SMALL: small stacks ran
