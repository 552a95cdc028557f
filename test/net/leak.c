// A goroutine blocked reading a descriptor shows as "IO wait" in dumps
// (the library's and the checker's), and a leak check names it as alive
// but never "blocked for good": the world outside may still write to the
// descriptor, whoever can reach the go_fd (the reachability scan takes it
// as able to run).  No partial-deadlock report either.
// RUN: %plain-cc %s -o %t && %t 2>&1 | FileCheck --check-prefixes=CHECK,PLAIN %s
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t-checked && env GOSAN_OPTIONS=detect_leaks=0 not %t-checked 2>&1 | FileCheck --check-prefixes=CHECK,CHECKED %s
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <gosan/net.h>
#include <stdio.h>
#include <unistd.h>

static go_fd *r;

static void blocked_reader(void *arg)
{
    char c;
    go_fd_read(r, &c, 1);
}

int main(void)
{
    int p[2];
    if (pipe(p))
        return 1;
    r = go_fd_open(p[0]);
    go_spawn(blocked_reader, NULL);
    go_sleep(20 * 1000 * 1000);
    fflush(stdout);
    gosan_dump(1);
    fflush(stdout);
    printf("leaks: %d\n", gosan_leakcheck());
    return 0;
}
// CHECK: goroutine 2 [IO wait
// CHECK: blocked_reader
// CHECKED: Goroutine 2 is still alive (IO wait on go_fd 0x{{[0-9a-f]+}}, for
// CHECKED-NOT: blocked for good
// CHECKED: leaks: 1
// PLAIN: leaks: 1
