/* fd_hook.c - the library's descriptor calls (go_fd_read, go_fd_write,
 * go_fd_accept, go_dial, go_fd_close...) fed to the fd model
 * (intercept/fd_sync.h) exactly as the libc calls they stand for would be
 * by the interceptors: the library makes its system calls directly, so
 * this hook is the only way the checker learns of them.
 *
 * So a go_fd_write to a pipe or socket releases into the descriptor's
 * object and the go_fd_read that returns its data acquires it (a write
 * happens before the read that observes it), a close that is not ordered
 * with another use of the number races with it, and the buffer a call
 * reads or fills is checked as that call's access, under an api frame
 * naming it (`#0 go_fd_read`) above the program's call site.
 */
#include "fd_hook.h"

#include "access.h"
#include "api_access.h"
#include "fd_sync.h"
#include "thread_state.h"

static const gs_api_call fh_read_call = {"go_fd_read", NULL};
static const gs_api_call fh_write_call = {"go_fd_write", NULL};

static void fh_buffer(const void *buf, size_t len, bool filled, void *pc)
{
    if (len)
        gs_api_access(gs_thr_current(), buf, len, filled ? GS_K_WRITE : GS_K_READ,
                      filled ? &fh_read_call : &fh_write_call, pc);
}

void gs_fd_hook(go_fd_event ev, int fd, int fd2, const void *buf, size_t len, void *pc)
{
    uintptr_t at = pc ? (uintptr_t)pc - 1 : 0;
    switch (ev) {
    case GO_FD_CREATED:
        gs_fd_created(fd, GS_FD_SOCKET, at);
        break;
    case GO_FD_ACCEPTED:
        gs_fd_accepted(fd2, fd, at);
        break;
    case GO_FD_USE:
        gs_fd_access(fd, at);
        break;
    case GO_FD_CONNECTING:
        gs_fd_access(fd, at);
        gs_fd_connecting(fd, at);
        break;
    case GO_FD_SEND:
        gs_fd_release(fd, at);
        fh_buffer(buf, len, false, pc);
        break;
    case GO_FD_RECEIVED:
        gs_fd_acquire(fd, at);
        fh_buffer(buf, len, true, pc);
        break;
    case GO_FD_CLOSE:
        gs_fd_close(fd, at);
        break;
    }
}
