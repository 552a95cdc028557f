/* netfd.c - the descriptor calls of <gosan/net.h> (Go's internal/poll.FD):
 * a system call first; on EAGAIN, park until the poller says the direction
 * is ready (netpoll.c), then try again.
 *
 * Each call holds a reference on the go_fd (refs) from entry to return,
 * and its direction's turn (busy) while it works, so that go_fd_close can
 * wake every blocked call and wait until all have left before it closes
 * the number (which the kernel may hand out again at once).  Every call's
 * end is released on f->hb and close acquires it: to the checker, the
 * close comes after every call that used the descriptor.
 *
 * The checker hears of each system call through the fd hook, with the
 * program's call site; the calls themselves are made with syscall(2), so
 * its interceptors do not take them for gosan's own (which they would
 * ignore) or check the buffer a second time.  The library's TSan build
 * goes through libc instead, whose interceptors give TSan the same edges.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "hb.h"
#include "netpoll.h"
#include "record.h"

#if defined(GOSAN_FIBER_TSAN)
#define nfd_raw_read(fd, b, n) read(fd, b, n)
#define nfd_raw_write(fd, b, n) write(fd, b, n)
#define nfd_raw_accept(fd) accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)
#define nfd_raw_connect(fd, sa, len) connect(fd, sa, len)
#define nfd_sys_close(fd) close(fd)
#else
#define nfd_raw_read(fd, b, n) syscall(SYS_read, fd, b, n)
#define nfd_raw_write(fd, b, n) syscall(SYS_write, fd, b, n)
#define nfd_raw_accept(fd) (int)syscall(SYS_accept4, fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)
#define nfd_raw_connect(fd, sa, len) (int)syscall(SYS_connect, fd, sa, len)
#define nfd_sys_close(fd) (int)syscall(SYS_close, fd)
#endif

/* Under GOSAN_RECORD/GOSAN_REPLAY the calls' results are part of the log
 * (record.c): recorded as made, or answered from it without the peer. */
#define nfd_sys_read(fd, b, n) (GO_REC_ON() ? go_rec_read(fd, b, n) : nfd_raw_read(fd, b, n))
#define nfd_sys_write(fd, b, n) (GO_REC_ON() ? go_rec_write(fd, b, n) : nfd_raw_write(fd, b, n))
#define nfd_sys_accept(fd) (GO_REC_ON() ? go_rec_accept(fd) : nfd_raw_accept(fd))
#define nfd_sys_connect(fd, sa, len) (GO_REC_ON() ? go_rec_connect(fd, sa, len) : nfd_raw_connect(fd, sa, len))

/* ---- entering and leaving a call */

/* Takes a reference and direction mode's turn, and clears its readiness
 * for the system call to come.  0, or the error the call returns (then
 * it holds nothing). */
static void fd_leave(go_fd *f, int mode, bool had_turn, void *pc);

static int fd_enter(go_fd *f, int mode, void *pc)
{
    go_pd_dir *d = &f->dir[mode];
    golock_lock(&f->lock);
    f->refs++;
    int err;
    while (!(err = go_pd_err_locked(f, mode)) && d->busy) {
        go_pd_turn t = {go_self(), NULL};
        if (d->lockq_tail)
            d->lockq_tail->next = &t;
        else
            d->lockq = &t;
        d->lockq_tail = &t;
        go_park(GO_WAIT_IO, f, &f->lock, pc);
        golock_lock(&f->lock); /* whoever readied us unlinked t */
    }
    if (!err) {
        d->busy = true;
        d->ready = false;
    }
    golock_unlock(&f->lock);
    if (err)
        fd_leave(f, mode, false, pc);
    return err;
}

static void fd_leave(go_fd *f, int mode, bool had_turn, void *pc)
{
    go_hb_release(&f->hb, pc);
    go_pd_dir *d = &f->dir[mode];
    go_g *next = NULL, *closer = NULL;
    golock_lock(&f->lock);
    if (had_turn) {
        d->busy = false;
        if (d->lockq) {
            next = d->lockq->g;
            d->lockq = d->lockq->next;
            if (!d->lockq)
                d->lockq_tail = NULL;
        }
    }
    if (--f->refs == 0 && f->closer) {
        closer = f->closer;
        f->closer = NULL;
    }
    golock_unlock(&f->lock);
    if (next)
        go_ready(next);
    if (closer)
        go_ready(closer);
}

