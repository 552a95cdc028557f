/* out.c - report output, the report lock, the report count and the exit
 * status (see out.h).
 *
 * Invariants: nothing here allocates or uses stdio; text of a report accumulates in one static buffer owned by the
 * report lock's holder and is written when full and at gs_report_end; text
 * printed outside a report goes straight to the fd, one call per line.
 * A report is "in flight" from its detection (gs_report_enter, before its
 * stacks are symbolized for suppressions) to its last line: out_in_flight
 * counts the threads inside one, which is what every exit waits for
 * (exitwait.c).
 */
#include "out.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "flags.h"
#include "str.h"
#include "spinlock.h"
#include "symbolize.h"

/* ---- the formatter */

typedef struct out_sink {
    char *buf;
    size_t size, len; /* len counts every char produced, even past size */
} out_sink;

static void out_putc(out_sink *s, char c)
{
    if (s->len + 1 < s->size)
        s->buf[s->len] = c;
    s->len++;
}

static void out_pad(out_sink *s, int n, char c)
{
    while (n-- > 0)
        out_putc(s, c);
}

static void out_str(out_sink *s, const char *str, int width, int prec, bool left)
{
    if (!str)
        str = "(null)";
    int len = 0;
    while (str[len] && (prec < 0 || len < prec))
        len++;
    if (!left)
        out_pad(s, width - len, ' ');
    for (int i = 0; i < len; i++)
        out_putc(s, str[i]);
    if (left)
        out_pad(s, width - len, ' ');
}

static void out_num(out_sink *s, unsigned long long v, bool neg, unsigned base, int width, bool zero,
                    bool left, const char *prefix)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    int plen = (neg ? 1 : 0) + (prefix ? (int)gs_strlen(prefix) : 0);
    int pad = width - n - plen;
    if (!left && !zero)
        out_pad(s, pad, ' ');
    if (neg)
        out_putc(s, '-');
    for (const char *p = prefix; p && *p; p++)
        out_putc(s, *p);
    if (!left && zero)
        out_pad(s, pad, '0');
    while (n)
        out_putc(s, tmp[--n]);
    if (left)
        out_pad(s, pad, ' ');
}

int gs_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    out_sink s = {buf, size, 0};
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            out_putc(&s, *f);
            continue;
        }
        f++;
        bool left = false, zero = false;
        for (;; f++) {
            if (*f == '-')
                left = true;
            else if (*f == '0')
                zero = true;
            else
                break;
        }
        int width = 0, prec = -1;
        if (*f == '*') {
            width = va_arg(ap, int);
            f++;
        } else {
            while (*f >= '0' && *f <= '9')
                width = width * 10 + (*f++ - '0');
        }
        if (*f == '.') {
            f++;
            prec = 0;
            if (*f == '*') {
                prec = va_arg(ap, int);
                f++;
            } else {
                while (*f >= '0' && *f <= '9')
                    prec = prec * 10 + (*f++ - '0');
            }
        }
        int lng = 0; /* 0 int, 1 long, 2 long long, 3 size_t */
        if (*f == 'z') {
            lng = 3;
            f++;
        } else {
            while (*f == 'l') {
                lng++;
                f++;
            }
        }
        switch (*f) {
        case 'd':
        case 'i': {
            long long v = lng == 0 ? va_arg(ap, int) : lng == 1 ? va_arg(ap, long)
                        : lng == 2 ? va_arg(ap, long long) : (long long)va_arg(ap, ssize_t);
            out_num(&s, v < 0 ? -(unsigned long long)v : (unsigned long long)v, v < 0, 10, width, zero, left, NULL);
            break;
        }
        case 'u':
        case 'x': {
            unsigned long long v = lng == 0 ? va_arg(ap, unsigned) : lng == 1 ? va_arg(ap, unsigned long)
                                 : lng == 2 ? va_arg(ap, unsigned long long) : va_arg(ap, size_t);
            out_num(&s, v, false, *f == 'u' ? 10 : 16, width, zero, left, NULL);
            break;
        }
        case 'p':
            out_num(&s, (uintptr_t)va_arg(ap, void *), false, 16, width, zero, left, "0x");
            break;
        case 's':
            out_str(&s, va_arg(ap, const char *), width, prec, left);
            break;
        case 'c':
            out_putc(&s, (char)va_arg(ap, int));
            break;
        case '%':
            out_putc(&s, '%');
            break;
        case 0:
            f--;
            break;
        default: /* unknown conversion: print it, so the mistake shows */
            out_putc(&s, '%');
            out_putc(&s, *f);
        }
    }
    if (size)
        buf[s.len < size ? s.len : size - 1] = 0;
    return (int)s.len;
}

int gs_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = gs_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

/* ---- file descriptors */

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

static gs_splock out_fd_lock = GS_SPLOCK_INIT;
static int out_fd = -1;
static pid_t out_fd_pid;

