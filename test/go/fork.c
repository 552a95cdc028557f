// fork() while goroutines run: the child keeps only the goroutine that
// called fork, running as its main flow; it can sleep (timers work), spawn
// goroutines and use channels, and go_num_goroutine() counts what the child
// has.  Forked 8 times from main while other goroutines sleep, block and
// compute, and 8 times from a goroutine that is not main (whose return ends
// the child with status 0).  A hung child dies of SIGALRM, which the parent
// reports: the test never hangs.
// RUN: %plain-cc %s -o %t
// RUN: %t 2>&1 | FileCheck %s
// RUN: env GOSAN_MAXPROCS=1 %t 2>&1 | FileCheck %s
// RUN: env GOSAN_MAXPROCS=8 %t 2>&1 | FileCheck %s
// RUN: %gosan-cc %s -o %t-g
// RUN: %t-g 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: not %t-g race 2>&1 | FileCheck %s --check-prefix=RACE
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

enum { FORKS = 8 };

static go_chan *never;
static _Atomic int stop;

static void blocked(void *arg) { go_chan_recv(never, NULL); }

static void sleeper(void *arg)
{
    while (!stop)
        go_sleep(100 * 1000);
}

static void spinner(void *arg)
{
    while (!stop)
        go_yield();
}

static void child_helper(void *arg)
{
    int v = 42;
    go_chan_send(arg, &v);
}

/* The child's life; returns its exit status. */
static int child_body(void)
{
    alarm(10);
    int n0 = go_num_goroutine();
    go_sleep(5 * 1000 * 1000);
    go_chan *c = go_chan_make(sizeof(int), 0);
    if (go_spawn(child_helper, c) != 0)
        return 3;
    int n1 = go_num_goroutine();
    int v = 0;
    go_chan_recv(c, &v);
    go_chan_free(c);
    go_sleep(1000 * 1000);
    if (n0 != 1 || n1 != 2 || v != 42) {
        fprintf(stderr, "child: goroutines %d then %d, value %d\n", n0, n1, v);
        return 4;
    }
    return 0;
}

/* Forks and waits; 1 if the child ended well. */
static int fork_once(int from_goroutine)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return 0;
    if (pid == 0) {
        int st = child_body();
        if (from_goroutine && st == 0)
            return -1; /* return from the goroutine: the child exits 0 */
        exit(st);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid)
        return 0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "child %s: %s %d\n", from_goroutine ? "of a goroutine" : "of main",
                WIFEXITED(status) ? "exit" : "signal", WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
        return 0;
    }
    return 1;
}

static go_chan *results;
static void forker(void *arg)
{
    int ok = 0;
    for (int i = 0; i < FORKS; i++) {
        int r = fork_once(1);
        if (r < 0)
            return; /* in a child */
        ok += r;
    }
    go_chan_send(results, &ok);
}

static int shared_parent, shared_child, shared_after;
static go_wg racers;

static void racer_parent(void *arg)
{
    shared_parent++; /* the two racers are not ordered */
    go_wg_done(&racers);
}

static void racer_child(void *arg)
{
    shared_child++;
    go_wg_done(&racers);
}

static void racer_after(void *arg)
{
    shared_after++;
    go_wg_done(&racers);
}

static void race_pair(go_func fn)
{
    go_wg_add(&racers, 2);
    go_spawn(fn, NULL);
    go_spawn(fn, NULL);
    go_wg_wait(&racers);
    fflush(NULL);
}

/* Checked build: races in the parent before and after the fork and in the
 * child are all reported with symbolized stacks (the child starts its own
 * symbolizer), and the child exits with the checker's status. */
static int race_in_child(void)
{
    race_pair(racer_parent);
    pid_t pid = fork();
    if (pid == 0) {
        alarm(10);
        race_pair(racer_child);
        exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    printf("race child: %s %d\n", WIFEXITED(status) ? "exit" : "signal",
           WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
    fflush(NULL);
    race_pair(racer_after);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        return race_in_child();
    never = go_chan_make(0, 0);
    results = go_chan_make(sizeof(int), 0);
    for (int i = 0; i < 3; i++) {
        go_spawn(blocked, NULL);
        go_spawn(sleeper, NULL);
    }
    go_spawn(spinner, NULL);
    int ok = 0;
    for (int i = 0; i < FORKS; i++)
        ok += fork_once(0);
    printf("children of main ok: %d/%d\n", ok, FORKS);
    go_spawn(forker, NULL);
    go_chan_recv(results, &ok);
    printf("children of a goroutine ok: %d/%d\n", ok, FORKS);
    stop = 1;
    return 0;
}
// CHECK: children of main ok: 8/8
// CHECK: children of a goroutine ok: 8/8
// RACE: WARNING: gosan: data race
// RACE: #0 racer_parent {{.*}}fork.c
// RACE: WARNING: gosan: data race
// RACE: #0 racer_child {{.*}}fork.c
// RACE: race child: exit 66
// RACE: WARNING: gosan: data race
// RACE: #0 racer_after {{.*}}fork.c