static int fd_wait(go_fd *f, int mode, void *pc)
{
    golock_lock(&f->lock);
    int err = go_pd_wait_locked(f, mode, pc);
    golock_unlock(&f->lock);
    return err;
}

/* After a system call failed with e: 0 to try again (EINTR, or EAGAIN and
 * the direction became ready), or the call's error. */
static int fd_retry(go_fd *f, int mode, int e, void *pc)
{
    if (e == EINTR)
        return 0;
    if (e == EAGAIN && (f->pollable || GO_DET_ON())) /* a replay's descriptors need no poller */
        return fd_wait(f, mode, pc);
    return GO_EERRNO(e);
}

/* ---- opening */

static go_fd *fd_new(int fd, bool set_nonblock, int *err)
{
    go_fd *f = go_pd_alloc();
    if (!f) {
        *err = ENOMEM;
        return NULL;
    }
    f->fd = fd;
    int e = go_netpoll_open(f);
    if (e == 0) {
        f->pollable = true;
        int fl = fcntl(fd, F_GETFL);
        if (set_nonblock && fl >= 0 && !(fl & O_NONBLOCK))
            fcntl(fd, F_SETFL, fl | O_NONBLOCK);
    } else if (e != EPERM) {
        go_pd_free(f);
        *err = e;
        return NULL;
    }
    return f;
}

go_fd *go_fd_open(int fd)
{
    go_self();
    if (fd < 0 || fcntl(fd, F_GETFD) < 0) {
        errno = EBADF;
        return NULL;
    }
    int err = 0;
    go_fd *f = fd_new(fd, true, &err);
    if (!f)
        errno = err;
    return f;
}

go_fd *go_fd_wrap(int fd, int *err) { return fd_new(fd, false, err); }

int go_fd_fileno(const go_fd *f) { return f->fd; }

/* ---- data */

ssize_t go_fd_read(go_fd *f, void *buf, size_t n)
{
    void *pc = GO_CALLER_PC();
    int err = fd_enter(f, GO_PD_READ, pc);
    if (err)
        return err;
    go_hb_fd(GO_FD_USE, f->fd, -1, NULL, 0, pc);
    ssize_t r = 0;
    while (n) {
        r = nfd_sys_read(f->fd, buf, n);
        if (r >= 0)
            break;
        if ((r = fd_retry(f, GO_PD_READ, errno, pc)) != 0)
            break;
    }
    if (r >= 0)
        go_hb_fd(GO_FD_RECEIVED, f->fd, -1, buf, (size_t)r, pc);
    fd_leave(f, GO_PD_READ, true, pc);
    return r;
}

ssize_t go_fd_write(go_fd *f, const void *buf, size_t n)
{
    void *pc = GO_CALLER_PC();
    int err = fd_enter(f, GO_PD_WRITE, pc);
    if (err)
        return err;
    go_hb_fd(GO_FD_SEND, f->fd, -1, buf, n, pc);
    size_t done = 0;
    ssize_t r = 0;
    while (done < n) {
        ssize_t w = nfd_sys_write(f->fd, (const char *)buf + done, n - done);
        if (w > 0) {
            done += (size_t)w;
            continue;
        }
        if ((r = w == 0 ? GO_EERRNO(EIO) : fd_retry(f, GO_PD_WRITE, errno, pc)) != 0)
            break;
    }
    fd_leave(f, GO_PD_WRITE, true, pc);
    return done || r == 0 ? (ssize_t)done : r;
}

/* ---- connections */

