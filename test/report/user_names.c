// A program may name its functions as it likes: names the checker runtime
// (gs_*) or the library (go_now_coarse, go_sched) use internally, or names of
// the C library's thread start code (start_thread), link under gosan-cc,
// call the program's own definitions, and show in reports, whose stacks drop
// gosan's frames by address, not by name.  Both real-time orders of the
// racing pair (main reads, goroutine 2 writes; the second waits for the
// first through a relaxed flag, which orders nothing), the program
// returning from main right after the race in the writer-first order.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DWRITER_FIRST %s -o %t-wf && not %t-wf 2>&1 | FileCheck --check-prefixes=CHECK,WF %s
// RUN: %gosan-cc -O1 %s -o %t-rf && not %t-rf 2>&1 | FileCheck --check-prefixes=CHECK,RF %s
// RUN: %gosan-cc -O1 -DNORACE %s -o %t-ok && %t-ok 2>&1 | FileCheck --check-prefix=NORACE %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

long shared;
long go_sched = 7; /* a variable named like the library's scheduler state */
static atomic_int first_done;
static go_wg wg;

__attribute__((noinline)) void gs_update(long v) { shared = v; }
__attribute__((noinline)) long gs_flush(void) { return shared; }
__attribute__((noinline)) int64_t go_now_coarse(void) { return 42; }

__attribute__((noinline)) long start_thread(void) { return gs_flush(); }

static void wait_first(void) {
    while (!atomic_load_explicit(&first_done, memory_order_relaxed))
        go_yield();
}

static void writer(void *arg) {
    (void)arg;
#ifndef WRITER_FIRST
    wait_first();
#endif
    gs_update(1);
    atomic_store_explicit(&first_done, 1, memory_order_relaxed);
    go_wg_done(&wg);
}

int main(void) {
    fprintf(stderr, "go_now_coarse=%lld go_sched=%ld\n", (long long)go_now_coarse(), go_sched);
#ifdef NORACE
    gs_update(2);
    fprintf(stderr, "gs_flush=%ld\n", start_thread());
    return 0;
#else
    go_wg_add(&wg, 1);
    go_spawn(writer, NULL);
#ifdef WRITER_FIRST
    wait_first();
    return (int)start_thread();
#else
    long v = start_thread();
    atomic_store_explicit(&first_done, 1, memory_order_relaxed);
    go_wg_wait(&wg);
    return (int)v;
#endif
#endif
}
// NORACE: go_now_coarse=42 go_sched=7
// NORACE-NEXT: gs_flush=2
// NORACE-NOT: WARNING: gosan

// CHECK: go_now_coarse=42 go_sched=7
// CHECK: WARNING: gosan: data race
// WF-NEXT: Read of size 8 at 0x{{[0-9a-f]+}} by goroutine 1:
// WF-NEXT: #0 gs_flush {{.*}}user_names.c:24
// WF-NEXT: #1 start_thread {{.*}}user_names.c:27
// WF-NEXT: #2 main {{.*}}user_names.c:
// WF: Previous write of size 8 at 0x{{[0-9a-f]+}} by goroutine 2:
// WF-NEXT: #0 gs_update {{.*}}user_names.c:23
// WF-NEXT: #1 writer {{.*}}user_names.c:
// RF-NEXT: Write of size 8 at 0x{{[0-9a-f]+}} by goroutine 2:
// RF-NEXT: #0 gs_update {{.*}}user_names.c:23
// RF-NEXT: #1 writer {{.*}}user_names.c:
// RF: Previous read of size 8 at 0x{{[0-9a-f]+}} by goroutine 1:
// RF-NEXT: #0 gs_flush {{.*}}user_names.c:24
// RF-NEXT: #1 start_thread {{.*}}user_names.c:27
// RF-NEXT: #2 main {{.*}}user_names.c:
// CHECK: Location is global 'shared' of size 8
// WF: SUMMARY: gosan: data race {{.*}}user_names.c:24 in gs_flush
// RF: SUMMARY: gosan: data race {{.*}}user_names.c:23 in gs_update
