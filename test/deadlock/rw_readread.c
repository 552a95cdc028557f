// Two RWMutexes read-locked in both orders.  With readers only nothing can
// block: no report.  Once goroutines also write-lock both (run with the
// argument "write"), a waiting writer can make each RLock wait, so the same
// orders are a potential deadlock in Go and are reported.  (A writer on
// only one of them is not enough: the other RLock never waits.)
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: %t 2>&1 | FileCheck --check-prefix=READERS %s
// RUN: not %t write 2>&1 | FileCheck --check-prefix=WRITER %s
#include <gosan/go.h>
#include <stdio.h>
#include <string.h>

static go_rwmutex ra, rb;
static go_chan *done; /* each goroutine reports it finished */

static void read_both(void *arg)
{
    go_rwmutex *first = arg, *second = first == &ra ? &rb : &ra;
    go_rwmutex_rlock(first);
    go_rwmutex_rlock(second);
    go_rwmutex_runlock(second);
    go_rwmutex_runlock(first);
    go_chan_send(done, NULL);
}

static void run(go_func fn, void *arg)
{
    go_spawn(fn, arg);
    go_chan_recv(done, NULL);
}

static void write_one(void *arg)
{
    go_rwmutex_lock(arg);
    go_rwmutex_unlock(arg);
    go_chan_send(done, NULL);
}

int main(int argc, char **argv)
{
    done = go_chan_make(0, 0);
    run(read_both, &ra);
    run(read_both, &rb);
    fprintf(stderr, "orders seen\n");
    if (argc > 1 && !strcmp(argv[1], "write")) {
        run(write_one, &ra);
        fprintf(stderr, "one writer\n");
        run(write_one, &rb);
    }
    fprintf(stderr, "done\n");
    return 0;
}
// READERS-NOT: WARNING: gosan
// READERS: orders seen
// READERS-NOT: WARNING: gosan
// READERS: done

// WRITER: orders seen
// WRITER-NEXT: one writer
// WRITER-NEXT: ==
// WRITER-NEXT: WARNING: gosan: lock-order inversion (potential deadlock)
// WRITER-NEXT: Cycle in lock order graph: M1 (0x{{[0-9a-f]+}}) => M2 (0x{{[0-9a-f]+}}) => M1
// WRITER: is read-locked on both sides
// WRITER: SUMMARY: gosan: lock-order inversion (potential deadlock)
// WRITER: done
