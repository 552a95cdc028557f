// Release sequences and fences (C11 7.17.3-4).  A relaxed store never takes
// away what a release published on its address: the releasing thread's own
// later relaxed store continues its release sequence, and a relaxed store
// after gosan_release(&flag) leaves the annotation's clock for
// gosan_acquire(&flag).  A release fence publishes through the thread's
// later relaxed stores and read-modify-writes, an acquire fence acquires
// what its thread's earlier relaxed loads read.  Each pattern runs 500
// times (a false report needs one unlucky schedule), after an unrelated
// goroutine executed a release fence and exited (its checker state is
// reused: that once made every later relaxed store erase the release
// clock, 498 false reports in 500), and once more with the releasing
// goroutine having fenced before its writes.  The -DRACY patterns drop the
// fence or the acquire, or write after the fence, in both real-time orders
// (the acquirer reads before or after the write): each is a race.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: env GOSAN_OPTIONS=symbolize=0 %t 500 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O2 %s -o %t2 && env GOSAN_OPTIONS=symbolize=0 %t2 100 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DRACY %s -o %t-racy
// RUN: env GOSAN_OPTIONS=symbolize=0 not %t-racy 0 w 2>&1 | FileCheck %s
// RUN: env GOSAN_OPTIONS=symbolize=0 not %t-racy 0 r 2>&1 | FileCheck %s
// RUN: env GOSAN_OPTIONS=symbolize=0 not %t-racy 1 w 2>&1 | FileCheck %s
// RUN: env GOSAN_OPTIONS=symbolize=0 not %t-racy 1 r 2>&1 | FileCheck %s
// RUN: env GOSAN_OPTIONS=symbolize=0 not %t-racy 2 w 2>&1 | FileCheck %s
// RUN: env GOSAN_OPTIONS=symbolize=0 not %t-racy 2 r 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* x has a granule of its own: the flags' accesses beside it would take
 * its cells and evict the racing read (a missed race, not the subject). */
static _Alignas(64) int x;
static _Alignas(64) atomic_int flag;
static _Alignas(64) atomic_int read_done;
static go_wg wg;
static long sum;

static void unrelated_fence(void *arg) {
    (void)arg;
    atomic_thread_fence(memory_order_release);
    go_wg_done(&wg);
}

static void run2(go_func a, go_func b, void *arg) {
    atomic_store_explicit(&flag, 0, memory_order_relaxed);
    atomic_store_explicit(&read_done, 0, memory_order_relaxed);
    go_wg_add(&wg, 2);
    go_spawn(a, arg);
    go_spawn(b, arg);
    go_wg_wait(&wg);
}

static void wait_flag(int v, bool acquire) {
    if (acquire)
        while (atomic_load_explicit(&flag, memory_order_acquire) < v)
            go_yield();
    else
        while (atomic_load_explicit(&flag, memory_order_relaxed) < v)
            go_yield();
}

#ifndef RACY
/* arg != NULL: the releaser fences first, before its writes. */
static void early_fence(void *arg) {
    if (arg)
        atomic_thread_fence(memory_order_release);
}

/* gosan_release, then a relaxed store; relaxed load, then gosan_acquire. */
static void annot_rel(void *arg) {
    early_fence(arg);
    x++;
    gosan_release(&flag);
    atomic_store_explicit(&flag, 1, memory_order_relaxed);
    go_wg_done(&wg);
}
static void annot_acq(void *arg) {
    (void)arg;
    wait_flag(1, false);
    gosan_acquire(&flag);
    sum += x;
    go_wg_done(&wg);
}

/* x = r; store(1, release); store(2, relaxed): 2 continues the sequence. */
static void seq_rel(void *arg) {
    early_fence(arg);
    x++;
    atomic_store_explicit(&flag, 1, memory_order_release);
    atomic_store_explicit(&flag, 2, memory_order_relaxed);
    go_wg_done(&wg);
}
static void seq_acq(void *arg) {
    (void)arg;
    wait_flag(2, true);
    sum += x;
    go_wg_done(&wg);
}

/* A release store's sequence continued by a relaxed read-modify-write of
 * another goroutine (here the acquirer's own). */
