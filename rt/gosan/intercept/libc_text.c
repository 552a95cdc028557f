/* libc_text.c - libc calls that read or write text in the program's
 * buffers: stdio's string calls, the snprintf family's output and format,
 * strerror_r, strdup, and the stat family's result.  Checked as the
 * program's own accesses at the call site, like libc.c's (whose rules this
 * follows: libc's definition found with dlsym(RTLD_NEXT), the check after
 * the call for what libc wrote, before it for what libc read).
 *
 * The library formats its messages with snprintf and the runtime never
 * calls these (common/str.h, printf.c): calls from gosan's own code are
 * passed through unchecked, so a report never re-enters the engine.
 * printf-style arguments are not checked, only the format and the output
 * buffer (see docs/race.md for the list).
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "engine.h"
#include "fd_sync.h"
#include "str.h"

#define LT_PC() ((uintptr_t)__builtin_return_address(0) - 1)

/* libc's definition of NAME, resolved once. */
#define LT_REAL(name)                                                                              \
    static __typeof__(&name) lt_real_##name;                                                       \
    if (!__atomic_load_n(&lt_real_##name, __ATOMIC_ACQUIRE))                                       \
        __atomic_store_n(&lt_real_##name, (__typeof__(&name))dlsym(RTLD_NEXT, #name), __ATOMIC_RELEASE); \
    __typeof__(&name) real = lt_real_##name

/* Checks [p, p+n) for the program's call at pc; nothing for gosan's own
 * calls.  errno is the call's. */
static void lt_check(const void *p, size_t n, bool is_write, uintptr_t pc)
{
    if (!n || !p || gs_fd_caller_is_gosan(pc))
        return;
    int saved = errno;
    gs_access_range(p, n, is_write, pc);
    errno = saved;
}

static void lt_check_str(const char *s, uintptr_t pc)
{
    if (s)
        lt_check(s, gs_strlen(s) + 1, false, pc);
}

/* ---- stdio strings */

int puts(const char *s)
{
    lt_check_str(s, LT_PC());
    LT_REAL(puts);
    return real(s);
}

int fputs(const char *s, FILE *f)
{
    lt_check_str(s, LT_PC());
    LT_REAL(fputs);
    return real(s, f);
}

char *fgets(char *buf, int n, FILE *f)
{
    LT_REAL(fgets);
    char *r = real(buf, n, f);
    if (r)
        lt_check(buf, gs_strlen(buf) + 1, true, LT_PC());
    return r;
}

/* The line and its terminator, and the pointer and size getdelim may
 * have replaced. */
static void lt_line(char **line, size_t *cap, ssize_t r, uintptr_t pc)
{
    lt_check(line, sizeof *line, true, pc);
    lt_check(cap, sizeof *cap, true, pc);
    if (r > 0)
        lt_check(*line, (size_t)r + 1, true, pc);
}

ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f)
{
    LT_REAL(getdelim);
    ssize_t r = real(line, cap, delim, f);
    lt_line(line, cap, r, LT_PC());
    return r;
}

ssize_t getline(char **line, size_t *cap, FILE *f)
{
    LT_REAL(getline);
    ssize_t r = real(line, cap, f);
    lt_line(line, cap, r, LT_PC());
    return r;
}

/* ---- formatting into a buffer: the format is read, the output written
 * (what fitted, with its terminator).  libc's vsnprintf and vsprintf are
 * resolved by a constructor: the library formats in its stack-overflow
 * handler, where dlsym must not run. */

static __typeof__(&vsnprintf) lt_vsnprintf;
static __typeof__(&vsprintf) lt_vsprintf;

__attribute__((constructor(101))) static void lt_resolve(void)
{
    if (!__atomic_load_n(&lt_vsnprintf, __ATOMIC_ACQUIRE))
        __atomic_store_n(&lt_vsnprintf, (__typeof__(&vsnprintf))dlsym(RTLD_NEXT, "vsnprintf"), __ATOMIC_RELEASE);
    if (!__atomic_load_n(&lt_vsprintf, __ATOMIC_ACQUIRE))
        __atomic_store_n(&lt_vsprintf, (__typeof__(&vsprintf))dlsym(RTLD_NEXT, "vsprintf"), __ATOMIC_RELEASE);
}

static int lt_real_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
    if (!__atomic_load_n(&lt_vsnprintf, __ATOMIC_ACQUIRE))
        lt_resolve();
    return lt_vsnprintf(buf, cap, fmt, ap);
}

static int lt_real_vsprintf(char *buf, const char *fmt, va_list ap)
{
    if (!__atomic_load_n(&lt_vsprintf, __ATOMIC_ACQUIRE))
        lt_resolve();
    return lt_vsprintf(buf, fmt, ap);
}

static void lt_formatted(char *buf, size_t cap, const char *fmt, int r, uintptr_t pc)
{
    lt_check_str(fmt, pc);
    if (r >= 0 && cap)
        lt_check(buf, ((size_t)r < cap ? (size_t)r : cap - 1) + 1, true, pc);
}

int vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
    int r = lt_real_vsnprintf(buf, cap, fmt, ap);
    lt_formatted(buf, cap, fmt, r, LT_PC());
    return r;
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
    int r = lt_real_vsprintf(buf, fmt, ap);
    lt_formatted(buf, SIZE_MAX, fmt, r, LT_PC());
    return r;
}

