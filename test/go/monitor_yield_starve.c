// A goroutine queued on a worker that is blocked in a system call the
// library cannot see (read() on a pipe) must run, even when every other
// worker always finds a yielding goroutine in the global queue: here main
// spins with go_yield until `queued` runs, and `queued` was made runnable
// by the reader just before the reader blocked, on the reader's own worker.
// Only main, after `queued` ran, fills the pipe.
// RUN: %plain-cc %s -o %t
// RUN: env GOSAN_MAXPROCS=2 %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=3 %t | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

static int fds[2];
static atomic_int ran, reader_done;

static void queued(void *arg)
{
    (void)arg;
    atomic_store(&ran, 1);
}

static void reader(void *arg)
{
    (void)arg;
    go_spawn(queued, NULL); /* onto this worker's own queue */
    char c = 0;
    if (read(fds[0], &c, 1) != 1) /* blocks the worker: not a library wait */
        return;
    atomic_store(&reader_done, 1);
}

int main(void)
{
    if (pipe(fds))
        return 1;
    go_spawn(reader, NULL);
    while (!atomic_load(&ran))
        go_yield(); /* through the global queue, again and again */
    printf("queued goroutine ran\n");
    if (write(fds[1], "x", 1) != 1)
        return 1;
    while (!atomic_load(&reader_done))
        go_yield();
    printf("reader done\n");
    return 0;
}
// CHECK: queued goroutine ran
// CHECK: reader done
