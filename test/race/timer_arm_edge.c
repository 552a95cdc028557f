// The call that arms a timer happens before whatever follows the receive
// of its tick, or the start of its AfterFunc function, as in Go's race mode
// (startTimer and resetTimer release the timer, its run acquires it before
// sending the tick or starting the function): go_after (time.After),
// go_time_new_timer, go_time_timer_reset and go_time_after_func.  main
// writes `data`, then arms; the goroutine that receives the tick (or the
// AfterFunc function) reads it: no report, whether the receiver is parked
// before the tick comes ("parked") or the tick waits in the channel for a
// late receiver ("late"), and when main returns right after the read
// ("exit").  go_after had no such edge and each of its cases was a false
// data race.  Control (RACY): the same read with nothing armed after the
// write races.  The receiving goroutine learns of the channel through a
// relaxed atomic, which orders nothing for the checker.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: %t after parked 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t after late 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t after parked exit 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t after late exit 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t timer parked 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t timer late exit 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t reset parked 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t reset late exit 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t afterfunc - 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t afterfunc - exit 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: not %t none parked 2>&1 | FileCheck --check-prefix=RACY %s
// RUN: not %t none late exit 2>&1 | FileCheck --check-prefix=RACY %s
#include <gosan/go.h>
#include <gosan/timer.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define MS 1000000ll

/* Not static, so the optimizer keeps every access. */
long data, seen;
static _Atomic(go_chan *) tick_chan; /* relaxed: orders nothing */
static atomic_int reader_done;
static bool late;

static void wait_done(void)
{
    while (!atomic_load_explicit(&reader_done, memory_order_relaxed))
        go_sleep(1 * MS);
}

static __attribute__((noinline)) void read_data(void)
{
    seen = data;
    atomic_store_explicit(&reader_done, 1, memory_order_relaxed);
}

/* Parked: waits on the channel before the tick (armed for 30ms) comes.
 * Late: sleeps past the tick (armed for 1ms) before receiving it. */
static void reader(void *arg)
{
    (void)arg;
    go_chan *c;
    while (!(c = atomic_load_explicit(&tick_chan, memory_order_relaxed)))
        go_sleep(1 * MS);
    if (late)
        go_sleep(50 * MS);
    int64_t when;
    go_chan_recv(c, &when);
    read_data();
}

static void afterfunc_reader(void *arg)
{
    (void)arg;
    read_data();
}

/* Like reader, but with nothing to receive: waits as long, then reads. */
static void unordered_reader(void *arg)
{
    (void)arg;
    while (!atomic_load_explicit(&tick_chan, memory_order_relaxed))
        go_sleep(1 * MS);
    go_sleep(late ? 50 * MS : 30 * MS);
    read_data();
}

int main(int argc, char **argv)
{
    const char *kind = argc > 1 ? argv[1] : "";
    late = argc > 2 && !strcmp(argv[2], "late");
    bool exit_at_once = argc > 3 && !strcmp(argv[3], "exit");
    int64_t ns = late ? 1 * MS : 30 * MS;
    go_chan *own = go_chan_make(sizeof(int), 0);
    go_time_timer *t = NULL;
    go_chan *after = NULL;

    if (!strcmp(kind, "reset"))
        t = go_time_new_timer(3600 * 1000 * MS); /* armed long before the write */
    if (strcmp(kind, "afterfunc"))
        go_spawn(strcmp(kind, "none") ? reader : unordered_reader, NULL);
    go_sleep(5 * MS); /* the reader is spawned and polling: spawn ordered nothing of what follows */
    data = 42;
    if (!strcmp(kind, "after")) {
        after = go_after(ns);
        atomic_store_explicit(&tick_chan, after, memory_order_relaxed);
    } else if (!strcmp(kind, "timer")) {
        t = go_time_new_timer(ns);
        atomic_store_explicit(&tick_chan, go_time_timer_chan(t), memory_order_relaxed);
    } else if (!strcmp(kind, "reset")) {
        go_time_timer_reset(t, ns);
        atomic_store_explicit(&tick_chan, go_time_timer_chan(t), memory_order_relaxed);
    } else if (!strcmp(kind, "afterfunc")) {
        t = go_time_after_func(ns, afterfunc_reader, NULL);
    } else {
        atomic_store_explicit(&tick_chan, own, memory_order_relaxed);
    }
    wait_done();
    if (!exit_at_once) {
        go_sleep(5 * MS);
        go_chan_free(after);
        go_time_timer_free(t);
        go_chan_free(own);
    }
    printf("main returns\n");
    return 0;
}

// NORACE-NOT: WARNING: gosan
// NORACE: main returns
// RACY: WARNING: gosan: data race
// RACY: Read of size 8 at {{.*}} by goroutine {{[0-9]+}}:
// RACY-NEXT: #0 read_data {{.*}}timer_arm_edge.c:{{[0-9]+}}
// RACY: Previous write of size 8 at {{.*}} by goroutine 1:
// RACY-NEXT: #0 main {{.*}}timer_arm_edge.c:{{[0-9]+}}
// RACY: SUMMARY: gosan: data race {{.*}}timer_arm_edge.c:{{[0-9]+}} in read_data
// RACY: main returns
