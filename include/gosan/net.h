/* gosan/net.h - descriptor I/O that parks the goroutine, not its thread
 * (Go's internal/poll and net packages), on the library's netpoller.
 *
 * A go_fd wraps a file descriptor that supports readiness (a socket, pipe,
 * FIFO, eventfd, terminal): it is made non-blocking and registered with
 * the poller, and a call that would block parks the calling goroutine
 * ("IO wait") until the descriptor is ready, its deadline passes or it is
 * closed.  A descriptor the poller cannot watch (a regular file, /dev/null)
 * is used with plain blocking system calls instead.  docs/api.md is the
 * reference; docs/library.md the overview.
 *
 * Errors are negative: GO_EFDCLOSED (the go_fd was closed), GO_ETIMEDOUT
 * (its deadline passed), GO_EINVAL, GO_ENOMEM, or GO_EERRNO(e) for a
 * system call that failed with errno e (go_errno(r) gives e back;
 * go_strerror describes every one).  Everything here is a gosan extension.
 */
#ifndef GOSAN_NET_H
#define GOSAN_NET_H

#include <stdint.h>
#include <sys/types.h>

#include <gosan/go.h>

#ifdef __cplusplus
extern "C" {
#endif

#pragma GCC visibility push(default)

typedef struct go_fd go_fd;

/* Takes fd over: sets O_NONBLOCK if the poller can watch it and registers
 * it.  NULL with errno set (EBADF, ENOMEM) on failure.  go_fd_close closes
 * fd; do not close it yourself. */
go_fd *go_fd_open(int fd);
/* The descriptor (for getsockopt and the like; not for close). */
int go_fd_fileno(const go_fd *f);

/* Reads at most n bytes: the count (> 0), 0 at end of file (or for n 0),
 * or an error.  Concurrent reads of one go_fd take turns. */
ssize_t go_fd_read(go_fd *f, void *buf, size_t n);
/* Writes all n bytes: n, or an error.  A count below n means an error
 * stopped it after that many bytes (the next call returns the error).
 * Concurrent writes of one go_fd take turns, so one write's bytes are not
 * interleaved with another's. */
ssize_t go_fd_write(go_fd *f, const void *buf, size_t n);
/* Accepts a connection on a listening socket: 0 and *conn, or an error. */
int go_fd_accept(go_fd *listener, go_fd **conn);
/* Closes the descriptor: every goroutine blocked on f returns
 * GO_EFDCLOSED, and go_fd_close returns once all of them have left f (so
 * the descriptor's number is not reused under them).  0, GO_EFDCLOSED if
 * f is already being closed, or the error of close(2).  f must not be
 * used once go_fd_close has returned (as a FILE after fclose). */
int go_fd_close(go_fd *f);

/* Deadlines (Go's SetDeadline): t is an absolute go_now() time, 0 for
 * none.  A call of that direction still blocked at t, or made after it,
 * returns GO_ETIMEDOUT; a new deadline applies to calls already blocked.
 * 0 or GO_EFDCLOSED. */
int go_fd_set_deadline(go_fd *f, int64_t t);
int go_fd_set_read_deadline(go_fd *f, int64_t t);
int go_fd_set_write_deadline(go_fd *f, int64_t t);

/* Listening and connecting (Go's net.Listen and net.Dial).  network is
 * "tcp", "tcp4", "tcp6" or "unix"; a TCP address is "host:port" with an
 * IPv6 host in brackets ("[::1]:0"), a numeric port (0: any free port),
 * and a numeric host, "localhost" or empty (listen: every address; dial:
 * the loopback address); another name is looked up with getaddrinfo,
 * which blocks the thread.  A unix address is a path, or "@name" for
 * Linux's abstract namespace; a unix listener removes its path at close.
 * 0 and *out, or an error (GO_EINVAL for a malformed network or address). */
int go_listen(const char *network, const char *address, go_fd **out);
int go_dial(const char *network, const char *address, go_fd **out);
/* go_dial that gives up after timeout_ns with GO_ETIMEDOUT. */
int go_dial_timeout(const char *network, const char *address, int64_t timeout_ns, go_fd **out);
/* The socket's own and its peer's address, in go_listen's syntax
 * ("127.0.0.1:40123", "[::1]:40123", a path, "@name", "" for an unnamed
 * unix socket).  0, GO_EINVAL if size is too small, or an error. */
int go_fd_local_addr(go_fd *f, char *buf, size_t size);
int go_fd_remote_addr(go_fd *f, char *buf, size_t size);

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif
#endif /* GOSAN_NET_H */
