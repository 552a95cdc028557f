// The buffer go_fd_read fills is written by that call, and the buffer
// go_fd_write sends is read by it, checked like the program's own
// accesses: a goroutine's write of the buffer not ordered with the call is
// a data race naming the call (`#0 go_fd_read` above the program's call
// site), whichever comes first in real time, also when main returns right
// after it.  The pipe's data comes from a third goroutine, so the call's
// own edge (a write before the read that sees it) orders nothing here.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: for k in read write; do for o in call-first buf-first "call-first exit" "buf-first exit"; do \
// RUN:   sh -c "%t $k $o; echo status \$?" 2>&1 | FileCheck --check-prefix=$k %s || { echo "failed: $k $o"; exit 1; }; \
// RUN: done; done
#include <gosan/go.h>
#include <gosan/net.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static go_fd *r, *w, *sink_r;
static _Alignas(64) char buf[16];
static atomic_int turns; /* relaxed: orders nothing for the checker */
static int call_first, exit_at_once, reading;

static void wait_turns(int n)
{
    while (atomic_load_explicit(&turns, memory_order_relaxed) < n)
        go_yield();
}

static void feeder(void *arg)
{
    go_fd_write(w, "data", 4);
}

static void caller(void *arg)
{
    if (!call_first)
        wait_turns(1);
    if (reading)
        go_fd_read(r, buf, 4);
    else
        go_fd_write(w, buf, 4);
    atomic_fetch_add_explicit(&turns, 1, memory_order_relaxed);
}

static void drain(void *arg)
{
    char tmp[16];
    go_fd_read(sink_r, tmp, sizeof tmp);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    reading = !strcmp(argv[1], "read");
    call_first = !strcmp(argv[2], "call-first");
    exit_at_once = argc > 3;
    int p[2];
    if (pipe(p))
        return 1;
    r = go_fd_open(p[0]);
    w = go_fd_open(p[1]);
    if (reading) {
        go_spawn(feeder, NULL);
    } else {
        sink_r = r;
        go_spawn(drain, NULL);
    }
    go_spawn(caller, NULL);
    if (call_first)
        wait_turns(1);
    buf[0] = 'x';
    atomic_fetch_add_explicit(&turns, 1, memory_order_relaxed);
    wait_turns(2);
    if (!exit_at_once)
        go_sleep(20 * 1000 * 1000);
    printf("main returns\n");
    return 0;
}
// read: WARNING: gosan: data race
// read: #0 go_fd_read
// read-NEXT: #1 caller
// read: SUMMARY: gosan: data race
// read-NOT: WARNING: gosan
// read: status 66
// write: WARNING: gosan: data race
// write: #0 go_fd_write
// write-NEXT: #1 caller
// write: SUMMARY: gosan: data race
// write-NOT: WARNING: gosan
// write: status 66
