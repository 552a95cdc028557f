/* shutdown.c - SIGTERM and SIGINT, as a goroutine can wait for them.
 *
 * The handler only writes a byte to a pipe (async-signal-safe); the read end
 * is a go_fd, so the goroutine waiting for the signal is parked in the
 * netpoller ("IO wait"), not a thread in sigwait.  main.c then stops
 * accepting and drains (server.c).
 *
 * Under the checker the handler runs after the sigaction that installed
 * it, so its use of the pipe made before is no race (docs/race.md).
 */
#define _GNU_SOURCE /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "httpd.h"

static int signal_pipe[2] = {-1, -1};
static go_fd *signal_fd;

static void shutdown_on_signal(int sig)
{
    int saved = errno;
    unsigned char b = (unsigned char)sig;
    (void)!write(signal_pipe[1], &b, 1);
    errno = saved;
}

int httpd_signals_init(void)
{
    if (pipe2(signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return GO_EERRNO(errno);
    signal_fd = go_fd_open(signal_pipe[0]);
    if (!signal_fd)
        return GO_EERRNO(errno);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = shutdown_on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    if (sigaction(SIGTERM, &sa, NULL) != 0 || sigaction(SIGINT, &sa, NULL) != 0)
        return GO_EERRNO(errno);
    /* A peer that hangs up makes write() fail with EPIPE instead of killing
     * the server (Go ignores SIGPIPE on sockets too). */
    signal(SIGPIPE, SIG_IGN);
    return 0;
}

int httpd_wait_signal(void)
{
    unsigned char b = 0;
    long n;
    while ((n = go_fd_read(signal_fd, &b, 1)) == GO_EERRNO(EINTR))
        ;
    return n == 1 ? b : (int)n;
}
