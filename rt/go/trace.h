/* trace.h - the execution tracer's internal interface (Go 1.19 trace
 * format, docs/observability.md): the scheduler's event sites and what the
 * tracer's files share.
 *
 * Every site is `if (go_trace_on()) go_trace_xxx(...)`: one load of a global
 * and a predictable branch when no trace runs.
 *
 * Invariants:
 *  - Events go to the buffer of the worker (go_m) the calling thread runs
 *    as, written only by that thread; threads without a worker (the
 *    monitor's timers) share one buffer under a lock.  A buffer's events are
 *    in timestamp order and form batches of one trace P (the worker's id).
 *  - A writer marks its buffer busy before it re-checks that the trace
 *    runs; the stopper clears the flag and waits for busy buffers, so no
 *    event is half written when the buffers are flushed for the last time.
 *  - An event about a goroutine is stamped no earlier than that
 *    goroutine's previous event (g->trace_ts, handed from thread to thread
 *    by the scheduler's own synchronization), and a buffer's stamps never
 *    go back, so the merged trace is in timestamp order, as Go's parser
 *    requires, whatever order the threads' clock reads executed in.
 *  - One clock read serves every event of one acquire/release of a
 *    buffer, and a goroutine started right after the worker's previous
 *    goroutine stopped (no idle, no other event between) takes the stop's
 *    time: on a VM the counter read is the tracer's largest cost.
 *  - Goroutines and workers are described to a trace lazily, the first
 *    time an event concerns them in that trace (generation numbers), so a
 *    trace can start while goroutines run, without stopping the world.
 */
#ifndef GOSAN_GO_TRACE_H
#define GOSAN_GO_TRACE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "g.h"

/* Go 1.19's event types (runtime/trace.go), the ones gosan writes. */
enum {
    TEV_BATCH = 1,
    TEV_FREQUENCY = 2,
    TEV_STACK = 3,
    TEV_GOMAXPROCS = 4,
    TEV_PROC_START = 5,
    TEV_PROC_STOP = 6,
    TEV_GO_CREATE = 13,
    TEV_GO_START = 14,
    TEV_GO_END = 15,
    TEV_GO_STOP = 16,
    TEV_GO_SCHED = 17,
    TEV_GO_SLEEP = 19,
    TEV_GO_BLOCK = 20,
    TEV_GO_UNBLOCK = 21,
    TEV_GO_BLOCK_SEND = 22,
    TEV_GO_BLOCK_RECV = 23,
    TEV_GO_BLOCK_SELECT = 24,
    TEV_GO_BLOCK_SYNC = 25,
    TEV_GO_BLOCK_COND = 26,
    TEV_GO_BLOCK_NET = 27,
    TEV_GO_SYSCALL = 28,
    TEV_GO_SYSEXIT = 29,
    TEV_GO_SYSBLOCK = 30,
    TEV_GO_WAITING = 31,
    TEV_STRING = 37,
    TEV_GO_START_LOCAL = 38,   /* on the P of the goroutine's previous start/unblock/creation: no seq */
    TEV_GO_UNBLOCK_LOCAL = 39,
    TEV_USER_TASK_CREATE = 45,
    TEV_USER_TASK_END = 46,
    TEV_USER_REGION = 47,
    TEV_USER_LOG = 48,
};

/* The trace P id of events from threads without a worker: Go's TimerP, so
 * the viewer shows them on its "Timers" row. */
#define TRACE_GLOBAL_P 1000001u
#define TRACE_MAX_FRAMES 32
#define TRACE_BUF_SIZE (64 * 1024)
#define TRACE_STACK_CACHE 256

typedef struct go_trace_buf {
    _Atomic int busy;
    uint32_t gen;              /* the trace this buffer's contents belong to */
    uint32_t pid;              /* trace P id */
    bool proc_running;         /* a ProcStart was written in this trace */
    uint64_t cur_g;            /* goroutine the trace has running on this P, 0 none */
    int64_t last_ts;
    int64_t now;               /* this acquire's clock read, when now_set */
    bool now_set;
    bool stop_pending;         /* the last event written was a goroutine stopping */
    bool after_stop;           /* ... as of this acquire (the next start may take its time) */
    uint64_t sys_g;            /* trace_syscall.c: the goroutine in a system call here, 0 none */
    uint32_t sys_retakes;      /* its worker's retakes when the call began */
    size_t len;
    /* As of the last release, restored when a signal cuts the event under
     * way (trace_buf.c, cut_own_event). */
    size_t event_start;
    uint64_t event_cur_g;
    bool event_proc_running;
    struct { uint64_t hash; uint32_t id; } stack_cache[TRACE_STACK_CACHE];
    /* trace_events.c: the stack id of the last goroutine function a
     * creation here named (a spawning loop names one function over and
     * over); cleared with the cache, when the trace changes. */
    const void *entry_fn;
    uint32_t entry_id;
    uint8_t data[TRACE_BUF_SIZE];
} go_trace_buf;