int go_fd_accept(go_fd *l, go_fd **conn)
{
    void *pc = GO_CALLER_PC();
    *conn = NULL;
    int err = fd_enter(l, GO_PD_READ, pc);
    if (err)
        return err;
    go_hb_fd(GO_FD_USE, l->fd, -1, NULL, 0, pc);
    int fd;
    for (;;) {
        fd = nfd_sys_accept(l->fd);
        if (fd >= 0)
            break;
        int e = errno;
        if (e == ECONNABORTED) /* the peer gave up while queued: take the next */
            continue;
        if ((err = fd_retry(l, GO_PD_READ, e, pc)) != 0)
            break;
    }
    if (fd >= 0)
        go_hb_fd(GO_FD_ACCEPTED, fd, l->fd, NULL, 0, pc);
    fd_leave(l, GO_PD_READ, true, pc);
    if (err)
        return err;
    int e = 0;
    *conn = go_fd_wrap(fd, &e);
    if (!*conn) {
        nfd_sys_close(fd);
        return e == ENOMEM ? GO_ENOMEM : GO_EERRNO(e);
    }
    return 0;
}

/* A non-blocking connect completes when the socket turns writable;
 * SO_ERROR then says how. */
int go_fd_connect_sa(go_fd *f, const void *sa, unsigned len, void *pc)
{
    int err = fd_enter(f, GO_PD_WRITE, pc);
    if (err)
        return err;
    go_hb_fd(GO_FD_CONNECTING, f->fd, -1, NULL, 0, pc);
    int r;
    while ((r = nfd_sys_connect(f->fd, sa, (socklen_t)len)) != 0 && errno == EINTR) {
    }
    int e = r == 0 ? 0 : errno;
    while (e == EINPROGRESS || e == EALREADY) {
        if (!f->pollable || (err = fd_wait(f, GO_PD_WRITE, pc)) != 0)
            break;
        socklen_t elen = sizeof e;
        if (getsockopt(f->fd, SOL_SOCKET, SO_ERROR, &e, &elen) != 0)
            e = errno;
        else if (e == 0)
            break;
        /* EINPROGRESS or EALREADY again: a spurious edge */
    }
    if (!err && e)
        err = GO_EERRNO(e);
    fd_leave(f, GO_PD_WRITE, true, pc);
    return err;
}

/* ---- deadlines */

static int set_deadline(go_fd *f, bool rd, bool wr, int64_t t)
{
    golock_lock(&f->lock);
    bool closing = f->closing;
    golock_unlock(&f->lock);
    if (closing)
        return GO_EFDCLOSED;
    if (t < 0)
        t = 1; /* long past */
    if (rd)
        go_pd_set_deadline(f, GO_PD_READ, t);
    if (wr)
        go_pd_set_deadline(f, GO_PD_WRITE, t);
    return 0;
}

int go_fd_set_deadline(go_fd *f, int64_t t) { return set_deadline(f, true, true, t); }
int go_fd_set_read_deadline(go_fd *f, int64_t t) { return set_deadline(f, true, false, t); }
int go_fd_set_write_deadline(go_fd *f, int64_t t) { return set_deadline(f, false, true, t); }

/* ---- closing */

int go_fd_close(go_fd *f)
{
    void *pc = GO_CALLER_PC();
    go_g *wake = NULL;
    golock_lock(&f->lock);
    if (f->closing) {
        golock_unlock(&f->lock);
        return GO_EFDCLOSED;
    }
    go_pd_evict_locked(f, &wake);
    /* Readied under the lock: they wait for it until we have parked, so
     * the last of them to leave finds f->closer set. */
    go_netpoll_ready_list(wake);
    if (f->refs > 0) {
        f->closer = go_self();
        go_park(GO_WAIT_IO, f, &f->lock, pc);
    } else {
        golock_unlock(&f->lock);
    }
    go_hb_acquire(&f->hb, pc);
    go_hb_sync_free(&f->hb, 1); /* the next go_fd in this memory starts afresh */
    go_hb_fd(GO_FD_CLOSE, f->fd, -1, NULL, 0, pc);
    go_netpoll_close(f);
    int r = nfd_sys_close(f->fd);
    int e = errno;
    if (f->unlink_path) {
        unlink(f->unlink_path);
        free(f->unlink_path);
        f->unlink_path = NULL;
    }
    go_pd_free(f);
    return r == 0 || e == EINTR ? 0 : GO_EERRNO(e);
}