static void rmw_rel(void *arg) {
    early_fence(arg);
    x++;
    atomic_store_explicit(&flag, 1, memory_order_release);
    go_wg_done(&wg);
}
static void rmw_acq(void *arg) {
    (void)arg;
    wait_flag(1, false);
    atomic_fetch_add_explicit(&flag, 1, memory_order_relaxed); /* continues the sequence */
    wait_flag(2, true);
    sum += x;
    go_wg_done(&wg);
}

/* fence(release); store(relaxed) -> load(acquire). */
static void fence_rel(void *arg) {
    (void)arg;
    x++;
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&flag, 1, memory_order_relaxed);
    go_wg_done(&wg);
}
/* -> load(acquire) of 1. */
static void load_acq(void *arg) {
    (void)arg;
    wait_flag(1, true);
    sum += x;
    go_wg_done(&wg);
}
/* store(release) -> load(relaxed); fence(acquire). */
static void fence_acq(void *arg) {
    (void)arg;
    wait_flag(1, false);
    atomic_thread_fence(memory_order_acquire);
    sum += x;
    go_wg_done(&wg);
}
/* fence(release); fetch_add(relaxed) -> load(relaxed); fence(acquire). */
static void fence_rel_rmw(void *arg) {
    (void)arg;
    x++;
    atomic_thread_fence(memory_order_release);
    atomic_fetch_add_explicit(&flag, 1, memory_order_relaxed);
    go_wg_done(&wg);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 500;
    const char *only = argc > 2 ? argv[2] : NULL; /* one pattern, for debugging */
#define RUN_IF(name, a, b, arg) if (!only || !strcmp(only, name)) run2(a, b, arg)
    go_wg_add(&wg, 1);
    go_spawn(unrelated_fence, NULL);
    go_wg_wait(&wg);
    for (int early = 0; early < 2; early++) {
        void *arg = early ? &x : NULL;
        for (int i = 0; i < n; i++) {
            RUN_IF("annot", annot_rel, annot_acq, arg);
            RUN_IF("seq", seq_rel, seq_acq, arg);
            RUN_IF("rmw", rmw_rel, rmw_acq, arg);
        }
    }
    for (int i = 0; i < n; i++) {
        RUN_IF("fence_rel", fence_rel, load_acq, NULL);
        RUN_IF("fence_acq", seq_rel, fence_acq, NULL);
        RUN_IF("fence_rmw", fence_rel_rmw, fence_acq, NULL);
    }
    printf("done %ld\n", sum);
    return 0;
}
#else
static int pattern;
static bool reader_first;

/* The write x++ is unordered with the read: which real-time order. */
static void write_x(void) {
    if (reader_first)
        while (!atomic_load_explicit(&read_done, memory_order_relaxed))
            go_yield();
    x++;
}

static void rel(void *arg) {
    (void)arg;
    switch (pattern) {
    case 0: /* no fence: a relaxed store publishes nothing */
        if (!reader_first)
            x++;
        atomic_store_explicit(&flag, 1, memory_order_relaxed);
        if (reader_first)
            write_x();
        break;
    case 1: /* the write after the fence is not published by it */
        atomic_thread_fence(memory_order_release);
        if (!reader_first)
            x++;
        atomic_store_explicit(&flag, 1, memory_order_relaxed);
        if (reader_first)
            write_x();
        break;
    default: /* the acquirer has no acquire fence */
        if (!reader_first)
            x++;
        atomic_store_explicit(&flag, 1, memory_order_release);
        if (reader_first)
            write_x();
        break;
    }
    go_wg_done(&wg);
}

static void acq(void *arg) {
    (void)arg;
    wait_flag(1, pattern != 2);
    sum += x;
    atomic_store_explicit(&read_done, 1, memory_order_relaxed);
    go_wg_done(&wg);
}

int main(int argc, char **argv) {
    pattern = argc > 1 ? atoi(argv[1]) : 0;
    reader_first = argc > 2 && !strcmp(argv[2], "r");
    go_wg_add(&wg, 1);
    go_spawn(unrelated_fence, NULL);
    go_wg_wait(&wg);
    run2(rel, acq, NULL);
    printf("done %ld\n", sum);
    return 0;
}
#endif
// NORACE-NOT: WARNING: gosan
// NORACE: done
// CHECK: WARNING: gosan: data race
// CHECK: done
