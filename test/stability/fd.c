// File descriptors order what was written before data went into them before
// the read that gets the data (ORDERED), and nothing after it, whichever
// side's access comes first in real time, as TSan's fd sync objects do.
// The kind is chosen at compile time:
//   PIPE        write(p[1]) -> read(p[0])
//   SOCKETPAIR  send(s[0]) -> recv(s[1])
//   EVENTFD     write(efd) -> read(efd)
//   DUP         write(dup(p[1])) -> read(dup2(p[0], 100))
//   EPOLL       write(efd) -> epoll_wait that reports efd readable
//   VECTORS     writev(p[1]) -> readv(p[0])
//   MSG         sendmsg(s[0]) -> recvmsg(s[1])
// The sides are goroutines, or threads with -DTHREAD_SIDES (PIPE and
// SOCKETPAIR: the edge is the same for every kind).
// REQUIRES: plugin
// RUN: for ks in PIPE,GOROUTINE_SIDES SOCKETPAIR,GOROUTINE_SIDES EVENTFD,GOROUTINE_SIDES DUP,GOROUTINE_SIDES \
// RUN:           EPOLL,GOROUTINE_SIDES VECTORS,GOROUTINE_SIDES MSG,GOROUTINE_SIDES PIPE,THREAD_SIDES SOCKETPAIR,THREAD_SIDES; do \
// RUN:   k=${ks%%,*}; s=${ks#*,}; \
// RUN:   %gosan-cc -O1 -D$s -D$k %s -o %t-$k-$s || exit 1; \
// RUN:   %gosan-cc -O1 -D$s -D$k -DORDERED %s -o %t-$k-$s-ordered || exit 1; \
// RUN:   for o in writer-first reader-first "writer-first exit" "reader-first exit"; do \
// RUN:     sh -c "%t-$k-$s $o; echo status \$?" 2>&1 | FileCheck %s || { echo "failed: $k $s $o"; exit 1; }; \
// RUN:   done; \
// RUN:   sh -c "%t-$k-$s-ordered writer-first; echo status \$?" 2>&1 | FileCheck --check-prefix=ORDERED %s || { echo "failed: $k $s ordered"; exit 1; }; \
// RUN: done
#include "Inputs/two_sides.h"
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

static int wfd, rfd, epfd;
/* Each side's buffer is a global of its own: a thread's stack may be a
 * finished thread's cached one, and the checker does not forget a cached
 * stack's history (a separate issue). */
static uint64_t v, one = 1;
static struct iovec riov = {&v, 1}, wiov = {&one, 1};
static struct msghdr rmsg = {.msg_iov = &riov, .msg_iovlen = 1}, wmsg = {.msg_iov = &wiov, .msg_iovlen = 1};

static void *reader(void *arg)
{
    (void)arg;
#if defined(EPOLL)
    static struct epoll_event ev;
    while (epoll_wait(epfd, &ev, 1, -1) != 1)
        ;
#elif defined(VECTORS)
    if (readv(rfd, &riov, 1) != 1)
        abort();
#elif defined(MSG)
    if (recvmsg(rfd, &rmsg, 0) != 1)
        abort();
#elif defined(SOCKETPAIR)
    if (recv(rfd, &v, 1, 0) != 1)
        abort();
#else
    if (read(rfd, &v, sizeof v) <= 0)
        abort();
#endif
    read_shared();
    return NULL;
}

static void *writer(void *arg)
{
    (void)arg;
    WRITE_BEFORE_RELEASE();
#if defined(VECTORS)
    if (writev(wfd, &wiov, 1) != 1)
        abort();
#elif defined(MSG)
    if (sendmsg(wfd, &wmsg, 0) != 1)
        abort();
#elif defined(SOCKETPAIR)
    if (send(wfd, &one, 1, 0) != 1)
        abort();
#else
    if (write(wfd, &one, sizeof one) <= 0)
        abort();
#endif
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

int main(int argc, char **argv)
{
    int p[2];
    parse_order(argc, argv);
#if defined(SOCKETPAIR) || defined(MSG)
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, p))
        abort();
#elif defined(EVENTFD) || defined(EPOLL)
    p[0] = p[1] = eventfd(0, 0);
#else
    if (pipe(p))
        abort();
#endif
    rfd = p[0];
    wfd = p[1];
#if defined(DUP)
    wfd = dup(p[1]);
    rfd = dup2(p[0], 100);
#elif defined(EPOLL)
    struct epoll_event ev = {.events = EPOLLIN};
    epfd = epoll_create1(0);
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, rfd, &ev))
        abort();
#endif
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
