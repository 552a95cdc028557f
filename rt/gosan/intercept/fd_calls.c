/* fd_calls.c - the libc calls that create, copy, connect and close file
 * descriptors, reported to the fd model (fd_sync.h) around libc's own
 * definition.  Data calls (read, write, ...) are in libc.c.
 *
 * The runtime is linked whole, so these definitions are the program's and
 * gosan's own: calls from the runtime (the symbolizer's pipes, the log
 * file) and the library (/proc reads) only make the model forget the
 * number.  A close is reported before the call (once the number is free,
 * another thread may get it from the kernel and create it again); a
 * creation after the call succeeded.  errno is the call's when we return.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "engine.h"
#include "fd_sync.h"

#define FC_PC() ((uintptr_t)__builtin_return_address(0) - 1)

/* libc's definition of NAME, resolved once. */
#define FC_REAL(name)                                                                              \
    static __typeof__(&name) fc_real_##name;                                                       \
    if (!__atomic_load_n(&fc_real_##name, __ATOMIC_ACQUIRE))                                       \
        __atomic_store_n(&fc_real_##name, (__typeof__(&name))dlsym(RTLD_NEXT, #name), __ATOMIC_RELEASE); \
    __typeof__(&name) real = fc_real_##name

/* The model's calls keep the program's errno. */
#define FC_KEEP_ERRNO(stmt)                                                                        \
    do {                                                                                           \
        int fc_saved = errno;                                                                      \
        stmt;                                                                                      \
        errno = fc_saved;                                                                          \
    } while (0)

static void fc_created(int fd, gs_fd_kind kind, uintptr_t pc)
{
    if (fd < 0)
        return;
    if (gs_fd_caller_is_gosan(pc))
        FC_KEEP_ERRNO(gs_fd_forget(fd));
    else
        FC_KEEP_ERRNO(gs_fd_created(fd, kind, pc));
}

/* ---- files */

static mode_t fc_mode(int flags, va_list ap)
{
    return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = fc_mode(flags, ap);
    va_end(ap);
    FC_REAL(open);
    int fd = real ? real(path, flags, mode) : (int)syscall(SYS_openat, AT_FDCWD, path, flags, mode);
    fc_created(fd, GS_FD_FILE, FC_PC());
    return fd;
}

int open64(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = fc_mode(flags, ap);
    va_end(ap);
    FC_REAL(open64);
    int fd = real ? real(path, flags, mode) : (int)syscall(SYS_openat, AT_FDCWD, path, flags, mode);
    fc_created(fd, GS_FD_FILE, FC_PC());
    return fd;
}

int openat(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = fc_mode(flags, ap);
    va_end(ap);
    FC_REAL(openat);
    int fd = real ? real(dirfd, path, flags, mode) : (int)syscall(SYS_openat, dirfd, path, flags, mode);
    fc_created(fd, GS_FD_FILE, FC_PC());
    return fd;
}

int creat(const char *path, mode_t mode)
{
    FC_REAL(creat);
    int fd = real ? real(path, mode) : (int)syscall(SYS_creat, path, mode);
    fc_created(fd, GS_FD_FILE, FC_PC());
    return fd;
}

/* ---- close and dup */

int close(int fd)
{
    uintptr_t pc = FC_PC();
    bool ours = gs_fd_caller_is_gosan(pc);
    if (ours)
        gs_fd_forget(fd);
    else
        gs_fd_close(fd, pc);
    FC_REAL(close);
    return real ? real(fd) : (int)syscall(SYS_close, fd);
}

int dup(int oldfd)
{
    uintptr_t pc = FC_PC();
    FC_REAL(dup);
    int fd = real ? real(oldfd) : (int)syscall(SYS_dup, oldfd);
    if (fd >= 0 && !gs_fd_caller_is_gosan(pc))
        FC_KEEP_ERRNO(gs_fd_dup(oldfd, fd, false, pc));
    else
        fc_created(fd, GS_FD_NONE, pc);
    return fd;
}

static void fc_dup_onto(int oldfd, int newfd, int r, uintptr_t pc)
{
    if (r < 0 || oldfd == newfd)
        return;
    if (gs_fd_caller_is_gosan(pc))
        FC_KEEP_ERRNO(gs_fd_forget(newfd));
    else
        FC_KEEP_ERRNO(gs_fd_dup(oldfd, newfd, true, pc));
}

int dup2(int oldfd, int newfd)
{
    FC_REAL(dup2);
    int r = real ? real(oldfd, newfd) : (int)syscall(SYS_dup2, oldfd, newfd);
    fc_dup_onto(oldfd, newfd, r, FC_PC());
    return r;
}

int dup3(int oldfd, int newfd, int flags)
{
    FC_REAL(dup3);
    int r = real ? real(oldfd, newfd, flags) : (int)syscall(SYS_dup3, oldfd, newfd, flags);
    fc_dup_onto(oldfd, newfd, r, FC_PC());
    return r;
}

/* ---- connected pairs */

static void fc_pair(int r, const int fds[2], uintptr_t pc)
{
    if (r != 0)
        return;
    if (gs_fd_caller_is_gosan(pc))
        FC_KEEP_ERRNO(gs_fd_forget(fds[0]); gs_fd_forget(fds[1]));
    else
        FC_KEEP_ERRNO(gs_fd_pair_created(fds[0], fds[1], pc));
}

int pipe(int fds[2])
{
    FC_REAL(pipe);
    int r = real ? real(fds) : (int)syscall(SYS_pipe2, fds, 0);
    fc_pair(r, fds, FC_PC());
    return r;
}

int pipe2(int fds[2], int flags)
{
    FC_REAL(pipe2);
    int r = real ? real(fds, flags) : (int)syscall(SYS_pipe2, fds, flags);
    fc_pair(r, fds, FC_PC());
    return r;
}

int socketpair(int domain, int type, int protocol, int fds[2])
{
    FC_REAL(socketpair);
    int r = real ? real(domain, type, protocol, fds) : (int)syscall(SYS_socketpair, domain, type, protocol, fds);
    fc_pair(r, fds, FC_PC());
    return r;
}

/* ---- sockets */

int socket(int domain, int type, int protocol)
{
    FC_REAL(socket);
    int fd = real ? real(domain, type, protocol) : (int)syscall(SYS_socket, domain, type, protocol);
    fc_created(fd, GS_FD_SOCKET, FC_PC());
    return fd;
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
    uintptr_t pc = FC_PC();
    bool ours = gs_fd_caller_is_gosan(pc);
    if (!ours) {
        gs_fd_access(fd, pc);
        gs_fd_connecting(fd, pc);
    }
    FC_REAL(connect);
    int r = real ? real(fd, addr, len) : (int)syscall(SYS_connect, fd, addr, len);
    if (!ours)
        FC_KEEP_ERRNO(gs_fd_after(fd, r < 0 ? errno : 0, pc));
    return r;
}

static int fc_accepted(int lfd, int fd, uintptr_t pc)
{
    if (fd >= 0) {
        if (gs_fd_caller_is_gosan(pc))
            FC_KEEP_ERRNO(gs_fd_forget(fd));
        else
            FC_KEEP_ERRNO(gs_fd_accepted(lfd, fd, pc));
    }
    return fd;
}

int accept(int lfd, struct sockaddr *addr, socklen_t *len)
{
    FC_REAL(accept);
    int fd = real ? real(lfd, addr, len) : (int)syscall(SYS_accept, lfd, addr, len);
    return fc_accepted(lfd, fd, FC_PC());
}

int accept4(int lfd, struct sockaddr *addr, socklen_t *len, int flags)
{
    FC_REAL(accept4);
    int fd = real ? real(lfd, addr, len, flags) : (int)syscall(SYS_accept4, lfd, addr, len, flags);
    return fc_accepted(lfd, fd, FC_PC());
}

/* ---- event and notification fds */

int eventfd(unsigned int initval, int flags)
{
    FC_REAL(eventfd);
    int fd = real ? real(initval, flags) : (int)syscall(SYS_eventfd2, initval, flags);
    fc_created(fd, GS_FD_OWN, FC_PC());
    return fd;
}

int signalfd(int fd, const sigset_t *mask, int flags)
{
    FC_REAL(signalfd);
    int r = real ? real(fd, mask, flags) : (int)syscall(SYS_signalfd4, fd, mask, sizeof(sigset_t), flags);
    if (fd == -1) /* a new fd; else the mask of an existing one changed */
        fc_created(r, GS_FD_NONE, FC_PC());
    return r;
}

int inotify_init(void)
{
    FC_REAL(inotify_init);
    int fd = real ? real() : (int)syscall(SYS_inotify_init1, 0);
    fc_created(fd, GS_FD_NONE, FC_PC());
    return fd;
}

int inotify_init1(int flags)
{
    FC_REAL(inotify_init1);
    int fd = real ? real(flags) : (int)syscall(SYS_inotify_init1, flags);
    fc_created(fd, GS_FD_NONE, FC_PC());
    return fd;
}

/* ---- epoll: adding fd orders nothing by itself; fd's later writes are
 * released into the instance, and a wait that returned events acquires
 * it. */

int epoll_create(int size)
{
    FC_REAL(epoll_create);
    int fd = real ? real(size) : (int)syscall(SYS_epoll_create1, 0);
    fc_created(fd, GS_FD_OWN, FC_PC());
    return fd;
}

int epoll_create1(int flags)
{
    FC_REAL(epoll_create1);
    int fd = real ? real(flags) : (int)syscall(SYS_epoll_create1, flags);
    fc_created(fd, GS_FD_OWN, FC_PC());
    return fd;
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
    uintptr_t pc = FC_PC();
    bool ours = gs_fd_caller_is_gosan(pc);
    if (!ours) {
        gs_fd_access(epfd, pc);
        gs_fd_access(fd, pc);
        if (op == EPOLL_CTL_ADD) {
            gs_fd_poll_add(epfd, fd);
            gs_fd_release(epfd, pc);
        }
    }
    FC_REAL(epoll_ctl);
    return real ? real(epfd, op, fd, ev) : (int)syscall(SYS_epoll_ctl, epfd, op, fd, ev);
}

/* The kernel filled r events. */
static void fc_waited(int epfd, const struct epoll_event *evs, int r, uintptr_t pc)
{
    if (r > 0 && !gs_fd_caller_is_gosan(pc))
        FC_KEEP_ERRNO(gs_fd_acquire(epfd, pc); gs_access_range(evs, (size_t)r * sizeof *evs, true, pc));
}

int epoll_wait(int epfd, struct epoll_event *evs, int max, int timeout)
{
    uintptr_t pc = FC_PC();
    if (!gs_fd_caller_is_gosan(pc))
        gs_fd_access(epfd, pc);
    FC_REAL(epoll_wait);
    int r = real ? real(epfd, evs, max, timeout) : (int)syscall(SYS_epoll_wait, epfd, evs, max, timeout);
    fc_waited(epfd, evs, r, pc);
    return r;
}

int epoll_pwait(int epfd, struct epoll_event *evs, int max, int timeout, const sigset_t *mask)
{
    uintptr_t pc = FC_PC();
    if (!gs_fd_caller_is_gosan(pc))
        gs_fd_access(epfd, pc);
    FC_REAL(epoll_pwait);
    int r = real ? real(epfd, evs, max, timeout, mask)
                 : (int)syscall(SYS_epoll_pwait, epfd, evs, max, timeout, mask, sizeof(sigset_t));
    fc_waited(epfd, evs, r, pc);
    return r;
}
