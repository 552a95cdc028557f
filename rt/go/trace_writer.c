/* trace_writer.c - the trace's file: starting and stopping a trace
 * (gosan_trace_start/stop, GOSAN_TRACE=PATH for the whole run) and
 * writing whole batches to its fd.
 *
 * Invariants: start and stop are serialised by ctl_lock; the header and
 * EvFrequency are written before the enabled flag is set, so every batch
 * follows them; batches are written whole under write_lock, so two
 * workers' batches never interleave.  EvFrequency is written again at the
 * stop, measured over the whole trace (the parser keeps the last one).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gosan/trace.h>

#include "pprof.h"
#include "trace.h"

static golock ctl_lock, write_lock;
static int trace_fd = -1;
static uint32_t last_gen;

int go_trace_fd(void) { return trace_fd; }

void go_trace_write(const void *p, size_t n)
{
    golock_lock(&write_lock);
    const char *c = p;
    while (n > 0 && trace_fd >= 0) {
        ssize_t w = write(trace_fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break; /* a broken pipe or a full disk loses the rest, not the program */
        c += w;
        n -= (size_t)w;
    }
    golock_unlock(&write_lock);
}

static void write_frequency(int64_t min_ns)
{
    uint8_t freq[12] = {TEV_FREQUENCY};
    size_t n = 1;
    for (uint64_t v = go_trace_frequency(min_ns);; v >>= 7) {
        freq[n++] = (uint8_t)(v >= 0x80 ? (v | 0x80) : v);
        if (v < 0x80)
            break;
    }
    go_trace_write(freq, n);
}

static void write_header(void)
{
    static const char magic[16] = "go 1.19 trace\0\0";
    go_trace_write(magic, sizeof magic);
}

int gosan_trace_start(int fd)
{
    if (fd < 0)
        return GO_EINVAL;
    go_self(); /* the library is up, the caller is a goroutine */
    return go_trace_start_fd(fd);
}

/* The symbol and line tables name the trace's stack frames and are built
 * on first use (30-130 ms for a program with debug info).  Built here,
 * before the trace is on, so that cost is not charged to the first traced
 * event's goroutine: it would show as one long running slice at the start
 * of every trace, and delay whatever that goroutine was about to do. */
static void warm_symbol_tables(void)
{
    const char *file;
    int line;
    uintptr_t pc = (uintptr_t)&go_trace_start_fd;
    (void)go_symbol_name((void *)pc);
    (void)go_pprof_line(pc, &file, &line);
}

/* gosan_trace_start without adopting the caller: the debug endpoint's
 * threads (debug_pages.c) are no goroutines and must not become any. */
int go_trace_start_fd(int fd)
{
    warm_symbol_tables();
    golock_lock(&ctl_lock);
    if (atomic_load(&go_trace_enabled_flag)) {
        golock_unlock(&ctl_lock);
        return GO_EINVAL;
    }
    trace_fd = fd;
    write_header();
    go_trace_tables_reset();
    go_trace_bufs_begin(++last_gen);
    write_frequency(200000);
    atomic_store(&go_trace_enabled_flag, 1);
    golock_unlock(&ctl_lock);
    go_trace_started();
    return 0;
}

int gosan_trace_stop(void)
{
    golock_lock(&ctl_lock);
    if (!atomic_load(&go_trace_enabled_flag)) {
        golock_unlock(&ctl_lock);
        return GO_EINVAL;
    }
    atomic_store(&go_trace_enabled_flag, 0);
    go_trace_bufs_flush_all(false);
    write_frequency(2000000);
    trace_fd = -1;
    golock_unlock(&ctl_lock);
    return 0;
}

void go_trace_flush_at_death(void)
{
    if (!golock_trylock(&ctl_lock))
        return; /* a start or stop is under way: it owns the buffers */
    if (atomic_exchange(&go_trace_enabled_flag, 0)) {
        go_trace_bufs_flush_all(true);
        write_frequency(2000000);
    }
    golock_unlock(&ctl_lock);
}

bool gosan_trace_enabled(void) { return go_trace_on(); }

/* GOSAN_TRACE=PATH: the whole run, from start-up to exit. */
static int env_fd = -1;

static void env_trace_stop(void)
{
    if (env_fd >= 0 && gosan_trace_stop() == 0)
        close(env_fd);
    env_fd = -1;
}

/* After the scheduler's constructor (200): goroutine 1 exists. */
__attribute__((constructor(201))) static void env_trace_start(void)
{
    const char *path = getenv("GOSAN_TRACE");
    if (!path || !*path)
        return;
    env_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (env_fd < 0) {
        fprintf(stderr, "gosan: GOSAN_TRACE=%s: cannot open: %s\n", path, strerror(errno));
        return;
    }
    if (gosan_trace_start(env_fd) != 0) {
        close(env_fd);
        env_fd = -1;
        return;
    }
    atexit(env_trace_stop);
}

/* fork.c: a child must not write into its parent's trace. */
void go_trace_fork_child(void)
{
    atomic_store(&go_trace_enabled_flag, 0);
    trace_fd = -1;
    env_fd = -1;
}
