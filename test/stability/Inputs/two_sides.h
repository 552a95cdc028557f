/* two_sides.h - the real-time order of a race's two accesses, for the
 * stability tests: the verdict on a pair of accesses must depend only on
 * their happens-before order, never on which one ran first or on how soon
 * the program exits afterwards.
 *
 * Each test has a writer side (a synchronization step, then `shared = 1`)
 * and a reader side (a synchronization step, then a read of `shared`).
 * argv[1] sets the order of the two accesses in real time:
 *   writer-first   the write completes before the read starts
 *   reader-first   the read completes before the write starts
 * and argv[2] == "exit" makes main return as soon as the second access is
 * done, without joining anything: the race is found by that access itself,
 * so its report is then still being written when main returns, and the
 * exit must wait for it.  (A fixed delay after the second access began
 * would make the verdict depend on the load: a side descheduled for longer
 * would access after the exit had begun.)
 *
 * The sides take turns through `turns`, a relaxed atomic counter: relaxed
 * operations order nothing, so the turn-taking is invisible to the checker
 * and the two accesses stay exactly as ordered as the test's
 * synchronization step makes them.
 */
#ifndef TWO_SIDES_H
#define TWO_SIDES_H

#include <gosan/go.h>
#include <gosan/gosan.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The racy variable is shared[0].  The array keeps it alone in its 64
 * bytes: the checker keeps four access records per 16-byte granule, and
 * accesses to neighbouring variables (the turn counters) would take them. */
_Alignas(64) int shared[16];

static bool writer_first = true, exit_at_once;
static atomic_int turns;    /* accesses done so far */
static atomic_int released; /* the writer's synchronization step is done */

/* Threads that are not goroutines wait with sched_yield (-DTHREAD_SIDES). */
#ifdef THREAD_SIDES
#include <sched.h>
#define side_yield() sched_yield()
#else
#define side_yield() go_yield()
#endif

static void spin_until(atomic_int *v, int at_least)
{
    while (atomic_load_explicit(v, memory_order_relaxed) < at_least)
        side_yield();
}

/* A run that has not ended after TWO_SIDES_LIMIT seconds is stuck: it says
 * how far it got, dumps every goroutine and exits 3, so a hang shows where it is instead
 * of ending as lit's silent timeout.  An alarm, not a thread: a watcher
 * thread would be one more party to every verdict. */
#define TWO_SIDES_LIMIT 100
static void stuck(int sig);

static void parse_order(int argc, char **argv)
{
    signal(SIGALRM, stuck);
    alarm(TWO_SIDES_LIMIT);
    if (argc < 2 || (strcmp(argv[1], "writer-first") && strcmp(argv[1], "reader-first"))) {
        fprintf(stderr, "usage: %s writer-first|reader-first [exit]\n", argv[0]);
        exit(2);
    }
    writer_first = !strcmp(argv[1], "writer-first");
    exit_at_once = argc > 2 && !strcmp(argv[2], "exit");
}

/* The write goes before the writer's synchronization step with -DORDERED
 * (no race), after it otherwise (a race). */
#ifdef ORDERED
#define WRITE_BEFORE_RELEASE() write_shared()
#define WRITE_AFTER_RELEASE() ((void)0)
#else
#define WRITE_BEFORE_RELEASE() ((void)0)
#define WRITE_AFTER_RELEASE() write_shared()
#endif

/* The writer calls this right after its synchronization step. */
static void mark_released(void)
{
    atomic_store_explicit(&released, 1, memory_order_relaxed);
}

/* A reader whose synchronization step does not wait for the writer's calls
 * this first: it starts only after the writer's step and, writer first, only
 * after the write too (so an acquire that took the writer's clock as it is
 * now, rather than as it was at the release, would hide the race). */
static void before_acquire(void)
{
    spin_until(&released, 1);
    if (writer_first)
        spin_until(&turns, 1);
}

static void my_turn(bool is_writer)
{
    if (is_writer != writer_first)
        spin_until(&turns, 1);
}

/* Not async-signal-safe (gosan_dump takes the runtime's locks), but only
 * a run that is stuck anyway gets here. */
static void stuck(int sig)
{
    (void)sig;
    char msg[] = "two_sides: still running after the time limit: released=?, accesses done=?\n";
    msg[sizeof msg - 20] = (char)('0' + atomic_load_explicit(&released, memory_order_relaxed));
    msg[sizeof msg - 3] = (char)('0' + atomic_load_explicit(&turns, memory_order_relaxed));
    write(2, msg, sizeof msg - 1);
    gosan_dump(2);
    _exit(3);
}

static void write_shared(void)
{
    my_turn(true);
    shared[0] = 1;
    atomic_fetch_add_explicit(&turns, 1, memory_order_relaxed);
}

static void read_shared(void)
{
    my_turn(false);
    int r = shared[0];
    __asm__ __volatile__("" ::"r"(r));
    atomic_fetch_add_explicit(&turns, 1, memory_order_relaxed);
}

/* main's last step: return as soon as both accesses are done, or once
 * they are done and every goroutine had time to finish. */
static int finish(void)
{
    if (exit_at_once) {
        spin_until(&turns, 2);
    } else {
        spin_until(&turns, 2);
        go_sleep(20 * 1000 * 1000);
    }
    printf("main returns\n");
    return 0;
}

#endif
