/* The harness every bug kernel shares: what a Go test gives the GoKer
 * kernels, in C on <gosan/go.h>.
 *
 * - kernel_go(fn, arg) starts a goroutine the test joins: kernel_join() in
 *   main waits for all of them, so a goroutine that leaks (blocked for
 *   good) turns into "all goroutines are asleep" (exit 2, or the checker's
 *   deadlock report, exit 66) instead of a silent exit.
 * - kernel_panic() is Go's panic: a message and abort(), a failure for
 *   gosan-explore whatever the build.
 * Invariant: a kernel exits 0 exactly when the bug did not manifest. */
#ifndef GOSAN_BENCH_KERNEL_H
#define GOSAN_BENCH_KERNEL_H

#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>

static go_wg kernel_joined;

struct kernel_start {
    go_func fn;
    void *arg;
};

static void kernel_trampoline(void *p)
{
    struct kernel_start start = *(struct kernel_start *)p;
    free(p);
    start.fn(start.arg);
    go_wg_done(&kernel_joined);
}

static inline void kernel_go(go_func fn, void *arg)
{
    struct kernel_start *start = malloc(sizeof *start);
    if (!start)
        abort();
    start->fn = fn;
    start->arg = arg;
    go_wg_add(&kernel_joined, 1);
    go_spawn(kernel_trampoline, start);
}

static inline void kernel_join(void)
{
    go_wg_wait(&kernel_joined);
}

static inline void kernel_panic(const char *what)
{
    fprintf(stderr, "panic: %s\n", what);
    abort();
}

#endif