int snprintf(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = lt_real_vsnprintf(buf, cap, fmt, ap);
    va_end(ap);
    lt_formatted(buf, cap, fmt, r, LT_PC());
    return r;
}

int sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = lt_real_vsprintf(buf, fmt, ap);
    va_end(ap);
    lt_formatted(buf, SIZE_MAX, fmt, r, LT_PC());
    return r;
}

/* ---- strerror_r: the GNU one (what _GNU_SOURCE programs, C++ included,
 * call) writes buf only when it returns it; the POSIX one always. */

char *strerror_r(int err, char *buf, size_t cap)
{
    LT_REAL(strerror_r);
    char *r = real(err, buf, cap);
    if (r == buf && cap)
        lt_check(buf, gs_strlen(buf) + 1, true, LT_PC());
    return r;
}

int __xpg_strerror_r(int err, char *buf, size_t cap);
int __xpg_strerror_r(int err, char *buf, size_t cap)
{
    LT_REAL(__xpg_strerror_r);
    int r = real(err, buf, cap);
    if (cap)
        lt_check(buf, gs_strlen(buf) + 1, true, LT_PC());
    return r;
}

/* ---- copies: the source is read (the copy is a new heap block) */

char *strdup(const char *s)
{
    lt_check_str(s, LT_PC());
    LT_REAL(strdup);
    return real(s);
}

char *strndup(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    lt_check(s, n < max ? n + 1 : n, false, LT_PC());
    LT_REAL(strndup);
    return real(s, max);
}

/* ---- the stat family fills the program's struct; fstat uses an fd */

int stat(const char *path, struct stat *st)
{
    uintptr_t pc = LT_PC();
    lt_check_str(path, pc);
    LT_REAL(stat);
    int r = real(path, st);
    if (!r)
        lt_check(st, sizeof *st, true, pc);
    return r;
}

int lstat(const char *path, struct stat *st)
{
    uintptr_t pc = LT_PC();
    lt_check_str(path, pc);
    LT_REAL(lstat);
    int r = real(path, st);
    if (!r)
        lt_check(st, sizeof *st, true, pc);
    return r;
}

int fstat(int fd, struct stat *st)
{
    uintptr_t pc = LT_PC();
    bool prog = !gs_fd_caller_is_gosan(pc);
    if (prog)
        gs_fd_access(fd, pc);
    LT_REAL(fstat);
    int r = real(fd, st);
    if (prog) {
        int saved = errno;
        gs_fd_after(fd, r ? saved : 0, pc);
        errno = saved;
    }
    if (!r)
        lt_check(st, sizeof *st, true, pc);
    return r;
}
