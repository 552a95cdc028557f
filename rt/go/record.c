/* record.c - GOSAN_RECORD=PATH: writes a deterministic run's log (record.h
 * gives the format), and the events both a recording and a replay make.
 *
 * The log is written through a shared mapping of the file, a chunk at a
 * time, so an event costs a copy and no system call, and what was written
 * survives an _exit or a crash (the kernel has the pages).  The file is
 * cut to its length at exit; a log that was not (the process died) ends at
 * its first NUL byte, which replay.c takes as the end.
 *
 * Invariant: events are appended under rec_lock, in the order the single
 * deterministic worker makes them.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "detsched.h"
#include "g.h"
#include "record.h"

int go_rec_mode;

#define REC_CHUNK (4u << 20) /* a multiple of the page size */

static golock rec_lock;
static int rec_fd = -1;
static char *rec_map;
static uint64_t rec_base;  /* file offset of rec_map */
static uint64_t rec_total; /* bytes written */

static void rec_die(const char *what)
{
    fprintf(stderr, "gosan: record: %s: %s\n", what, strerror(errno));
    _exit(3);
}

static void rec_remap(uint64_t base)
{
    if (rec_map)
        munmap(rec_map, REC_CHUNK);
    if (ftruncate(rec_fd, (off_t)(base + REC_CHUNK)) != 0)
        rec_die("cannot grow the log");
    rec_map = mmap(NULL, REC_CHUNK, PROT_READ | PROT_WRITE, MAP_SHARED, rec_fd, (off_t)base);
    if (rec_map == MAP_FAILED)
        rec_die("cannot map the log");
    rec_base = base;
}

static void rec_put(const void *p, size_t n)
{
    const char *s = p;
    while (n) {
        if (rec_total == rec_base + REC_CHUNK)
            rec_remap(rec_total);
        size_t room = (size_t)(rec_base + REC_CHUNK - rec_total);
        size_t k = n < room ? n : room;
        memcpy(rec_map + (rec_total - rec_base), s, k);
        rec_total += k;
        s += k;
        n -= k;
    }
}

static void rec_puts(const char *s) { rec_put(s, strlen(s)); }

void go_rec_flush(void)
{
    if (go_rec_mode != GO_REC_RECORD || rec_fd < 0)
        return;
    golock_lock(&rec_lock);
    if (ftruncate(rec_fd, (off_t)rec_total) != 0) {
    } /* best effort: the NUL after the last event ends it too */
    golock_unlock(&rec_lock);
}

static void rec_at_exit(void) { go_rec_flush(); }

