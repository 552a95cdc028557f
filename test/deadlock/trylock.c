// Try-locks never wait, so they add no edge into the lock they take: a
// successful try-lock of b while holding a, and a failed one, followed by
// the order b -> a, is no inversion.  The same a -> b order taken with a
// blocking lock afterwards is, and is reported there.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static go_mutex ma, mb;
static go_chan *done; /* each goroutine reports it finished */

static void run(go_func fn)
{
    go_spawn(fn, NULL);
    go_chan_recv(done, NULL);
}

static void try_b_under_a(void *arg)
{
    (void)arg;
    go_mutex_lock(&ma);
    if (go_mutex_trylock(&mb))  // succeeds: nobody holds b
        go_mutex_unlock(&mb);
    go_mutex_unlock(&ma);
    go_chan_send(done, NULL);
}

static void fail_try_b_under_a(void *arg)
{
    (void)arg;
    go_mutex_lock(&ma);
    if (go_mutex_trylock(&mb))  // fails: main holds b
        go_mutex_unlock(&mb);
    go_mutex_unlock(&ma);
    go_chan_send(done, NULL);
}

static void b_then_a(void *arg)
{
    (void)arg;
    go_mutex_lock(&mb);
    go_mutex_lock(&ma);
    go_mutex_unlock(&ma);
    go_mutex_unlock(&mb);
    go_chan_send(done, NULL);
}

static void a_then_b(void *arg)
{
    (void)arg;
    go_mutex_lock(&ma);
    go_mutex_lock(&mb);         // blocking: closes the cycle
    go_mutex_unlock(&mb);
    go_mutex_unlock(&ma);
    go_chan_send(done, NULL);
}

int main(void)
{
    done = go_chan_make(0, 0);
    run(try_b_under_a);
    go_mutex_lock(&mb);
    run(fail_try_b_under_a);
    go_mutex_unlock(&mb);
    run(b_then_a);
    fprintf(stderr, "no inversion yet\n");
    run(a_then_b);
    fprintf(stderr, "done\n");
    return 0;
}
// CHECK-NOT: WARNING: gosan
// CHECK: no inversion yet
// CHECK-NEXT: ==
// CHECK-NEXT: WARNING: gosan: lock-order inversion (potential deadlock)
// CHECK: SUMMARY: gosan: lock-order inversion (potential deadlock) {{.*}}trylock.c:54 in a_then_b
// CHECK-NOT: WARNING: gosan
// CHECK: done
