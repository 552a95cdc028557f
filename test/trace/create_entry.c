// Every creation names the function of the goroutine it creates (GoCreate's
// new-goroutine stack), when a loop alternates between functions and
// across two traces of one run: the tracer keeps the last function's stack
// id per worker (trace_events.c, entry_stack), which must be keyed by the
// function and forgotten when a trace ends.  The second trace starts with
// the function the first one ended with, so a remembered id of the first
// trace would name a stack the second does not hold (or another one).
// REQUIRES: go
// RUN: %plain-cc -O2 -g %s -o %t
// RUN: rm -f %t.1.trace %t.2.trace && env GOSAN_MAXPROCS=1 %t %t.1.trace %t.2.trace | FileCheck %s --check-prefix=OUT
// RUN: python3 %S/Inputs/create_names.py %t.1.trace | FileCheck %s --check-prefix=FIRST
// RUN: python3 %S/Inputs/create_names.py %t.2.trace | FileCheck %s --check-prefix=SECOND
// RUN: go tool trace -d %t.1.trace > /dev/null
// RUN: go tool trace -d %t.2.trace > /dev/null
// RUN: rm -f %t.1.trace %t.2.trace && env GOSAN_MAXPROCS=2 %t %t.1.trace %t.2.trace | FileCheck %s --check-prefix=OUT
// RUN: python3 %S/Inputs/create_names.py %t.1.trace | FileCheck %s --check-prefix=FIRST
// RUN: python3 %S/Inputs/create_names.py %t.2.trace | FileCheck %s --check-prefix=SECOND
#include <fcntl.h>
#include <gosan/go.h>
#include <stdio.h>
#include <unistd.h>

static go_wg wg;

__attribute__((noinline)) static void fa(void *arg) { (void)arg; go_wg_done(&wg); }
__attribute__((noinline)) static void fb(void *arg) { (void)arg; go_wg_done(&wg); }

/* Spawns fa for each 'a' of pattern and fb for each 'b', in order. */
static void spawn_pattern(const char *pattern)
{
    for (const char *p = pattern; *p; p++) {
        go_wg_add(&wg, 1);
        go_spawn(*p == 'a' ? fa : fb, NULL);
    }
    go_wg_wait(&wg);
}

static void traced(const char *path, const char *pattern)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    printf("start: %d\n", gosan_trace_start(fd));
    spawn_pattern(pattern);
    printf("stop: %d\n", gosan_trace_stop());
    close(fd);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    traced(argv[1], "abbaabab");
    spawn_pattern("aabb"); /* not traced */
    traced(argv[2], "bbaabbab");
    return 0;
}
// OUT: start: 0
// OUT-NEXT: stop: 0
// OUT-NEXT: start: 0
// OUT-NEXT: stop: 0

// FIRST: created: fa fb fb fa fa fb fa fb
// SECOND: created: fb fb fa fa fb fb fa fb
