// go_fd on pipes and an eventfd: a read that finds nothing parks its
// goroutine until a write makes the descriptor ready, in both real-time
// orders; end of file; deadlines (passed, reached while blocked, moved
// while blocked, cleared); go_fd_close waking a blocked reader and a
// blocked writer with GO_EFDCLOSED; a write to a pipe whose reader is gone
// (EPIPE as GO_EERRNO); a regular file (not pollable: plain blocking
// calls); go_fd_open of a bad descriptor.
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t-checked && %t-checked 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <gosan/net.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

static go_wg wg;
static go_fd *r, *w;

static void pipe_pair(void)
{
    int p[2];
    if (pipe(p))
        abort();
    r = go_fd_open(p[0]);
    w = go_fd_open(p[1]);
    if (!r || !w)
        abort();
    if (!(fcntl(p[0], F_GETFL) & O_NONBLOCK))
        printf("not made non-blocking\n");
}

static void reader(void *arg)
{
    char buf[16] = {0};
    ssize_t n = go_fd_read(r, buf, sizeof buf);
    printf("%s: read %zd '%s'\n", (const char *)arg, n, buf);
    go_wg_done(&wg);
}

static void blocked_reader(void *arg)
{
    char buf[4];
    ssize_t n = go_fd_read(r, buf, sizeof buf);
    printf("%s: %s\n", (const char *)arg, go_strerror((int)n));
    go_wg_done(&wg);
}

