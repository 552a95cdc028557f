// A signal handler is ordered after the sigaction that installed it (TSan's
// model, and Go's: a signal is delivered after signal.Notify), wherever the
// kernel runs it.  So a handler that reads a global and writes to a pipe,
// both set up before the sigaction, is no race: raised on the sending
// goroutine ("ordered"), sent to the process (kill: the kernel prefers the
// main thread, often between goroutines: "ordered-kill"), or sent while the
// sender's thread blocks it (another thread takes it:
// "ordered-other-thread").  A global another goroutine writes with nothing
// ordering it against the signal still races with the handler, whichever
// runs first, also when main returns right after ("racy-*": raised on the
// sender, so the handler never interrupts the racer, which would order it).
// The sender is a goroutine spawned before the sigaction; it waits on
// relaxed flags, which order nothing for the checker.
// Before signal_handlers.c every "ordered" mode reported the handler's
// reads of `config` and of the pipe's descriptor against main's writes.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: sh -c '%t ordered; echo status $?' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: sh -c '%t ordered-kill; echo status $?' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: sh -c '%t ordered-other-thread; echo status $?' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: sh -c '%t racy-write-first; echo status $?' 2>&1 | FileCheck --check-prefix=WRITE-FIRST %s
// RUN: sh -c '%t racy-handler-first; echo status $?' 2>&1 | FileCheck --check-prefix=HANDLER-FIRST %s
#define _GNU_SOURCE /* pipe2 */
#include <gosan/go.h>
#include <gosan/net.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int sig_pipe[2] = {-1, -1};
static int config;    /* set before the sigaction: ordered */
static int unordered; /* set by `racer`: ordered with nothing */
static int racy, use_kill, other_thread, handler_first;
static atomic_int installed, handled, written;

static void on_signal(int sig) {
    int saved = errno;
    unsigned char b = (unsigned char)(config + sig);
    if (racy)
        b += (unsigned char)unordered;
    (void)!write(sig_pipe[1], &b, 1);
    atomic_store_explicit(&handled, 1, memory_order_relaxed);
    errno = saved;
}

static void sender(void *arg) {
    (void)arg;
    while (!atomic_load_explicit(&installed, memory_order_relaxed))
        go_yield();
    while (racy && !handler_first && !atomic_load_explicit(&written, memory_order_relaxed))
        go_yield();
    if (other_thread) { /* the kernel then picks a thread that does not block it */
        sigset_t s;
        sigemptyset(&s);
        sigaddset(&s, SIGUSR1);
        pthread_sigmask(SIG_BLOCK, &s, NULL);
    }
    if (use_kill)
        kill(getpid(), SIGUSR1);
    else
        raise(SIGUSR1);
}

static void racer(void *arg) {
    (void)arg;
    while (handler_first && !atomic_load_explicit(&handled, memory_order_relaxed))
        go_yield();
    unordered = 1;
    atomic_store_explicit(&written, 1, memory_order_relaxed);
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "ordered";
    racy = strncmp(mode, "racy", 4) == 0;
    other_thread = strcmp(mode, "ordered-other-thread") == 0;
    use_kill = other_thread || strcmp(mode, "ordered-kill") == 0;
    handler_first = strcmp(mode, "racy-handler-first") == 0;
    go_spawn(sender, NULL);
    if (racy)
        go_spawn(racer, NULL);

    if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return 1;
    go_fd *rd = go_fd_open(sig_pipe[0]);
    config = 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    atomic_store_explicit(&installed, 1, memory_order_relaxed);

    unsigned char b = 0;
    while (go_fd_read(rd, &b, 1) == GO_EERRNO(EINTR))
        ;
    while (racy && !atomic_load_explicit(&written, memory_order_relaxed))
        go_yield();
    printf("got %d\n", b);
    return 0; /* right after the handler (and the racer) */
}

// ORDERED-NOT: WARNING
// ORDERED: got 11
// ORDERED-NOT: WARNING
// ORDERED: status 0

// WRITE-FIRST: WARNING: gosan: data race
// WRITE-FIRST-NEXT: Read of size 1 at {{.*}} by goroutine 2:
// WRITE-FIRST-NEXT: #0 on_signal {{.*}}signal_handler.c:[[#]]
// WRITE-FIRST: Previous write of size 1 at {{.*}} by goroutine 3:
// WRITE-FIRST-NEXT: #0 racer {{.*}}signal_handler.c:[[#]]
// WRITE-FIRST: Location is global 'unordered'
// WRITE-FIRST: reported 1 warning
// WRITE-FIRST: status 66

// HANDLER-FIRST: WARNING: gosan: data race
// HANDLER-FIRST-NEXT: Write of size 1 at {{.*}} by goroutine 3:
// HANDLER-FIRST-NEXT: #0 racer {{.*}}signal_handler.c:[[#]]
// HANDLER-FIRST: Previous read of size 1 at {{.*}} by goroutine 2:
// HANDLER-FIRST-NEXT: #0 on_signal {{.*}}signal_handler.c:[[#]]
// HANDLER-FIRST: Location is global 'unordered'
// HANDLER-FIRST: reported 1 warning
// HANDLER-FIRST: status 66
