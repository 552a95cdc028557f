/* log.c - where the runtime's output goes (see log.h): the report fd
 * (stderr, stdout or the log_path file), raw writes to an fd, and the
 * runtime's own warnings and fatal errors on stderr.
 *
 * Invariants: nothing here allocates or uses stdio; writes are write(2)
 * system calls (not the runtime's own write interceptor).  The log file is
 * opened once per process under log_fd_lock, at start-up (init.c), and
 * again by a forked child at its first report.
 */
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "flags.h"
#include "printf.h"
#include "spinlock.h"
#include "str.h"
#include "symbolize.h"

void gs_write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n) {
        long r = syscall(SYS_write, fd, p, n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        p += r;
        n -= (size_t)r;
    }
}

const char *gs_strerror(int err)
{
    const char *s = strerrordesc_np(err);
    return s ? s : "unknown error";
}

static gs_splock log_fd_lock = GS_SPLOCK_INIT;
static int log_fd = -1;
static pid_t log_fd_pid;

/* Opens PATH.PID for appending; on failure dies naming the file and why,
 * after releasing log_fd_lock (held by the caller). */
static int log_open(const char *path, pid_t pid) GS_REQUIRES(log_fd_lock)
{
    static char name[4096]; /* under log_fd_lock */
    int n = gs_snprintf(name, sizeof name, "%s.%d", path, (int)pid);
    int fd = -1, err = ENAMETOOLONG;
    if ((size_t)n < sizeof name) {
        fd = (int)syscall(SYS_openat, AT_FDCWD, name, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        err = errno;
    }
    if (fd < 0) {
        gs_splock_unlock(&log_fd_lock);
        gs_die("cannot open log_path file '%s': %s", name, gs_strerror(err));
    }
    return fd;
}

int gs_report_fd(void)
{
    gs_flags_init();
    const char *path = gs_flags.log_path;
    if (!path || !*path || gs_strcmp(path, "stderr") == 0)
        return 2;
    if (gs_strcmp(path, "stdout") == 0)
        return 1;
    pid_t pid = (pid_t)syscall(SYS_getpid);
    gs_splock_lock(&log_fd_lock);
    if (log_fd < 0 || log_fd_pid != pid) {
        log_fd = log_open(path, pid);
        log_fd_pid = pid;
    }
    int fd = log_fd;
    gs_splock_unlock(&log_fd_lock);
    return fd;
}

void gs_fdprintf(int fd, const char *fmt, ...)
{
    char tmp[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = gs_vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    gs_write_all(fd, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* ---- diagnostics */

/* One line `gosan: KIND: ...` to stderr, in one write. */
static void log_diag(const char *kind, const char *fmt, va_list ap)
{
    char tmp[2048];
    int n = gs_snprintf(tmp, sizeof tmp, "gosan: %s: ", kind);
    n += gs_vsnprintf(tmp + n, sizeof tmp - (size_t)n - 1, fmt, ap);
    if ((size_t)n > sizeof tmp - 2)
        n = sizeof tmp - 2;
    tmp[n++] = '\n';
    gs_write_all(2, tmp, (size_t)n);
}

void gs_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_diag("WARNING", fmt, ap);
    va_end(ap);
}

void gs_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_diag("FATAL", fmt, ap);
    va_end(ap);
    gs_symbolize_exit();
    syscall(SYS_exit_group, 1); /* not _exit: a broken runtime must not wait for reports */
    __builtin_unreachable();
}
