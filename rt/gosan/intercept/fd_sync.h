/* fd_sync.h - file descriptors as the checker sees them: what a write to
 * an fd orders before the read that sees the data, and a close that races
 * with another goroutine's use of the fd (fd_sync.c).
 *
 * Every function takes the call's pc (the interceptor's return address
 * minus one) and is safe before start-up, on threads the runtime does not
 * know and for fds out of the table's range: it then does nothing.
 * Calls made by gosan's own code (runtime or library) must not come here
 * as the program's: the interceptors test gs_fd_caller_is_gosan first.
 */
#ifndef GOSAN_FD_SYNC_H
#define GOSAN_FD_SYNC_H

#include <stdbool.h>
#include <stdint.h>

/* What a newly created fd synchronises through. */
typedef enum gs_fd_kind {
    GS_FD_FILE,   /* open/creat: every file shares one object */
    GS_FD_SOCKET, /* socket/accept/connect: every socket shares one object */
    GS_FD_OWN,    /* eventfd, epoll: an object of its own */
    GS_FD_NONE,   /* signalfd, inotify: no edges */
} gs_fd_kind;

/* The call at pc comes from gosan itself (the runtime's symbolizer pipe,
 * the library's /proc reads): not the program's I/O. */
bool gs_fd_caller_is_gosan(uintptr_t pc);

/* fd was just created by the program. */
void gs_fd_created(int fd, gs_fd_kind kind, uintptr_t pc);
/* pipe/pipe2/socketpair made the connected pair (a, b): data written to
 * one is read from the other, so both share one object. */
void gs_fd_pair_created(int a, int b, uintptr_t pc);
/* newfd now refers to oldfd's file (dup/dup2/dup3; newfd was closed by
 * the call if it was open: checked as a read, not a write, as TSan does,
 * since dup2 over /dev/null or over a closed pipe is common and safe). */
void gs_fd_dup(int oldfd, int newfd, bool replaced, uintptr_t pc);
/* gosan's own code created or closed fd: forget what the program did with
 * that number. */
void gs_fd_forget(int fd);

/* The program uses fd (a read of the fd, checked against its close):
 * before a call that only uses it. */
void gs_fd_access(int fd, uintptr_t pc);
/* Before a call that sends data through fd (write, send...): also
 * releases into fd's object. */
void gs_fd_release(int fd, uintptr_t pc);
/* After a call that received data through fd and succeeded: acquires
 * fd's object. */
void gs_fd_acquire(int fd, uintptr_t pc);
/* After any call on fd (err: the call's errno, 0 if it succeeded): a use
 * of a closed fd that failed with EBADF is checked against the close; one
 * that succeeded means the number was reused by a call gosan does not see
 * (fopen, libc's own sockets): its history is dropped. */
void gs_fd_after(int fd, int err, uintptr_t pc);
/* Before close(fd): a write of the fd. */
void gs_fd_close(int fd, uintptr_t pc);

/* connect -> accept: the connecting side's past is ordered before the
 * accepting side's. */
void gs_fd_connecting(int fd, uintptr_t pc);
void gs_fd_accepted(int listen_fd, int newfd, uintptr_t pc);

/* epoll_ctl(epfd, EPOLL_CTL_ADD, fd): a later write to fd is ordered
 * before the epoll_wait on epfd that reports it. */
void gs_fd_poll_add(int epfd, int fd);

/* In the child of fork: the child's closes of inherited fds do not race
 * with the parent's other threads. */
void gs_fd_fork_child(void);

#endif