static void filler(void *arg)
{
    static char big[1 << 16];
    ssize_t total = 0, n;
    /* fills the pipe, then blocks in go_fd_write until the close */
    while ((n = go_fd_write(w, big, sizeof big)) == (ssize_t)sizeof big)
        total += n;
    printf("%s: wrote more than 0: %d, then %s\n", (const char *)arg, total + (n > 0 ? n : 0) > 0,
           go_strerror(n > 0 ? (int)go_fd_write(w, big, 1) : (int)n));
    go_wg_done(&wg);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    char buf[16];

    /* the reader parks first, then the write readies it */
    pipe_pair();
    go_wg_add(&wg, 1);
    go_spawn(reader, "reader first");
    go_sleep(20 * 1000 * 1000);
    ssize_t wn = go_fd_write(w, "hello", 5);
    go_wg_wait(&wg);
    printf("write %zd\n", wn);
    // CHECK: reader first: read 5 'hello'
    // CHECK-NEXT: write 5

    /* the data is there before the read */
    go_fd_write(w, "again", 5);
    go_wg_add(&wg, 1);
    go_spawn(reader, "writer first");
    go_wg_wait(&wg);
    // CHECK-NEXT: writer first: read 5 'again'

    /* deadlines */
    go_fd_set_read_deadline(r, go_now() - 1);
    printf("passed: %s\n", go_strerror((int)go_fd_read(r, buf, sizeof buf)));
    // CHECK-NEXT: passed: deadline passed
    int64_t t0 = go_now();
    go_fd_set_read_deadline(r, t0 + 30 * 1000 * 1000);
    ssize_t n = go_fd_read(r, buf, sizeof buf);
    int64_t waited = go_now() - t0;
    printf("blocked: %s after >= 30ms: %d\n", go_strerror((int)n), waited >= 30 * 1000 * 1000);
    // CHECK-NEXT: blocked: deadline passed after >= 30ms: 1
    go_fd_set_read_deadline(r, go_now() + 10 * 1000 * 1000 * 1000ll); /* far away */
    go_wg_add(&wg, 1);
    go_spawn(blocked_reader, "moved deadline");
    go_sleep(5 * 1000 * 1000);
    t0 = go_now();
    go_fd_set_read_deadline(r, t0 + 60 * 1000 * 1000); /* applies to the blocked read */
    go_wg_wait(&wg);
    printf("moved: after >= 50ms: %d\n", go_now() - t0 >= 50 * 1000 * 1000);
    // CHECK-NEXT: moved deadline: deadline passed
    // CHECK-NEXT: moved: after >= 50ms: 1
    go_fd_set_read_deadline(r, 0);
    go_wg_add(&wg, 1);
    go_spawn(reader, "cleared deadline");
    go_sleep(20 * 1000 * 1000);
    go_fd_write(w, "late", 4);
    go_wg_wait(&wg);
    // CHECK-NEXT: cleared deadline: read 4 'late'

    /* close wakes a blocked reader, and a blocked writer */
    go_wg_add(&wg, 1);
    go_spawn(blocked_reader, "reader at close");
    go_sleep(20 * 1000 * 1000);
    printf("close r %d\n", go_fd_close(r));
    go_wg_wait(&wg);
    go_fd_close(w);
    // CHECK-DAG: reader at close: use of closed file descriptor
    // CHECK-DAG: close r 0
    pipe_pair();
    go_wg_add(&wg, 1);
    go_spawn(filler, "writer at close");
    go_sleep(20 * 1000 * 1000);
    printf("close w %d\n", go_fd_close(w));
    go_wg_wait(&wg);
    go_fd_close(r);
    // CHECK-DAG: writer at close: wrote more than 0: 1, then use of closed file descriptor
    // CHECK-DAG: close w 0

    /* a write deadline on a full pipe, and both deadlines at once */
    pipe_pair();
    static char big[1 << 16];
    go_fd_set_deadline(w, go_now() + 20 * 1000 * 1000);
    ssize_t total = 0;
    while ((n = go_fd_write(w, big, sizeof big)) > 0)
        total += n;
    printf("write deadline: %s after some bytes: %d\n", go_strerror((int)n), total > 0);
    go_fd_set_deadline(r, go_now() - 1);
    printf("read deadline too: %s\n", go_strerror((int)go_fd_read(r, buf, sizeof buf)));
    go_fd_close(r);
    go_fd_close(w);
    // CHECK: write deadline: deadline passed after some bytes: 1
    // CHECK-NEXT: read deadline too: deadline passed

    /* end of file, and a reader gone */
    pipe_pair();
    go_fd_close(w);
    printf("eof: %zd\n", go_fd_read(r, buf, sizeof buf));
    // CHECK: eof: 0
    pipe_pair();
    go_fd_close(r);
    n = go_fd_write(w, "x", 1);
    printf("epipe: %d %s\n", go_errno((int)n) == EPIPE, go_strerror((int)n));
    go_fd_close(w);
    // CHECK-NEXT: epipe: 1 Broken pipe

    /* an eventfd */
    go_fd *e = go_fd_open(eventfd(0, 0));
    uint64_t one = 1, v = 0;
    go_fd_set_read_deadline(e, go_now() + 5 * 1000 * 1000);
    printf("eventfd empty: %s\n", go_strerror((int)go_fd_read(e, &v, sizeof v)));
    go_fd_set_read_deadline(e, 0);
    go_fd_write(e, &one, sizeof one);
    printf("eventfd: %zd %llu\n", go_fd_read(e, &v, sizeof v), (unsigned long long)v);
    go_fd_close(e);
    // CHECK-NEXT: eventfd empty: deadline passed
    // CHECK-NEXT: eventfd: 8 1

    /* a regular file: blocking calls */
    char path[] = "/tmp/gosan-net-XXXXXX";
    int fd = mkstemp(path);
    unlink(path);
    go_fd *f = go_fd_open(fd);
    printf("file: write %zd", go_fd_write(f, "data", 4));
    lseek(fd, 0, SEEK_SET);
    memset(buf, 0, sizeof buf);
    printf(" read %zd '%s' blocking %d\n", go_fd_read(f, buf, sizeof buf), buf, !(fcntl(fd, F_GETFL) & O_NONBLOCK));
    go_fd_close(f);
    // CHECK-NEXT: file: write 4 read 4 'data' blocking 1

    errno = 0;
    printf("bad fd: %p %d\n", (void *)go_fd_open(-1), errno == EBADF);
    // CHECK-NEXT: bad fd: (nil) 1
    printf("done\n");
    // CHECK-NEXT: done
    return 0;
}
