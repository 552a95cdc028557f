// A child of fork() comes after everything every thread and goroutine of
// the parent did before the fork: its memory is a copy taken then, and the
// threads that wrote it do not exist in the child.  Another thread of the
// parent writes `data` (under a mutex the forking side never takes, or
// with no lock at all), the forking side learns it is done through a
// relaxed atomic (which orders nothing), forks, and the child reads and
// writes `data`: no report in the child ("thread": a POSIX thread wrote;
// "goroutine": a goroutine wrote and main, a goroutine, forks; "exit": the
// child exits right after its accesses).  Before, the child's clock held
// only the forking thread's, and each case was a false data race there.
// Control (RACY): in the parent, the same unordered read races.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: %t thread 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t thread exit 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t goroutine 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t goroutine exit 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: not %t thread racy 2>&1 | FileCheck --check-prefix=RACY %s
#include <gosan/go.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Not static, so the optimizer keeps every access. */
long data, seen;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static atomic_int wrote, release_writer;

static void write_data(void)
{
    pthread_mutex_lock(&mu);
    data = 42;
    pthread_mutex_unlock(&mu);
    atomic_store_explicit(&wrote, 1, memory_order_relaxed);
}

/* The writer stays alive across the fork, so nothing but the fork itself
 * could order its write before the child. */
static void *thread_writer(void *arg)
{
    (void)arg;
    write_data();
    while (!atomic_load_explicit(&release_writer, memory_order_relaxed))
        sched_yield();
    return NULL;
}

static void goroutine_writer(void *arg)
{
    (void)arg;
    write_data();
    while (!atomic_load_explicit(&release_writer, memory_order_relaxed))
        go_sleep(1000000);
}

static __attribute__((noinline)) void child_uses(void)
{
    seen = data;
    data = seen + 1;
}

int main(int argc, char **argv)
{
    bool goroutine = argc > 1 && !strcmp(argv[1], "goroutine");
    bool child_exits = argc > 2 && !strcmp(argv[2], "exit");
    bool racy = argc > 2 && !strcmp(argv[2], "racy");
    pthread_t th;
    if (goroutine)
        go_spawn(goroutine_writer, NULL);
    else
        pthread_create(&th, NULL, thread_writer, NULL);
    while (!atomic_load_explicit(&wrote, memory_order_relaxed))
        sched_yield();
    if (racy) {
        child_uses();
    } else {
        pid_t pid = fork();
        if (pid == 0) {
            child_uses();
            if (child_exits)
                exit(0);
            printf("child returns\n");
            fflush(stdout);
            exit(0);
        }
        int st = 0;
        waitpid(pid, &st, 0);
        printf("child status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    }
    atomic_store_explicit(&release_writer, 1, memory_order_relaxed);
    if (!goroutine)
        pthread_join(th, NULL);
    printf("main returns\n");
    return 0;
}

// NORACE-NOT: WARNING: gosan
// NORACE: child status 0
// NORACE: main returns
// RACY: WARNING: gosan: data race
// RACY: SUMMARY: gosan: data race {{.*}}fork_child_order.c:{{[0-9]+}} in child_uses
// RACY: main returns
