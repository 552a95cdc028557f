// `deadlock:PATTERN` in the suppressions file silences lock-order
// inversions whose stacks match PATTERN (a function or file glob).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: echo "deadlock:take_in_reverse" > %t.supp
// RUN: env GOSAN_OPTIONS=suppressions=%t.supp %t 2>&1 | FileCheck --check-prefix=QUIET %s
// RUN: echo "deadlock:no_such_function" > %t.other
// RUN: env GOSAN_OPTIONS=suppressions=%t.other not %t 2>&1 | FileCheck --check-prefix=LOUD %s
#include <gosan/go.h>
#include <stdio.h>

static go_mutex ma, mb;
static go_chan *done; /* each goroutine reports it finished */

static void take_in_order(void *arg)
{
    (void)arg;
    go_mutex_lock(&ma);
    go_mutex_lock(&mb);
    go_mutex_unlock(&mb);
    go_mutex_unlock(&ma);
    go_chan_send(done, NULL);
}

static void take_in_reverse(void *arg)
{
    (void)arg;
    go_mutex_lock(&mb);
    go_mutex_lock(&ma);
    go_mutex_unlock(&ma);
    go_mutex_unlock(&mb);
    go_chan_send(done, NULL);
}

int main(void)
{
    done = go_chan_make(0, 0);
    go_spawn(take_in_order, NULL);
    go_chan_recv(done, NULL);
    go_spawn(take_in_reverse, NULL);
    go_chan_recv(done, NULL);
    fprintf(stderr, "done\n");
    return 0;
}
// QUIET-NOT: WARNING: gosan
// QUIET: done

// LOUD: WARNING: gosan: lock-order inversion (potential deadlock)
// LOUD: SUMMARY: gosan: lock-order inversion (potential deadlock) {{.*}}suppress.c:29 in take_in_reverse
// LOUD: done
