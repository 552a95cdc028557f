// With one processor (GOSAN_MAXPROCS=1), a goroutine stuck in a long system
// call or a long computation must not starve the others forever: the monitor
// notices a worker that makes no progress while work waits and starts
// another worker.  Here one goroutine blocks in read() on a pipe that only a
// goroutine can fill, and another spins on a flag that only a goroutine can
// set; both complete.
// RUN: %plain-cc %s -o %t && env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=2 %t | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

static int fds[2];
static atomic_int flag;
static go_wg wg;

static void reader(void *arg) {
    char c = 0;
    ssize_t n = read(fds[0], &c, 1); /* a blocking system call, not a library wait */
    printf("reader got %zd byte '%c'\n", n, c);
    go_wg_done(&wg);
}

static void spinner(void *arg) {
    while (!atomic_load(&flag))
        ; /* never yields */
    printf("spinner saw the flag\n");
    go_wg_done(&wg);
}

static void writer(void *arg) {
    go_sleep(20 * 1000000);
    atomic_store(&flag, 1);
    if (write(fds[1], "x", 1) != 1)
        printf("write failed\n");
    go_wg_done(&wg);
}

int main(void) {
    if (pipe(fds) != 0)
        return 1;
    go_wg_add(&wg, 3);
    go_spawn(reader, NULL);
    go_spawn(spinner, NULL);
    go_spawn(writer, NULL);
    go_wg_wait(&wg);
    printf("all done\n");
    return 0;
}
// CHECK-DAG: reader got 1 byte 'x'
// CHECK-DAG: spinner saw the flag
// CHECK: all done
