// A NULL channel blocks forever: send, receive, a select whose cases are
// all NULL channels, and a select with no cases.  Such goroutines do not
// stop main from finishing; when main itself is the last one to block that
// way, the program reports Go's global deadlock with the wait reason and
// exits with status 2.
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: %plain-cc -DMAIN_BLOCKS=1 %s -o %t-recv && not %t-recv 2>&1 | FileCheck --check-prefix=RECV %s
// RUN: %t-recv; test $? -eq 2
// RUN: %plain-cc -DMAIN_BLOCKS=2 %s -o %t-sel && not %t-sel 2>&1 | FileCheck --check-prefix=SEL %s
// RUN: %plain-cc -DMAIN_BLOCKS=3 %s -o %t-none && not %t-none 2>&1 | FileCheck --check-prefix=NONE %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_int started;
static void nil_recv(void *arg) { (void)arg; atomic_fetch_add(&started, 1); go_chan_recv(NULL, NULL); printf("unreachable\n"); }
static void nil_send(void *arg) { (void)arg; int v = 1; atomic_fetch_add(&started, 1); go_chan_send(NULL, &v); printf("unreachable\n"); }
static void nil_select(void *arg) {
    (void)arg;
    int v;
    go_case cases[2] = {{NULL, GO_RECV, &v, false}, {NULL, GO_SEND, &v, false}};
    atomic_fetch_add(&started, 1);
    go_select(cases, 2, true);
    printf("unreachable\n");
}
static void empty_select(void *arg) { (void)arg; atomic_fetch_add(&started, 1); go_select(NULL, 0, true); printf("unreachable\n"); }

int main(void) {
#if MAIN_BLOCKS == 1
    go_chan_recv(NULL, NULL);
#elif MAIN_BLOCKS == 2
    int v;
    go_case cases[1] = {{NULL, GO_RECV, &v, false}};
    go_select(cases, 1, true);
#elif MAIN_BLOCKS == 3
    go_select(NULL, 0, true);
#endif
    go_spawn(nil_recv, NULL);
    go_spawn(nil_send, NULL);
    go_spawn(nil_select, NULL);
    go_spawn(empty_select, NULL);
    while (atomic_load(&started) < 4)
        go_yield();
    go_sleep(10 * 1000000ll);
    printf("goroutines: %d\n", go_num_goroutine());
    return 0;
}
// CHECK-NOT: unreachable
// CHECK: goroutines: 5
// RECV: fatal error: all goroutines are asleep - deadlock!
// RECV: goroutine 1 [chan receive (nil chan)]:
// SEL: fatal error: all goroutines are asleep - deadlock!
// SEL: goroutine 1 [select]:
// NONE: fatal error: all goroutines are asleep - deadlock!
// NONE: goroutine 1 [select (no cases)]:
