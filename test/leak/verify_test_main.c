// goleak's VerifyTestMain and VerifyNone for a C test program, with and
// without the checker: GOSAN_TEST_MAIN runs the tests, then fails the
// process if a goroutine leaked; the ignores (gosan_leak_ignore_current,
// _top_function, _any_function) keep the goroutines they name out of
// every check.  Tests that fail keep their own status, unchecked.
// REQUIRES: plugin
// RUN: %plain-cc %s -o %t-plain
// RUN: %gosan-cc %s -o %t-checked
// RUN: env GOSAN_OPTIONS=leak_grace_ms=100 %t-plain > %t.out 2>&1; echo "status $?" >> %t.out
// RUN: FileCheck %s --check-prefix=CLEAN < %t.out
// RUN: env GOSAN_OPTIONS=leak_grace_ms=100 %t-checked > %t.out 2>&1; echo "status $?" >> %t.out
// RUN: FileCheck %s --check-prefix=CLEAN < %t.out
// RUN: env LEAK=1 GOSAN_OPTIONS=leak_grace_ms=100 %t-plain > %t.out 2>&1; echo "status $?" >> %t.out
// RUN: FileCheck %s --check-prefixes=LEAK,PLAIN-LEAK < %t.out
// RUN: env LEAK=1 GOSAN_OPTIONS=leak_grace_ms=100 %t-checked > %t.out 2>&1; echo "status $?" >> %t.out
// RUN: FileCheck %s --check-prefixes=LEAK,CHECKED-LEAK < %t.out
// RUN: env LEAK=1 FAIL=1 GOSAN_OPTIONS=leak_grace_ms=100 %t-plain > %t.out 2>&1; echo "status $?" >> %t.out
// RUN: FileCheck %s --check-prefix=FAIL < %t.out
// RUN: env LEAK=1 FAIL=1 GOSAN_OPTIONS=leak_grace_ms=100 %t-checked > %t.out 2>&1; echo "status $?" >> %t.out
// RUN: FileCheck %s --check-prefix=FAIL < %t.out
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdio.h>
#include <stdlib.h>

static go_chan *never; // reachable from a global: its receivers are not blocked for good

static void background(void *arg) { go_chan_recv(never, NULL); }
static void ignored_poller(void *arg) { go_sleep(3600 * 1000000000ll); }
__attribute__((noinline)) static void park_here(void) { go_chan_recv(never, NULL); }
static void ignored_any(void *arg)
{
    park_here();
    __asm__ volatile("" ::: "memory"); // keeps ignored_any's frame (no tail call)
}
static void leaky(void *arg) { go_chan_recv(never, NULL); }

static void finished(void *arg) { go_chan_send(arg, NULL); }

// One test that joins what it starts, checked on its own.
static int test_joins(void)
{
    go_chan *done = go_chan_make(0, 1);
    go_spawn(finished, done);
    go_chan_recv(done, NULL);
    int n = gosan_verify_none();
    fprintf(stderr, "test_joins: %d leaked\n", n);
    return n != 0;
}

static int run_tests(int argc, char **argv)
{
    if (test_joins())
        return 2;
    go_spawn(ignored_poller, NULL);
    go_spawn(ignored_any, NULL);
    if (getenv("LEAK"))
        go_spawn(leaky, NULL);
    return getenv("FAIL") ? 3 : 0;
}

static int start(int argc, char **argv)
{
    never = go_chan_make(0, 0);
    go_spawn(background, NULL);
    gosan_leak_ignore_current();
    gosan_leak_ignore_top_function("ignored_poller");
    gosan_leak_ignore_any_function("ignored_any");
    return run_tests(argc, argv);
}

GOSAN_TEST_MAIN(start)

// CLEAN: test_joins: 0 leaked
// CLEAN-NOT: WARNING: gosan
// CLEAN-NOT: leaked
// CLEAN: status 0

// LEAK: test_joins: 0 leaked
// LEAK-NOT: ignored_
// LEAK-NOT: background
// LEAK: WARNING: gosan: goroutine leak
// PLAIN-LEAK: leaky
// CHECKED-LEAK: #0 leaky {{.*}}verify_test_main.c
// LEAK-NOT: ignored_
// LEAK-NOT: background
// LEAK: gosan: 1 goroutine leaked
// PLAIN-LEAK: status 1
// CHECKED-LEAK: status 66

// FAIL: test_joins: 0 leaked
// FAIL-NOT: WARNING: gosan
// FAIL: status 3