extern _Atomic int go_trace_enabled_flag;
static inline bool go_trace_on(void)
{
    return __builtin_expect(atomic_load_explicit(&go_trace_enabled_flag, memory_order_relaxed), 0);
}

/* trace_buf.c: buffers and event encoding. */
int64_t go_trace_now(void);
uint64_t go_trace_frequency(int64_t min_ns); /* ticks of go_trace_now per second, over >= min_ns */
uint32_t go_trace_gen(void);
/* The calling thread's buffer, busy and ready for this trace's events, or
 * NULL if no trace runs.  Pair with go_trace_buf_release. */
go_trace_buf *go_trace_buf_acquire(void);
void go_trace_buf_release(go_trace_buf *b);
/* Makes room for n bytes, flushing the buffer as a batch if needed. */
void go_trace_reserve(go_trace_buf *b, size_t n);
void go_trace_put_byte(go_trace_buf *b, uint8_t v);
void go_trace_put_varint(go_trace_buf *b, uint64_t v);
void go_trace_put_bytes(go_trace_buf *b, const void *p, size_t n);
/* One event: type, timestamp (this acquire's), then args. */
void go_trace_event(go_trace_buf *b, int type, const uint64_t *args, int nargs);
/* The same for an event about g: stamped no earlier than g's previous one. */
void go_trace_event_g(go_trace_buf *b, go_g *g, int type, const uint64_t *args, int nargs);
/* This acquire's events take the time of the buffer's last event. */
void go_trace_reuse_last(go_trace_buf *b);
/* stop: waits for busy buffers, flushes them all. */
void go_trace_bufs_flush_all(bool dying);
void go_trace_bufs_begin(uint32_t gen);

/* trace_writer.c: the file. */
int go_trace_fd(void);
void go_trace_write(const void *p, size_t n);

/* trace_stack.c: stacks and strings, written as EvStack/EvString into b
 * the first time the trace sees them. */
uint32_t go_trace_stack_here(go_trace_buf *b);     /* the calling goroutine's user frames */
uint32_t go_trace_stack_of(go_trace_buf *b, go_g *g); /* the same, g being the calling goroutine (or NULL) */
/* The same, walked from fp: a library frame on the calling thread's chain
 * (its caller's __builtin_frame_address(0)); the frames below it are not crossed. */
uint32_t go_trace_stack_from(go_trace_buf *b, go_g *g, const void *fp);
uint32_t go_trace_stack_pcs(go_trace_buf *b, void *const *pcs, size_t n);
uint32_t go_trace_stack_named(go_trace_buf *b, const char *name); /* one frame called name */
uint32_t go_trace_string(go_trace_buf *b, const char *s);
void go_trace_tables_reset(void);

/* trace_syscall.c: the running goroutine enters / returns from a system
 * call that may block its thread (Go's entersyscall/exitsyscall). */
void go_trace_syscall_enter(void);
void go_trace_syscall_exit(void);

/* trace_events.c: the scheduler's event sites. */
/* fp, where an event carries the caller's stack: the frame address of the
 * library function that calls the event (go_trace_stack_from). */
void go_trace_go_create(go_g *g, const void *fp); /* before g is queued */
void go_trace_go_start(go_m *m, go_g *g);  /* on the worker, before switching to g */
void go_trace_go_block(go_g *g, go_wait_reason reason, const void *fp);
void go_trace_go_unblock(go_g *g, bool on_g0, const void *fp); /* before g is queued; on_g0: by its own worker, no waker */
void go_trace_go_sched(go_g *g, const void *fp);
void go_trace_go_end(go_g *g);
void go_trace_proc_stop(go_m *m);          /* the worker gives its processor back */
/* The running goroutine, described to this trace as running on b's P. */
void go_trace_ensure_self(go_trace_buf *b);
void go_trace_ensure_proc(go_trace_buf *b);
void go_trace_started(void);               /* trace_events.c: once a trace runs, the caller described */
void go_trace_fork_child(void);            /* trace_writer.c: a forked child stops tracing */
/* trace_writer.c: before a fatal error or the all-asleep exit ends the
 * process, every buffer it can get is written out. */
void go_trace_flush_at_death(void);
/* trace_signals.c: from the first trace start on, the signals that end a
 * process by default write the trace's buffers out first. */
void go_trace_signals_install(void);
/* trace_writer.c: gosan_trace_start from a thread that must not become a
 * goroutine (the debug endpoint's); same results. */
int go_trace_start_fd(int fd);

#endif /* GOSAN_GO_TRACE_H */
