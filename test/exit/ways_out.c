// Every way out of the program waits for a report in flight: a race found
// just before the program ends is printed in full, then the program ends
// with exitcode (66), or dies by its fatal signal.  The goroutine's read
// races with main's write; the end comes WAIT_MS (10) after the goroutine
// is about to read, which without the wait loses the report (finding the
// first stack's lines alone used to take 100 ms and more).  Relaxed flags,
// which order nothing, sequence the sides; the flags keep away from x's
// granule, so their accesses cannot evict its history.  The read must
// have begun when the end comes, or there is nothing in flight to wait
// for: the goroutine's thread may be preempted between the flag and the
// read for longer than WAIT_MS on a loaded machine (then no report at
// all).  So the end also waits until that
// thread has run on: it has been on a processor for 1 ms since the flag,
// or it is blocked (it blocks only inside the report or after it).
// REQUIRES: plugin
//
// The reproducer: the read ~3 ms after the goroutine starts, main
// returns 10 ms later; then 3 ms later; then the racing goroutine ends
// (returns after its read) just before main returns.
// RUN: %gosan-cc %s -o %t-ret
// RUN: sh -c '%t-ret; echo "status $?"' > %t.ret 2>&1; FileCheck %s --check-prefixes=CHECK,ST66 < %t.ret
// RUN: %gosan-cc -DWAIT_MS=3 %s -o %t-right
// RUN: sh -c '%t-right; echo "status $?"' > %t.right 2>&1; FileCheck %s --check-prefixes=CHECK,ST66 < %t.right
// RUN: %gosan-cc -DG_ENDS %s -o %t-ends
// RUN: sh -c '%t-ends; echo "status $?"' > %t.ends 2>&1; FileCheck %s --check-prefixes=CHECK,ST66 < %t.ends
//
// exit(0) from another goroutine; _exit(0), _Exit(0), quick_exit(0).
// RUN: %gosan-cc -DEXIT_IN_G %s -o %t-gexit
// RUN: sh -c '%t-gexit; echo "status $?"' > %t.gexit 2>&1; FileCheck %s --check-prefixes=CHECK,ST66 < %t.gexit
// RUN: %gosan-cc -DEND_CALL=_exit %s -o %t-uexit
// RUN: sh -c '%t-uexit; echo "status $?"' > %t.uexit 2>&1; FileCheck %s --check-prefixes=CHECK,ST66 < %t.uexit
// RUN: %gosan-cc -DEND_CALL=_Exit %s -o %t-cexit
// RUN: sh -c '%t-cexit; echo "status $?"' > %t.cexit 2>&1; FileCheck %s --check-prefixes=CHECK,ST66 < %t.cexit
// RUN: %gosan-cc -DEND_CALL=quick_exit %s -o %t-qexit
// RUN: sh -c '%t-qexit; echo "status $?"' > %t.qexit 2>&1; FileCheck %s --check-prefixes=CHECK,ST66 < %t.qexit
//
// Fatal signals: a crash, abort, SIGTERM (default actions); the program
// dies by the signal (the shell's status 128+N).  SIGINT takes the same
// path, but lit's shell starts programs with SIGINT ignored.
// RUN: %gosan-cc -DEND_SEGV %s -o %t-segv
// RUN: sh -c '%t-segv; echo "status $?"' > %t.segv 2>&1; FileCheck %s --check-prefixes=CHECK,SEGV < %t.segv
// RUN: %gosan-cc -DEND_CALL=abort_ %s -o %t-abrt
// RUN: sh -c '%t-abrt; echo "status $?"' > %t.abrt 2>&1; FileCheck %s --check-prefixes=CHECK,ABRT < %t.abrt
// RUN: %gosan-cc -DEND_SIG=SIGTERM %s -o %t-term
// RUN: sh -c '%t-term; echo "status $?"' > %t.term 2>&1; FileCheck %s --check-prefixes=CHECK,TERM < %t.term
#include <gosan/go.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef WAIT_MS
#define WAIT_MS 10
#endif

_Alignas(64) int x;
_Alignas(64) static atomic_int wrote, about_to_read, reader_tid;

