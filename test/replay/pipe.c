// A recording keeps what the program read through <gosan/net.h> (the
// bytes and every call's result): the replay reads it back from the log,
// with stdin at the end of file and no writer (the peer is gone), and
// prints the same.  While the reader waits for the slow writer, a ticker
// goroutine runs on virtual time.  Writes are checked, not sent again.
// RUN: %plain-cc -O1 %s -o %t
// RUN: (sleep 0.3; printf 'hello '; sleep 0.3; printf 'world\n') | env GOSAN_RECORD=%t.log %t > %t.rec 2> %t.wr
// RUN: FileCheck %s < %t.rec
// RUN: env GOSAN_REPLAY=%t.log %t < /dev/null > %t.rep 2> %t.wr2 && diff %t.rec %t.rep
// RUN: FileCheck --check-prefix=WROTE %s < %t.wr
// RUN: count 0 < %t.wr2
// RUN: grep -c '^read n=' %t.log | FileCheck --check-prefix=READS %s
// The same bytes on stdin but a different program's write: a divergence.
// RUN: env GOSAN_REPLAY=%t.log %t other < /dev/null > %t.out 2>&1; echo "status $?" >> %t.out
// RUN: FileCheck --check-prefix=OTHER %s < %t.out
// RUN: %gosan-cc -O1 %s -o %t-chk
// RUN: (sleep 0.3; printf 'hello '; sleep 0.3; printf 'world\n') | env GOSAN_RECORD=%t-chk.log %t-chk > %t-chk.rec 2>/dev/null
// RUN: FileCheck %s < %t-chk.rec
// RUN: env GOSAN_REPLAY=%t-chk.log %t-chk < /dev/null > %t-chk.rep 2>/dev/null && diff %t-chk.rec %t-chk.rep
// CHECK: read: hello world
// CHECK: ticks while reading: {{[1-9][0-9]*}}
// READS: {{^[2-9]|[1-9][0-9]+$}}
// OTHER: gosan: replay diverged at event {{[0-9]+}}: recorded write n=12 hash={{[0-9a-f]+}}, program did write n=12 hash={{[0-9a-f]+}}
// OTHER: status 3
// WROTE: wrote back
#include <gosan/go.h>
#include <gosan/net.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

static _Atomic int done, ticks;

static void ticker(void *arg)
{
    (void)arg;
    while (!atomic_load(&done)) {
        go_sleep(10000000); /* 10 ms of virtual time */
        atomic_fetch_add(&ticks, 1);
    }
}

int main(int argc, char **argv)
{
    go_spawn(ticker, NULL);
    go_fd *in = go_fd_open(0), *err = go_fd_open(2);
    char buf[64];
    size_t len = 0;
    ssize_t r;
    while (len < sizeof buf - 1 && (r = go_fd_read(in, buf + len, sizeof buf - 1 - len)) > 0)
        len += (size_t)r;
    buf[len] = 0;
    atomic_store(&done, 1);
    printf("read: %s", buf);
    printf("ticks while reading: %d\n", atomic_load(&ticks) > 0 ? atomic_load(&ticks) : 0);
    go_fd_write(err, argc > 1 ? "other write\n" : "wrote back\n\n", 12);
    return 0;
}
