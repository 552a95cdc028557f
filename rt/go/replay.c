/* replay.c - GOSAN_REPLAY=PATH: runs the program again against a log that
 * GOSAN_RECORD wrote (record.h), with its seed and strategy, feeding back
 * its inputs and checking every event.
 *
 * The first event the program makes differently from the log ends the run:
 *   gosan: replay diverged at event N: recorded <X>, program did <Y>
 * and exit status 3 (a different binary, different inputs outside gosan,
 * or a thread gosan does not schedule).  Events are numbered from 1 in the
 * order they were made.
 *
 * Invariant: the log is mapped read-only for the whole run; rep_pos only
 * moves forward, under rep_lock.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "detsched.h"
#include "g.h"
#include "record.h"

static golock rep_lock;
static const char *rep_log, *rep_end, *rep_pos;
static uint64_t rep_event;
static char *rep_input;  /* the current event's input, NUL-terminated */
static size_t rep_input_cap;

/* The next line, without its newline; false at the end of the log (its
 * size, or the first NUL of a log whose writer died). */
static bool next_line(const char **line, size_t *len)
{
    if (rep_pos >= rep_end || *rep_pos == 0)
        return false;
    const char *e = rep_pos;
    while (e < rep_end && *e != '\n' && *e)
        e++;
    *line = rep_pos;
    *len = (size_t)(e - rep_pos);
    rep_pos = e < rep_end && *e == '\n' ? e + 1 : e;
    return true;
}

static _Noreturn void diverged(const char *recorded, int nrec, const char *did)
{
    go_rec_flush();
    fprintf(stderr, "gosan: replay diverged at event %" PRIu64 ": recorded %.*s, program did %s\n", rep_event,
            nrec, recorded, did);
    _exit(3);
}

static void keep_input(const char *p, size_t n)
{
    if (n + 1 > rep_input_cap) {
        size_t cap = (n + 1) * 2;
        void *q = mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (q == MAP_FAILED)
            go_fatal("out of memory replaying a log");
        if (rep_input)
            munmap(rep_input, rep_input_cap);
        rep_input = q;
        rep_input_cap = cap;
    }
    memcpy(rep_input, p, n);
    rep_input[n] = 0;
}

const char *go_rec_replay_event(const char *check)
{
    golock_lock(&rep_lock);
    rep_event++;
    const char *line;
    size_t len;
    if (!next_line(&line, &len)) {
        static const char end[] = "the end of the recording";
        diverged(end, (int)sizeof end - 1, check);
    }
    const char *sep = memmem(line, len, " = ", 3);
    size_t clen = sep ? (size_t)(sep - line) : len;
    if (clen != strlen(check) || memcmp(line, check, clen) != 0)
        diverged(line, (int)clen, check);
    if (sep)
        keep_input(sep + 3, len - clen - 3);
    else
        keep_input("", 0);
    const char *in = rep_input;
    golock_unlock(&rep_lock);
    return in;
}

static bool bad_log(const char *path, const char *why)
{
    fprintf(stderr, "gosan: replay: %s: %s\n", path, why);
    return false;
}

/* Maps the log and reads its header into rs and *seed. */
bool go_replay_open(const char *path, struct go_rec_setup *rs, uint64_t *seed)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0)
        return bad_log(path, strerror(errno));
    void *p = st.st_size ? mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
    close(fd);
    if (p == MAP_FAILED)
        return bad_log(path, "empty or unreadable");
    rep_log = rep_pos = p;
    rep_end = rep_log + st.st_size;
    const char *l[3];
    size_t n[3];
    char buf[3][96];
    for (int i = 0; i < 3; i++) {
        if (!next_line(&l[i], &n[i]) || n[i] >= sizeof buf[i])
            return bad_log(path, "not a gosan recording (no header)");
        memcpy(buf[i], l[i], n[i]);
        buf[i][n[i]] = 0;
    }
    char strategy[16];
    unsigned long long s, steps;
    int depth;
    if (strcmp(buf[0], "gosan-record 1") != 0 || sscanf(buf[1], "seed %llu", &s) != 1 ||
        sscanf(buf[2], "sched %15s depth %d steps %llu", strategy, &depth, &steps) != 3)
        return bad_log(path, "not a gosan recording (bad header)");
    *seed = s;
    rs->mode = !strcmp(strategy, "pct") ? GO_DET_PCT : GO_DET_RANDOM;
    rs->depth = depth;
    rs->steps = steps;
    return true;
}