/* Opens PATH.PID for appending; on failure dies naming the file and why,
 * after releasing out_fd_lock (held by the caller). */
static int out_open_log(const char *path, pid_t pid) GS_REQUIRES(out_fd_lock)
{
    static char name[4096]; /* under out_fd_lock */
    int n = gs_snprintf(name, sizeof name, "%s.%d", path, (int)pid);
    int fd = -1, err = ENAMETOOLONG;
    if ((size_t)n < sizeof name) {
        fd = (int)syscall(SYS_openat, AT_FDCWD, name, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        err = errno;
    }
    if (fd < 0) {
        gs_splock_unlock(&out_fd_lock);
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
    gs_splock_lock(&out_fd_lock);
    if (out_fd < 0 || out_fd_pid != pid) {
        out_fd = out_open_log(path, pid);
        out_fd_pid = pid;
    }
    int fd = out_fd;
    gs_splock_unlock(&out_fd_lock);
    return fd;
}

/* Open the log_path file before main: a directory that is missing or not
 * writable stops the run at once with the reason, instead of at the first
 * report, whose text would then be lost.  Holding the file open from here
 * on also keeps reports flowing if the directory changes later. */
__attribute__((constructor(102))) static void out_open_log_early(void)
{
    gs_report_fd();
}

/* ---- buffered report text */

static gs_splock out_report_lock = GS_SPLOCK_INIT;
static __thread int out_in_report;
static __thread int out_depth;   /* this thread's nesting of enter/leave */
static int out_in_flight;        /* threads with out_depth > 0 */
static gs_report_leave_fn out_leave_cb;
static char out_buf[16384];
static size_t out_len;
static unsigned long out_reports;
static pid_t out_reports_pid; /* the process that printed them (not a fork) */

void gs_flush(void)
{
    if (out_len) {
        gs_write_all(gs_report_fd(), out_buf, out_len);
        out_len = 0;
    }
}

static void out_emit(const char *s, size_t n)
{
    if (!out_in_report) {
        gs_write_all(gs_report_fd(), s, n);
        return;
    }
    if (out_len + n > sizeof out_buf)
        gs_flush();
    if (n > sizeof out_buf) {
        gs_write_all(gs_report_fd(), s, n);
        return;
    }
    for (size_t i = 0; i < n; i++)
        out_buf[out_len + i] = s[i];
    out_len += n;
}

void gs_vprintf(const char *fmt, va_list ap)
{
    char tmp[2048];
    va_list aq;
    va_copy(aq, ap);
    int n = gs_vsnprintf(tmp, sizeof tmp, fmt, aq);
    va_end(aq);
    if ((size_t)n < sizeof tmp) {
        out_emit(tmp, (size_t)n);
        return;
    }
    /* Rare: a line longer than tmp (a huge path); print it truncated. */
    out_emit(tmp, sizeof tmp - 1);
    out_emit("...\n", 4);
}

void gs_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gs_vprintf(fmt, ap);
    va_end(ap);
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

/* ---- reports in flight */

void gs_report_enter(void)
{
    if (out_depth++ == 0)
        __atomic_add_fetch(&out_in_flight, 1, __ATOMIC_SEQ_CST);
}

void gs_report_leave(void)
{
    if (out_depth <= 0 || --out_depth > 0)
        return;
    __atomic_sub_fetch(&out_in_flight, 1, __ATOMIC_SEQ_CST);
    gs_report_leave_fn cb = __atomic_load_n(&out_leave_cb, __ATOMIC_ACQUIRE);
    if (cb)
        cb();
}

int gs_reports_in_flight_elsewhere(void)
{
    return __atomic_load_n(&out_in_flight, __ATOMIC_SEQ_CST) - (out_depth > 0);
}

bool gs_report_in_flight_here(void)
{
    return out_depth > 0;
}

void gs_report_on_leave(gs_report_leave_fn fn)
{
    __atomic_store_n(&out_leave_cb, fn, __ATOMIC_RELEASE);
}

/* The threads of the parent that were inside a report do not exist in a
 * forked child: its exits must not wait for them. */
static void out_after_fork_child(void)
{
    __atomic_store_n(&out_in_flight, out_depth > 0, __ATOMIC_SEQ_CST);
}

__attribute__((constructor(103))) static void out_ctor(void)
{
    pthread_atfork(NULL, NULL, out_after_fork_child);
}

/* ---- reports */

#define OUT_SEPARATOR "==================\n"

/* Not analysed: the report lock is held from here to gs_report_end/cancel. */
GS_NO_THREAD_SAFETY_ANALYSIS bool gs_report_begin(const char *kind)
{
    if (out_in_report)
        return false;
    gs_flags_init();
    gs_report_enter();
    gs_splock_lock(&out_report_lock);
    out_in_report = 1;
    out_len = 0;
    gs_printf(OUT_SEPARATOR);
    gs_printf("WARNING: gosan: %s (pid=%d)\n", kind, (int)syscall(SYS_getpid));
    return true;
}

static void out_summary(const char *kind, uintptr_t pc)
{
    if (!gs_flags.print_summary)
        return;
    gs_frame f;
    if (pc && gs_symbolize(pc, &f) && f.file)
        gs_printf("SUMMARY: gosan: %s %s:%d in %s\n", kind, f.file, f.line, f.function);
    else if (pc && gs_symbolize(pc, &f) && f.function[0] != '?')
        gs_printf("SUMMARY: gosan: %s (%s+0x%lx) in %s\n", kind, f.module ? f.module : "<unknown module>",
                  (unsigned long)f.module_offset, f.function);
    else
        gs_printf("SUMMARY: gosan: %s\n", kind);
}

GS_NO_THREAD_SAFETY_ANALYSIS static void out_finish(void) /* releases gs_report_begin's lock */
{
    gs_printf(OUT_SEPARATOR);
    gs_flush();
    __atomic_store_n(&out_reports_pid, (pid_t)syscall(SYS_getpid), __ATOMIC_SEQ_CST);
    __atomic_add_fetch(&out_reports, 1, __ATOMIC_SEQ_CST);
    out_in_report = 0;
    gs_splock_unlock(&out_report_lock);
    gs_report_leave();
    /* halt_on_error leaves through _exit, which waits for the reports
     * other threads still have in flight (exitwait.c). */
    if (gs_flags.halt_on_error)
        _exit(gs_flags.exitcode);
}

void gs_report_end(const char *kind, uintptr_t top_pc)
{
    if (!out_in_report)
        return;
    out_summary(kind, top_pc);
    out_finish();
}

void gs_report_end_ret(const char *kind, uintptr_t ret_pc)
{
    gs_report_end(kind, ret_pc ? ret_pc - 1 : 0);
}

GS_NO_THREAD_SAFETY_ANALYSIS void gs_report_cancel(void) /* releases gs_report_begin's lock */
{
    if (!out_in_report)
        return;
    out_len = 0;
    out_in_report = 0;
    gs_splock_unlock(&out_report_lock);
    gs_report_leave();
}

/* ---- deduplication: an open-addressing set of keys, full = stop deduping */

#define OUT_SEEN_SLOTS 8192
static uint64_t out_seen[OUT_SEEN_SLOTS];
static gs_splock out_seen_lock = GS_SPLOCK_INIT;

bool gs_report_seen(uint64_t key)
{
    gs_flags_init();
    if (!gs_flags.report_dedup)
        return false;
    if (key == 0)
        key = 1; /* 0 marks an empty slot */
    uint64_t h = key * 0x9e3779b97f4a7c15ull;
    bool seen = false;
    gs_splock_lock(&out_seen_lock);
    for (size_t i = 0; i < OUT_SEEN_SLOTS; i++) {
        size_t slot = (size_t)((h >> 40) + i) % OUT_SEEN_SLOTS;
        if (out_seen[slot] == key) {
            seen = true;
            break;
        }
        if (out_seen[slot] == 0) {
            out_seen[slot] = key;
            break;
        }
    }
    gs_splock_unlock(&out_seen_lock);
    return seen;
}

/* A forked child that printed nothing has nothing to report: its parent's
 * reports are its parent's (and a vfork child must not touch the count). */
unsigned long gs_report_count(void)
{
    unsigned long n = __atomic_load_n(&out_reports, __ATOMIC_SEQ_CST);
    if (n && __atomic_load_n(&out_reports_pid, __ATOMIC_SEQ_CST) != (pid_t)syscall(SYS_getpid))
        return 0;
    return n;
}

/* ---- diagnostics */

void gs_warn(const char *fmt, ...)
{
    char tmp[2048];
    int n = gs_snprintf(tmp, sizeof tmp, "gosan: WARNING: ");
    va_list ap;
    va_start(ap, fmt);
    n += gs_vsnprintf(tmp + n, sizeof tmp - (size_t)n - 1, fmt, ap);
    va_end(ap);
    if ((size_t)n > sizeof tmp - 2)
        n = sizeof tmp - 2;
    tmp[n++] = '\n';
    gs_write_all(2, tmp, (size_t)n);
}

void gs_die(const char *fmt, ...)
{
    char tmp[2048];
    int n = gs_snprintf(tmp, sizeof tmp, "gosan: FATAL: ");
    va_list ap;
    va_start(ap, fmt);
    n += gs_vsnprintf(tmp + n, sizeof tmp - (size_t)n - 1, fmt, ap);
    va_end(ap);
    if ((size_t)n > sizeof tmp - 2)
        n = sizeof tmp - 2;
    tmp[n++] = '\n';
    gs_write_all(2, tmp, (size_t)n);
    gs_symbolize_exit();
    syscall(SYS_exit_group, 1); /* not _exit: a broken runtime must not wait for reports */
    __builtin_unreachable();
}
