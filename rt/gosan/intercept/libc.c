/* libc.c - libc calls that read or write the program's memory on
 * its behalf, checked as the program's own accesses.
 *
 * The runtime is linked whole into the executable, so defining read,
 * strlen, ... here overrides libc's for the program (libc's internal calls
 * use private aliases and are not affected).  I/O calls forward to libc's
 * definitions found with dlsym(RTLD_NEXT); string functions are simple
 * loops of our own, which is what makes them safe to call at any time
 * (before init, inside dlsym).  The check is gs_access_range, the engine's:
 * it ignores calls before initialisation and inside ignore regions.  The pc
 * reported is the call site in the program (return address - 1).
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#include "engine.h"
#include "fd_sync.h"

#define LI_PC() ((uintptr_t)__builtin_return_address(0) - 1)

static inline void li_check(const void *p, size_t n, bool is_write, uintptr_t pc)
{
    if (n)
        gs_access_range(p, n, is_write, pc);
}

/* Resolves libc's definition of NAME once; NULL if there is none. */
#define LI_REAL(name)                                                                              \
    static __typeof__(&name) li_real_##name;                                                       \
    if (!__atomic_load_n(&li_real_##name, __ATOMIC_ACQUIRE))                                       \
        __atomic_store_n(&li_real_##name, (__typeof__(&name))dlsym(RTLD_NEXT, #name), __ATOMIC_RELEASE); \
    __typeof__(&name) real = li_real_##name

/* ---- I/O: the kernel or stdio fills or drains the program's buffer.
 * Calls on an fd also feed the fd model (fd_sync.h): a receive acquires
 * what the sends on the fd's object released, a use of the fd is checked
 * against its close.  gosan's own calls are not the program's. */

/* Before a call on fd; false if gosan itself makes it. */
static inline bool li_fd_before(int fd, bool sends, uintptr_t pc)
{
    if (gs_fd_caller_is_gosan(pc))
        return false;
    if (sends)
        gs_fd_release(fd, pc);
    else
        gs_fd_access(fd, pc);
    return true;
}

/* After it, r its result; errno is kept. */
static inline void li_fd_after(int fd, bool prog, bool receives, ssize_t r, uintptr_t pc)
{
    if (!prog)
        return;
    int saved = errno;
    if (receives && r >= 0)
        gs_fd_acquire(fd, pc);
    gs_fd_after(fd, r < 0 ? saved : 0, pc);
    errno = saved;
}

ssize_t read(int fd, void *buf, size_t n)
{
    uintptr_t pc = LI_PC();
    bool prog = li_fd_before(fd, false, pc);
    LI_REAL(read);
    ssize_t r = real ? real(fd, buf, n) : syscall(SYS_read, fd, buf, n);
    li_fd_after(fd, prog, true, r, pc);
    if (r > 0)
        li_check(buf, (size_t)r, true, pc);
    return r;
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
    uintptr_t pc = LI_PC();
    bool prog = li_fd_before(fd, false, pc);
    LI_REAL(pread);
    ssize_t r = real ? real(fd, buf, n, off) : syscall(SYS_pread64, fd, buf, n, off);
    li_fd_after(fd, prog, true, r, pc);
    if (r > 0)
        li_check(buf, (size_t)r, true, pc);
    return r;
}

ssize_t recv(int fd, void *buf, size_t n, int flags)
{
    uintptr_t pc = LI_PC();
    bool prog = li_fd_before(fd, false, pc);
    LI_REAL(recv);
    ssize_t r = real ? real(fd, buf, n, flags) : syscall(SYS_recvfrom, fd, buf, n, flags, NULL, NULL);
    li_fd_after(fd, prog, true, r, pc);
    if (r > 0)
        li_check(buf, (size_t)r, true, pc);
    return r;
}

ssize_t recvfrom(int fd, void *buf, size_t n, int flags, struct sockaddr *from, socklen_t *fromlen)
{
    uintptr_t pc = LI_PC();
    bool prog = li_fd_before(fd, false, pc);
    LI_REAL(recvfrom);
    ssize_t r = real ? real(fd, buf, n, flags, from, fromlen) : syscall(SYS_recvfrom, fd, buf, n, flags, from, fromlen);
    li_fd_after(fd, prog, true, r, pc);
    if (r > 0)
        li_check(buf, (size_t)r, true, pc);
    return r;
}

/* The bytes [0, n) of an iovec array, as the kernel read or filled them. */
static void li_check_iov(const struct iovec *iov, int cnt, size_t n, bool is_write, uintptr_t pc)
{
    for (int i = 0; i < cnt && n; i++) {
        size_t len = iov[i].iov_len < n ? iov[i].iov_len : n;
        li_check(iov[i].iov_base, len, is_write, pc);
        n -= len;
    }
}

ssize_t readv(int fd, const struct iovec *iov, int cnt)
{
    uintptr_t pc = LI_PC();
    bool prog = li_fd_before(fd, false, pc);
    if (cnt > 0)
        li_check(iov, (size_t)cnt * sizeof *iov, false, pc);
    LI_REAL(readv);
    ssize_t r = real ? real(fd, iov, cnt) : syscall(SYS_readv, fd, iov, cnt);
    li_fd_after(fd, prog, true, r, pc);
    if (r > 0)
        li_check_iov(iov, cnt, (size_t)r, true, pc);
    return r;
}

/* A received message: the header's fields, the data and the ancillary
 * data and address the kernel filled. */
ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
    uintptr_t pc = LI_PC();
    bool prog = li_fd_before(fd, false, pc);
    li_check(msg, sizeof *msg, false, pc);
    LI_REAL(recvmsg);
    ssize_t r = real ? real(fd, msg, flags) : syscall(SYS_recvmsg, fd, msg, flags);
    li_fd_after(fd, prog, true, r, pc);
    if (r >= 0) {
        li_check(&msg->msg_namelen, sizeof msg->msg_namelen, true, pc);
        li_check(&msg->msg_controllen, sizeof msg->msg_controllen, true, pc);
        li_check(&msg->msg_flags, sizeof msg->msg_flags, true, pc);
        if (msg->msg_name)
            li_check(msg->msg_name, msg->msg_namelen, true, pc);
        if (msg->msg_control)
            li_check(msg->msg_control, msg->msg_controllen, true, pc);
        if (msg->msg_iovlen)
            li_check(msg->msg_iov, msg->msg_iovlen * sizeof *msg->msg_iov, false, pc);
        li_check_iov(msg->msg_iov, (int)msg->msg_iovlen, (size_t)r, true, pc);
    }
    return r;
}

size_t fread(void *buf, size_t size, size_t n, FILE *f)
{
    uintptr_t pc = LI_PC();
    LI_REAL(fread);
    size_t r = real(buf, size, n, f);
    li_check(buf, r * size, true, pc);
    return r;
}

ssize_t write(int fd, const void *buf, size_t n)
{
    uintptr_t pc = LI_PC();
    li_check(buf, n, false, pc);
    bool prog = li_fd_before(fd, true, pc);
    LI_REAL(write);
    ssize_t r = real ? real(fd, buf, n) : syscall(SYS_write, fd, buf, n);
    li_fd_after(fd, prog, false, r, pc);
    return r;
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
    uintptr_t pc = LI_PC();
    li_check(buf, n, false, pc);
    bool prog = li_fd_before(fd, true, pc);
    LI_REAL(pwrite);
    ssize_t r = real ? real(fd, buf, n, off) : syscall(SYS_pwrite64, fd, buf, n, off);
    li_fd_after(fd, prog, false, r, pc);
    return r;
}

ssize_t send(int fd, const void *buf, size_t n, int flags)
{
    uintptr_t pc = LI_PC();
    li_check(buf, n, false, pc);
    bool prog = li_fd_before(fd, true, pc);
    LI_REAL(send);
    ssize_t r = real ? real(fd, buf, n, flags) : syscall(SYS_sendto, fd, buf, n, flags, NULL, 0);
    li_fd_after(fd, prog, false, r, pc);
    return r;
}

ssize_t sendto(int fd, const void *buf, size_t n, int flags, const struct sockaddr *to, socklen_t tolen)
{
    uintptr_t pc = LI_PC();
    li_check(buf, n, false, pc);
    bool prog = li_fd_before(fd, true, pc);
    LI_REAL(sendto);
    ssize_t r = real ? real(fd, buf, n, flags, to, tolen) : syscall(SYS_sendto, fd, buf, n, flags, to, tolen);
    li_fd_after(fd, prog, false, r, pc);
    return r;
}

/* The kernel reads all of the vectors' bytes, whatever it sends. */
static void li_check_iov_all(const struct iovec *iov, int cnt, uintptr_t pc)
{
    if (cnt <= 0)
        return;
    li_check(iov, (size_t)cnt * sizeof *iov, false, pc);
    for (int i = 0; i < cnt; i++)
        li_check(iov[i].iov_base, iov[i].iov_len, false, pc);
}

ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
    uintptr_t pc = LI_PC();
    li_check_iov_all(iov, cnt, pc);
    bool prog = li_fd_before(fd, true, pc);
    LI_REAL(writev);
    ssize_t r = real ? real(fd, iov, cnt) : syscall(SYS_writev, fd, iov, cnt);
    li_fd_after(fd, prog, false, r, pc);
    return r;
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
    uintptr_t pc = LI_PC();
    li_check(msg, sizeof *msg, false, pc);
    if (msg->msg_name)
        li_check(msg->msg_name, msg->msg_namelen, false, pc);
    if (msg->msg_control)
        li_check(msg->msg_control, msg->msg_controllen, false, pc);
    li_check_iov_all(msg->msg_iov, (int)msg->msg_iovlen, pc);
    bool prog = li_fd_before(fd, true, pc);
    LI_REAL(sendmsg);
    ssize_t r = real ? real(fd, msg, flags) : syscall(SYS_sendmsg, fd, msg, flags);
    li_fd_after(fd, prog, false, r, pc);
    return r;
}

size_t fwrite(const void *buf, size_t size, size_t n, FILE *f)
{
    if (size && n)
        li_check(buf, size * n, false, LI_PC());
    LI_REAL(fwrite);
    return real(buf, size, n, f);
}

/* ---- strings: our own loops, checked by the bytes they touch */

static size_t li_strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

size_t strlen(const char *s)
{
    size_t n = li_strlen(s);
    li_check(s, n + 1, false, LI_PC());
    return n;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    li_check(s, n < max ? n + 1 : n, false, LI_PC());
    return n;
}

char *strcpy(char *dst, const char *src)
{
    uintptr_t pc = LI_PC();
    size_t n = li_strlen(src) + 1;
    li_check(src, n, false, pc);
    li_check(dst, n, true, pc);
    for (size_t i = 0; i < n; i++)
        dst[i] = src[i];
    return dst;
}

char *strncpy(char *dst, const char *src, size_t max)
{
    uintptr_t pc = LI_PC();
    size_t n = 0;
    while (n < max && src[n])
        n++;
    li_check(src, n < max ? n + 1 : n, false, pc);
    li_check(dst, max, true, pc);
    for (size_t i = 0; i < max; i++)
        dst[i] = i < n ? src[i] : 0;
    return dst;
}

char *strcat(char *dst, const char *src)
{
    uintptr_t pc = LI_PC();
    size_t d = li_strlen(dst), n = li_strlen(src) + 1;
    li_check(dst, d, false, pc);
    li_check(src, n, false, pc);
    li_check(dst + d, n, true, pc);
    for (size_t i = 0; i < n; i++)
        dst[d + i] = src[i];
    return dst;
}

char *strncat(char *dst, const char *src, size_t max)
{
    uintptr_t pc = LI_PC();
    size_t d = li_strlen(dst), n = 0;
    while (n < max && src[n])
        n++;
    li_check(dst, d, false, pc);
    li_check(src, n < max ? n + 1 : n, false, pc);
    li_check(dst + d, n + 1, true, pc);
    for (size_t i = 0; i < n; i++)
        dst[d + i] = src[i];
    dst[d + n] = 0;
    return dst;
}

int strcmp(const char *a, const char *b)
{
    size_t i = 0;
    while (a[i] && a[i] == b[i])
        i++;
    uintptr_t pc = LI_PC();
    li_check(a, i + 1, false, pc);
    li_check(b, i + 1, false, pc);
    return (unsigned char)a[i] - (unsigned char)b[i];
}

int strncmp(const char *a, const char *b, size_t max)
{
    size_t i = 0;
    while (i < max && a[i] && a[i] == b[i])
        i++;
    uintptr_t pc = LI_PC();
    size_t seen = i < max ? i + 1 : i;
    li_check(a, seen, false, pc);
    li_check(b, seen, false, pc);
    return i < max ? (unsigned char)a[i] - (unsigned char)b[i] : 0;
}

char *strchr(const char *s, int c)
{
    size_t i = 0;
    while (s[i] && s[i] != (char)c)
        i++;
    li_check(s, i + 1, false, LI_PC());
    return s[i] == (char)c ? (char *)s + i : NULL;
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;
    size_t i = 0;
    for (;; i++) {
        if (s[i] == (char)c)
            last = s + i;
        if (!s[i])
            break;
    }
    li_check(s, i + 1, false, LI_PC());
    return (char *)last;
}

char *strstr(const char *hay, const char *needle)
{
    size_t hn = li_strlen(hay), nn = li_strlen(needle);
    uintptr_t pc = LI_PC();
    li_check(hay, hn + 1, false, pc);
    li_check(needle, nn + 1, false, pc);
    for (size_t i = 0; i + nn <= hn; i++) {
        size_t j = 0;
        while (j < nn && hay[i + j] == needle[j])
            j++;
        if (j == nn)
            return (char *)hay + i;
    }
    return NULL;
}

int memcmp(const void *pa, const void *pb, size_t n)
{
    const unsigned char *a = pa, *b = pb;
    size_t i = 0;
    while (i < n && a[i] == b[i])
        i++;
    uintptr_t pc = LI_PC();
    size_t seen = i < n ? i + 1 : n;
    li_check(a, seen, false, pc);
    li_check(b, seen, false, pc);
    return i < n ? a[i] - b[i] : 0;
}

int bcmp(const void *a, const void *b, size_t n)
{
    return memcmp(a, b, n);
}

void *memchr(const void *p, int c, size_t n)
{
    const unsigned char *s = p;
    size_t i = 0;
    while (i < n && s[i] != (unsigned char)c)
        i++;
    li_check(s, i < n ? i + 1 : n, false, LI_PC());
    return i < n ? (void *)(s + i) : NULL;
}
