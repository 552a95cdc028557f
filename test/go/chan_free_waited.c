// Freeing a channel that goroutines are blocked on is a fatal misuse: they
// would sleep on freed memory, and a later send, close or select would take
// its lock (use after free, or a hang on garbage).  The plain build dies
// with a clear message and the goroutine list; the checked build reports
// `free of object with blocked goroutines` first, with the stack of the
// free and of every blocked goroutine.  A select that was woken through
// another channel is not blocked: freeing its other channel right away is
// fine (go_chan_free waits for it to unlink itself).
// Main frees only after every waiter raised a relaxed flag (which orders
// nothing for the checker) just before its blocking call, and then 50 ms
// more: with one processor main runs again only once they have parked.  (A
// fixed 50 ms from the spawn assumed they started within it; on a loaded
// machine the timer could ready main first.)
// RUN: %plain-cc %s -o %t
// RUN: env GOSAN_MAXPROCS=1 not --crash %t recv2 2>&1 | FileCheck --check-prefixes=FATAL,RECV %s
// RUN: not --crash %t recv2 2>&1 | FileCheck --check-prefixes=FATAL,RECV %s
// RUN: env GOSAN_MAXPROCS=1 not --crash %t send 2>&1 | FileCheck --check-prefixes=FATAL,SEND %s
// RUN: env GOSAN_MAXPROCS=1 not --crash %t select 2>&1 | FileCheck --check-prefixes=FATAL,SELECT %s
// RUN: not --crash %t select 2>&1 | FileCheck --check-prefixes=FATAL,SELECT %s
// RUN: %t select_woken 2>&1 | FileCheck --check-prefix=WOKEN %s
// RUN: env GOSAN_MAXPROCS=1 %t select_woken 2>&1 | FileCheck --check-prefix=WOKEN %s
// RUN: %cc-asan %s -o %t-asan
// RUN: env GOSAN_MAXPROCS=1 not --crash %t-asan recv2 2>&1 | FileCheck --check-prefixes=FATAL,RECV --implicit-check-not=AddressSanitizer %s
// RUN: env GOSAN_MAXPROCS=1 not --crash %t-asan select 2>&1 | FileCheck --check-prefixes=FATAL,SELECT --implicit-check-not=AddressSanitizer %s
// RUN: %t-asan select_woken 2>&1 | FileCheck --check-prefix=WOKEN --implicit-check-not=AddressSanitizer %s
// RUN: %gosan-cc %s -o %t-g
// RUN: env GOSAN_MAXPROCS=1 not --crash %t-g recv2 2>&1 | FileCheck --check-prefixes=REPORT,FATAL,RECV %s
// RUN: env GOSAN_MAXPROCS=1 not --crash %t-g send 2>&1 | FileCheck --check-prefixes=REPORT,FATAL,SEND %s
// RUN: env GOSAN_MAXPROCS=1 not --crash %t-g select 2>&1 | FileCheck --check-prefixes=REPORT,FATAL,SELECT %s
// RUN: %t-g select_woken 2>&1 | FileCheck --check-prefix=WOKEN --implicit-check-not=WARNING %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

static go_chan *c1, *c2, *done;
static atomic_int blocking; /* waiters about to block */

static void about_to_block(void)
{
    atomic_fetch_add_explicit(&blocking, 1, memory_order_relaxed);
}

static void receiver(void *arg)
{
    int v;
    about_to_block();
    go_chan_recv(c1, &v);
    printf("receiver got %d\n", v); /* never: main frees c1 */
}

static void sender(void *arg)
{
    int v = 1;
    about_to_block();
    go_chan_send(c1, &v);
    printf("sender sent\n");
}

static void selector(void *arg)
{
    int v = 0;
    go_case cases[2] = {{c1, GO_RECV, &v, false}, {c2, GO_RECV, &v, false}};
    about_to_block();
    int i = go_select(cases, 2, true);
    go_chan_send(done, &i);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "recv2";
    c1 = go_chan_make(sizeof(int), 0);
    c2 = go_chan_make(sizeof(int), 0);
    done = go_chan_make(sizeof(int), 1);
    int waiters = 1;
    if (!strcmp(mode, "recv2")) {
        go_spawn(receiver, NULL);
        go_spawn(receiver, NULL);
        waiters = 2;
    } else if (!strcmp(mode, "send")) {
        go_spawn(sender, NULL);
    } else {
        go_spawn(selector, NULL);
    }
    while (atomic_load_explicit(&blocking, memory_order_relaxed) < waiters)
        go_sleep(1000 * 1000);
    go_sleep(50 * 1000 * 1000);
    int v = 7;
    if (!strcmp(mode, "select_woken")) {
        go_chan_send(c2, &v); /* the select takes it; it may still be linked in c1 */
        go_chan_free(c1);
        go_chan_recv(done, &v);
        printf("select chose case %d; c1 freed after it\n", v);
        return 0;
    }
    printf("freeing\n");
    fflush(stdout);
    go_chan_free(c1);
    go_chan_send(c2, &v); /* with the select: must not hang on the freed c1 */
    printf("not reached\n");
    return 0;
}
// REPORT: WARNING: gosan: free of object with blocked goroutines
// REPORT-NEXT: Free of [[OBJ:0x[0-9a-f]+]], which goroutines are blocked on, by goroutine 1:
// REPORT-NEXT: #0 main {{.*}}chan_free_waited.c:{{[0-9]+}}
// REPORT: Goroutine {{[0-9]+}} is blocked in {{chan receive|chan send|select}} on {{.*}}[[OBJ]]
// REPORT: created by goroutine 1 at:
// FATAL: fatal error: go_chan_free of a channel that goroutines are blocked on
// FATAL-NOT: not reached
// RECV: [chan receive]:
// RECV: [chan receive]:
// SEND: [chan send]:
// SELECT: [select]:
// WOKEN: select chose case 1; c1 freed after it
