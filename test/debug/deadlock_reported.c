// The debug endpoint's threads never keep a deadlock from being reported:
// serving (GOSAN_DEBUG_ADDR, or gosan_debug_serve with a request in
// flight), a program whose goroutines all block still ends with Go's
// all-asleep error (under the checker: its deadlock report).
// REQUIRES: curl
// RUN: %plain-cc %s -o %t
// RUN: env GOSAN_DEBUG_ADDR=127.0.0.1:0 not %t env 2>&1 | FileCheck %s
// RUN: not %t api 2>&1 | FileCheck %s
// RUN: %gosan-cc %s -o %t.checked
// RUN: not %t.checked api 2>&1 | FileCheck %s --check-prefix=CHECKED
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "api") == 0) {
        if (gosan_debug_serve("127.0.0.1:0") != 0)
            return 1;
        /* A trace request keeps a handler thread busy for 2 s. */
        char cmd[160];
        snprintf(cmd, sizeof cmd, "curl -s -o /dev/null 'http://127.0.0.1:%d/debug/pprof/trace?seconds=2' &",
                 gosan_debug_port());
        if (system(cmd) != 0)
            return 1;
    }
    printf("serving on %d\n", gosan_debug_port() > 0);
    fflush(stdout);
    go_chan *c = go_chan_make(sizeof(int), 0);
    int v;
    go_chan_recv(c, &v); /* nobody sends */
    return 0;
}
// CHECK: serving on 1
// CHECK: fatal error: all goroutines are asleep - deadlock!
// CHECKED: serving on 1
// CHECKED: WARNING: gosan: deadlock
