// File descriptors order what was written before data went into them before
// the read that gets the data (ORDERED), and nothing after it, whichever
// side's access comes first in real time, as TSan's fd sync objects do.
// argv[1] is the kind (the rest is two_sides.h's order):
//   PIPE        write(p[1]) -> read(p[0])
//   SOCKETPAIR  send(s[0]) -> recv(s[1])
//   EVENTFD     write(efd) -> read(efd)
//   DUP         write(dup(p[1])) -> read(dup2(p[0], 100))
//   EPOLL       write(efd) -> epoll_wait that reports efd readable
//   VECTORS     writev(p[1]) -> readv(p[0])
//   MSG         sendmsg(s[0]) -> recvmsg(s[1])
// The sides are goroutines, or threads with -DTHREAD_SIDES (PIPE and
// SOCKETPAIR: the edge is the same for every kind).  The file must stay well
// inside lit's 300 s on a loaded machine (it took 200 s, then 310 s): the
// kind is a run-time argument, so one binary per side and verdict serves
// every kind, and only PIPE's runs symbolize their reports (a cold
// llvm-symbolizer under load is most of a racy run's time; the verdict and
// the exit's wait for a report in flight do not depend on the kind, and
// names come from the symbol table with symbolize=0).
// REQUIRES: plugin
// RUN: for s in GOROUTINE_SIDES THREAD_SIDES; do \
// RUN:   %gosan-cc -O1 -D$s %s -o %t-$s || exit 1; \
// RUN:   %gosan-cc -O1 -D$s -DORDERED %s -o %t-$s-ordered || exit 1; \
// RUN:   ks="PIPE SOCKETPAIR EVENTFD DUP EPOLL VECTORS MSG"; if [ $s = THREAD_SIDES ]; then ks="PIPE SOCKETPAIR"; fi; \
// RUN:   for k in $ks; do \
// RUN:     opts=symbolize=0; if [ $k = PIPE ]; then opts=symbolize=1; fi; \
// RUN:     for o in writer-first reader-first "writer-first exit" "reader-first exit"; do \
// RUN:       sh -c "GOSAN_OPTIONS=$opts %t-$s $k $o; echo status \$?" 2>&1 | FileCheck %s || { echo "failed: $k $s $o"; exit 1; }; \
// RUN:     done; \
// RUN:     sh -c "GOSAN_OPTIONS=$opts %t-$s-ordered $k writer-first; echo status \$?" 2>&1 | FileCheck --check-prefix=ORDERED %s || { echo "failed: $k $s ordered"; exit 1; }; \
// RUN:   done; \
// RUN: done
#include "Inputs/two_sides.h"
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

enum fd_kind { PIPE, SOCKETPAIR, EVENTFD, DUP, EPOLL, VECTORS, MSG };
static const char *const kind_names[] = {"PIPE", "SOCKETPAIR", "EVENTFD", "DUP", "EPOLL", "VECTORS", "MSG"};
static enum fd_kind kind;
static int wfd, rfd, epfd;
/* Each side's buffer is a global of its own: a thread's stack may be a
 * finished thread's cached one, and the checker does not forget a cached
 * stack's history (a separate issue). */
static uint64_t v, one = 1;
static struct iovec riov = {&v, 1}, wiov = {&one, 1};
static struct msghdr rmsg = {.msg_iov = &riov, .msg_iovlen = 1}, wmsg = {.msg_iov = &wiov, .msg_iovlen = 1};

static void receive(void)
{
    static struct epoll_event ev;
    switch (kind) {
    case EPOLL:
        while (epoll_wait(epfd, &ev, 1, -1) != 1)
            ;
        return;
    case VECTORS:
        if (readv(rfd, &riov, 1) != 1)
            abort();
        return;
    case MSG:
        if (recvmsg(rfd, &rmsg, 0) != 1)
            abort();
        return;
    case SOCKETPAIR:
        if (recv(rfd, &v, 1, 0) != 1)
            abort();
        return;
    default:
        if (read(rfd, &v, sizeof v) <= 0)
            abort();
    }
}

static void transmit(void)
{
    switch (kind) {
    case VECTORS:
        if (writev(wfd, &wiov, 1) != 1)
            abort();
        return;
    case MSG:
        if (sendmsg(wfd, &wmsg, 0) != 1)
            abort();
        return;
    case SOCKETPAIR:
        if (send(wfd, &one, 1, 0) != 1)
            abort();
        return;
    default:
        if (write(wfd, &one, sizeof one) <= 0)
            abort();
    }
}

static void *reader(void *arg)
{
    (void)arg;
    receive();
    read_shared();
    return NULL;
}

static void *writer(void *arg)
{
    (void)arg;
    WRITE_BEFORE_RELEASE();
    transmit();
    mark_released();
    WRITE_AFTER_RELEASE();
    return NULL;
}

static void go_side(void *(*fn)(void *))
{
#ifdef THREAD_SIDES
    pthread_t t;
    pthread_create(&t, NULL, fn, NULL);
    pthread_detach(t);
#else
    go_spawn((void (*)(void *))fn, NULL);
#endif
}

static void parse_kind(const char *name)
{
    for (size_t i = 0; i < sizeof kind_names / sizeof *kind_names; i++)
        if (name && !strcmp(name, kind_names[i])) {
            kind = (enum fd_kind)i;
            return;
        }
    fprintf(stderr, "usage: fd PIPE|SOCKETPAIR|EVENTFD|DUP|EPOLL|VECTORS|MSG writer-first|reader-first [exit]\n");
    exit(2);
}

/* The two ends: rfd and wfd (and epfd, watching rfd, for EPOLL). */
static void open_ends(void)
{
    int p[2];
    if (kind == SOCKETPAIR || kind == MSG) {
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, p))
            abort();
    } else if (kind == EVENTFD || kind == EPOLL) {
        p[0] = p[1] = eventfd(0, 0);
    } else if (pipe(p)) {
        abort();
    }
    rfd = p[0];
    wfd = p[1];
    if (kind == DUP) {
        wfd = dup(p[1]);
        rfd = dup2(p[0], 100);
    } else if (kind == EPOLL) {
        struct epoll_event ev = {.events = EPOLLIN};
        epfd = epoll_create1(0);
        if (epoll_ctl(epfd, EPOLL_CTL_ADD, rfd, &ev))
            abort();
    }
}

int main(int argc, char **argv)
{
    parse_kind(argv[1]);
    parse_order(argc - 1, argv + 1);
    open_ends();
    go_side(writer);
    go_side(reader);
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