/* Sleeps rather than spins: a thread that wakes up runs its next few
 * instructions at once, even on a loaded machine, so the racy read follows
 * the flag by microseconds. */
static void sleep_us(long us)
{
    struct timespec ts = {us / 1000000, us % 1000000 * 1000};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

static void until(atomic_int *f)
{
    while (!atomic_load_explicit(f, memory_order_relaxed))
        sleep_us(50);
}

static void reader(void *p)
{
    (void)p;
    until(&wrote);
    sleep_us(3000);
    atomic_store_explicit(&reader_tid, (int)syscall(SYS_gettid), memory_order_relaxed);
    atomic_store_explicit(&about_to_read, 1, memory_order_relaxed);
    int r = x; // the racy read
    __asm__ __volatile__("" ::"r"(r));
#ifndef G_ENDS
    sleep_us(2000000); // still alive when the program ends
#endif
}

__attribute__((unused)) static void abort_(int unused)
{
    (void)unused;
    abort();
}

/* The state letter of thread tid and its time on a processor in ns (-1
 * if unknown): /proc/self/task/TID/stat and schedstat. */
static char thread_state(int tid, long long *run_ns)
{
    char path[64], buf[512];
    char state = '?';
    *run_ns = -1;
    snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
    FILE *f = fopen(path, "r");
    if (f) {
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = 0;
        char *p = strrchr(buf, ')');
        if (p && p[1] == ' ')
            state = p[2];
        fclose(f);
    }
    snprintf(path, sizeof path, "/proc/self/task/%d/schedstat", tid);
    if ((f = fopen(path, "r"))) {
        if (fscanf(f, "%lld", run_ns) != 1)
            *run_ns = -1;
        fclose(f);
    }
    return state;
}

/* Until the reader's thread ran on after the flag (seen by now): 1 ms on a
 * processor, or blocked. */
static void until_reader_ran(long long run0)
{
    for (;;) {
        long long run;
        char st = thread_state(atomic_load_explicit(&reader_tid, memory_order_relaxed), &run);
        if (st != 'R' || (run0 >= 0 && run - run0 >= 1000000))
            return;
        sleep_us(100);
    }
}

/* Ends the program as the END_ macros say, WAIT_MS after the racy read
 * began (and no sooner than the reader's thread ran on); by default by
 * returning, then from main. */
static void the_end(void)
{
    until(&about_to_read);
    long long run0;
    thread_state(atomic_load_explicit(&reader_tid, memory_order_relaxed), &run0);
    sleep_us(WAIT_MS * 1000L);
    until_reader_ran(run0);
#if defined(END_SEGV)
    *(volatile int *)0 = 1;
#elif defined(END_SIG)
    kill(getpid(), END_SIG);
    sleep_us(5000000); // not reached
#elif defined(END_CALL)
    END_CALL(0);
#endif
}

__attribute__((unused)) static void exiter(void *p)
{
    (void)p;
    the_end();
    exit(0);
}

int main(void)
{
    go_spawn(reader, 0);
    x = 1;
    atomic_store_explicit(&wrote, 1, memory_order_relaxed);
#ifdef EXIT_IN_G
    go_spawn(exiter, 0);
    go_chan_recv(go_chan_make(0, 0), NULL); // main waits; exiter ends it all
#else
    the_end();
#endif
    return 0;
}
// CHECK-NOT: LLVM ERROR
// CHECK: WARNING: gosan: data race
// CHECK-NEXT: Read of size 4 at {{.*}} by goroutine 2:
// CHECK-NEXT: #0 reader {{.*}}ways_out.c:[[#READ:]]
// CHECK: Previous write of size 4 at {{.*}} by goroutine 1:
// CHECK-NEXT: #0 main {{.*}}ways_out.c:
// CHECK: Location is global 'x' of size 4
// CHECK: SUMMARY: gosan: data race {{.*}}ways_out.c:[[#READ]] in reader
// CHECK-NEXT: ==================
// CHECK-NOT: LLVM ERROR
// CHECK-NOT: pure virtual
// ST66: gosan: reported 1 warning
// ST66-NEXT: status 66
// SEGV: status 139
// ABRT: status 134
// TERM: status 143
