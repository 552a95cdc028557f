// go_fd calls order what was written before data went into a descriptor
// before the go_fd_read that gets the data (no race with -DORDERED), and nothing
// after it, whichever side's access comes first in real time: the poller's
// wakeup of the parked reader is no edge of its own, the descriptor's data
// is.  The reader parks in go_fd_read when it comes first (in the racy
// build; ordered, the reader cannot read before the write is sent).  The kind is
// chosen at compile time:
//   PIPE     go_fd_write(pipe) -> go_fd_read(pipe)
//   TCP      go_fd_write(dialled) -> go_fd_read(accepted), 127.0.0.1
//   EVENTFD  go_fd_write(efd) -> go_fd_read(efd)
// REQUIRES: plugin
// RUN: for k in PIPE TCP EVENTFD; do \
// RUN:   %gosan-cc -O1 -D$k %s -o %t-$k || exit 1; \
// RUN:   %gosan-cc -O1 -D$k -DORDERED %s -o %t-$k-ordered || exit 1; \
// RUN:   for o in writer-first reader-first "writer-first exit" "reader-first exit"; do \
// RUN:     sh -c "%t-$k $o; echo status \$?" 2>&1 | FileCheck %s || { echo "failed: $k $o"; exit 1; }; \
// RUN:   done; \
// RUN:   for o in writer-first "writer-first exit"; do \
// RUN:     sh -c "%t-$k-ordered $o; echo status \$?" 2>&1 | FileCheck --check-prefix=ORDERED %s || { echo "failed: $k ordered $o"; exit 1; }; \
// RUN:   done; \
// RUN: done
#include "Inputs/two_sides.h"
#include <gosan/net.h>
#include <sys/eventfd.h>

static go_fd *wf, *rf;
static uint64_t v, one = 1;

static void reader(void *arg)
{
    (void)arg;
    if (go_fd_read(rf, &v, sizeof v) <= 0)
        abort();
    read_shared();
}

static void writer(void *arg)
{
    (void)arg;
    WRITE_BEFORE_RELEASE();
    if (go_fd_write(wf, &one, sizeof one) != sizeof one)
        abort();
    mark_released();
    WRITE_AFTER_RELEASE();
}

int main(int argc, char **argv)
{
    parse_order(argc, argv);
#if defined(TCP)
    go_fd *l;
    char addr[64];
    if (go_listen("tcp", "127.0.0.1:0", &l) || go_fd_local_addr(l, addr, sizeof addr) ||
        go_dial("tcp", addr, &wf) || go_fd_accept(l, &rf))
        abort();
#elif defined(EVENTFD)
    wf = rf = go_fd_open(eventfd(0, 0));
#else
    int p[2];
    if (pipe(p))
        abort();
    rf = go_fd_open(p[0]);
    wf = go_fd_open(p[1]);
#endif
    go_spawn(writer, NULL);
    go_spawn(reader, NULL);
    return finish();
}
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'shared'
// CHECK: SUMMARY: gosan: data race
// CHECK-NOT: WARNING: gosan
// CHECK: status 66
// ORDERED-NOT: WARNING: gosan
// ORDERED: main returns
// ORDERED-NOT: WARNING: gosan
// ORDERED: status 0