void go_rec_init(struct go_rec_setup *rs)
{
    const char *rec = getenv("GOSAN_RECORD"), *rep = getenv("GOSAN_REPLAY");
    if (rep && *rep) {
        uint64_t seed;
        if (rec && *rec)
            fprintf(stderr, "gosan: GOSAN_REPLAY is set: ignoring GOSAN_RECORD\n");
        if (!go_replay_open(rep, rs, &seed))
            _exit(3);
        go_rand_seed_set(seed);
        go_rec_mode = GO_REC_REPLAY;
        return;
    }
    if (!rec || !*rec)
        return;
    rec_fd = open(rec, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (rec_fd < 0)
        rec_die(rec);
    rec_remap(0);
    if (rs->mode == GO_DET_OFF)
        rs->mode = GO_DET_RANDOM; /* recording implies the deterministic mode */
    go_rec_mode = GO_REC_RECORD;
    atexit(rec_at_exit);
}

void go_rec_start(void)
{
    if (go_rec_mode != GO_REC_RECORD)
        return;
    char buf[160];
    snprintf(buf, sizeof buf, "gosan-record 1\nseed %" PRIu64 "\nsched %s depth %d steps %" PRIu64 "\n",
             go_rand_seed_get(), go_det_mode == GO_DET_PCT ? "pct" : "random", go_det_pct_depth(),
             go_det_pct_steps());
    rec_puts(buf);
}

void go_rec_write_event(const char *check, const char *input, size_t ninput)
{
    rec_puts(check);
    if (input) {
        rec_puts(" = ");
        rec_put(input, ninput);
    }
    rec_puts("\n");
}

const char *go_rec_event(const char *check, const char *input)
{
    if (go_rec_mode == GO_REC_REPLAY)
        return go_rec_replay_event(check);
    golock_lock(&rec_lock);
    go_rec_write_event(check, input, input ? strlen(input) : 0);
    golock_unlock(&rec_lock);
    return NULL;
}

/* ---- the events */

/* A checked event that is a prefix and a number ("run g7", "now 1000"). */
static void rec_numbered(const char *prefix, int64_t v)
{
    char b[48];
    snprintf(b, sizeof b, "%s%" PRId64, prefix, v);
    go_rec_event(b, NULL);
}

void go_rec_pick(uint64_t goid)
{
    rec_numbered("run g", (int64_t)goid);
}

void go_rec_now(int64_t t)
{
    rec_numbered("now ", t);
}

void go_rec_clock(int64_t t)
{
    rec_numbered("clock ", t);
}

void go_rec_rand(uint32_t v)
{
    rec_numbered("rand ", v);
}

bool go_rec_fd_ready(int mode, bool ready)
{
    const char *in = go_rec_event(mode == 0 ? "poll read" : "poll write", ready ? "1" : "0");
    return in ? in[0] == '1' : ready;
}

/* ---- system calls: "R ERRNO" inputs */

static const char *rec_result(const char *check, long r, int e)
{
    char in[48];
    snprintf(in, sizeof in, "%ld %d", r, r < 0 ? e : 0);
    return go_rec_event(check, in);
}

/* A replayed "R ERRNO": sets errno, returns R. */
static long rec_replayed(const char *in, const char **rest)
{
    char *end;
    long r = strtol(in, &end, 10);
    int e = (int)strtol(end, &end, 10);
    if (rest)
        *rest = *end == ' ' ? end + 1 : end;
    errno = e;
    return r;
}

static int hexval(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

ssize_t go_rec_read(int fd, void *buf, size_t n)
{
    char check[48];
    snprintf(check, sizeof check, "read n=%zu", n);
    if (go_rec_mode == GO_REC_REPLAY) {
        const char *rest;
        long r = rec_replayed(go_rec_replay_event(check), &rest);
        for (long i = 0; i < r && (size_t)i < n && rest[2 * i] && rest[2 * i + 1]; i++)
            ((unsigned char *)buf)[i] = (unsigned char)(hexval(rest[2 * i]) << 4 | hexval(rest[2 * i + 1]));
        return r;
    }
    long r = syscall(SYS_read, fd, buf, n);
    int e = errno;
    char head[48];
    snprintf(head, sizeof head, "%ld %d", r, r < 0 ? e : 0);
    static const char hex[] = "0123456789abcdef";
    golock_lock(&rec_lock);
    rec_puts(check);
    rec_puts(" = ");
    rec_puts(head);
    if (r > 0) {
        rec_puts(" ");
        char chunk[256];
        for (long i = 0; i < r;) {
            size_t k = 0;
            for (; k < sizeof chunk && i < r; i++, k += 2) {
                chunk[k] = hex[((unsigned char *)buf)[i] >> 4];
                chunk[k + 1] = hex[((unsigned char *)buf)[i] & 15];
            }
            rec_put(chunk, k);
        }
    }
    rec_puts("\n");
    golock_unlock(&rec_lock);
    errno = e;
    return r;
}

/* FNV-1a: a write's bytes are checked, not kept (the peer has them). */
static uint32_t rec_hash(const void *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ ((const unsigned char *)p)[i]) * 16777619u;
    return h;
}

ssize_t go_rec_write(int fd, const void *buf, size_t n)
{
    char check[64];
    snprintf(check, sizeof check, "write n=%zu hash=%08x", n, rec_hash(buf, n));
    if (go_rec_mode == GO_REC_REPLAY)
        return rec_replayed(go_rec_replay_event(check), NULL);
    long r = syscall(SYS_write, fd, buf, n);
    int e = errno;
    rec_result(check, r, e);
    errno = e;
    return r;
}

/* A replay has no peer: an accepted connection is a descriptor of
 * /dev/null, whose calls are all answered from the log. */
int go_rec_accept(int fd)
{
    if (go_rec_mode == GO_REC_REPLAY) {
        long r = rec_replayed(go_rec_replay_event("accept"), NULL);
        if (r < 0)
            return (int)r;
        int e = errno;
        int nfd = open("/dev/null", O_RDWR | O_CLOEXEC | O_NONBLOCK);
        errno = e;
        return nfd;
    }
    int r = (int)syscall(SYS_accept4, fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    int e = errno;
    rec_result("accept", r, e);
    errno = e;
    return r;
}

int go_rec_connect(int fd, const void *sa, unsigned len)
{
    if (go_rec_mode == GO_REC_REPLAY)
        return (int)rec_replayed(go_rec_replay_event("connect"), NULL);
    int r = (int)syscall(SYS_connect, fd, sa, len);
    int e = errno;
    rec_result("connect", r, e);
    errno = e;
    return r;
}
