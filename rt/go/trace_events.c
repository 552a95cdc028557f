/* trace_events.c - the scheduler's events in the trace: goroutines created,
 * started, blocked (with Go's reasons), unblocked, yielding and ending;
 * workers (trace Ps) starting and stopping.
 *
 * Go's parser replays a state machine per goroutine (runnable, running,
 * waiting) and per P (the goroutine it runs), and merges the Ps' batches
 * by per-goroutine sequence numbers: g->trace_seq counts the goroutine's
 * starts and unblocks in this trace, and each buffer's cur_g is the
 * goroutine the trace has running on its P.  A goroutine the trace has not
 * seen (trace_gen is not this trace's) is described on first sight, in the
 * state it is known to be in there: running (its own event), runnable (a
 * worker starts it) or waiting (a waker unblocks it).
 *
 * A start or unblock on the P of the goroutine's previous start, unblock
 * or creation (g->trace_lastp) is written as Go's GoStartLocal /
 * GoUnblockLocal, without the sequence number: the parser orders it by its
 * P's batch, which already holds that previous event.  Every event that
 * carries a sequence number moves g->trace_lastp to its P.
 *
 * The switch events (start, block, unblock, end, create) take the inline
 * fast path of trace_emit.h when the trace already has the worker's
 * processor and the goroutines described; the general one otherwise.
 */
#include <sys/types.h>

#include "trace_emit.h"

void go_trace_ensure_proc(go_trace_buf *b)
{
    if (b->proc_running || b->pid == TRACE_GLOBAL_P)
        return;
    go_m *m = go_cur_m();
    uint64_t tid = m ? (uint64_t)atomic_load(&m->tid) : 0;
    go_trace_event(b, TEV_PROC_START, &tid, 1);
    b->proc_running = true;
}

/* The stack a creation shows for g's body: its function. */
static uint64_t entry_stack(go_trace_buf *b, go_g *g)
{
    void *entry = (void *)g->fn;
    if (entry) {
        if (entry == b->entry_fn)
            return b->entry_id;
        uint32_t id = go_trace_stack_pcs(b, &entry, 1);
        if (id) { /* 0: the table is full, not a stack */
            b->entry_fn = entry;
            b->entry_id = id;
        }
        return id;
    }
    return go_trace_stack_named(b, g->is_main ? "main" : "(a thread adopted as a goroutine)");
}

/* g enters the trace as a runnable goroutine created at its function. */
static void introduce(go_trace_buf *b, go_g *g)
{
    uint64_t stk = entry_stack(b, g);
    g->trace_gen = b->gen;
    g->trace_seq = 0;
    g->trace_lastp = b->pid;
    g->trace_ts = 0; /* a previous trace's time means nothing here */
    go_trace_emit_g(b, g, TEV_GO_CREATE, 3, g->id, stk, 0);
}

static void start(go_trace_buf *b, go_g *g)
{
    uint64_t seq = ++g->trace_seq;
    if (g->trace_lastp == b->pid) {
        go_trace_emit_g(b, g, TEV_GO_START_LOCAL, 1, g->id, 0, 0);
    } else {
        go_trace_emit_g(b, g, TEV_GO_START, 2, g->id, seq, 0);
        g->trace_lastp = b->pid;
    }
    b->cur_g = g->id;
}

/* b's processor runs self (the calling goroutine, or NULL) in the trace. */
static inline void ensure_running(go_trace_buf *b, go_g *self)
{
    if (__builtin_expect(!b->proc_running || !self || self->trace_gen != b->gen || b->cur_g != self->id, 0))
        go_trace_ensure_self(b);
}

void go_trace_ensure_self(go_trace_buf *b)
{
    go_trace_ensure_proc(b);
    go_g *g = go_cur_g();
    if (!g || (g->trace_gen == b->gen && b->cur_g == g->id))
        return;
    if (g->trace_gen != b->gen)
        introduce(b, g);
    if (b->cur_g == 0)
        start(b, g);
}

void go_trace_started(void)
{
    go_trace_buf *b = go_trace_buf_acquire();
    if (!b)
        return;
    go_trace_ensure_self(b);
    uint64_t args[2] = {(uint64_t)atomic_load(&go_sched.maxprocs), 0};
    go_trace_event(b, TEV_GOMAXPROCS, args, 2);
    go_trace_buf_release(b);
}

void go_trace_go_create(go_g *g, const void *fp)
{
    go_trace_buf *b = go_trace_acquire_m(go_here_m());
    if (!b)
        return;
    go_g *self = go_here_g();
    ensure_running(b, self);
    uint64_t entry = entry_stack(b, g);
    uint64_t here = go_trace_stack_from(b, self, fp);
    g->trace_gen = b->gen;
    g->trace_seq = 0;
    g->trace_lastp = b->pid;
    g->trace_ts = 0;
    go_trace_emit_g(b, g, TEV_GO_CREATE, 3, g->id, entry, here);
    go_trace_release(b);
}

void go_trace_go_start(go_m *m, go_g *g)
{
    (void)m; /* the calling thread's: a bound g's is not its worker's */
    go_trace_buf *b = go_trace_acquire_m(go_here_m());
    if (!b)
        return;
    if (b->after_stop && !g->bound_m) /* a bound g's thread slept in between */
        go_trace_reuse_last(b);
    go_trace_ensure_proc(b);
    if (g->trace_gen != b->gen)
        introduce(b, g);
    if (b->cur_g == 0)
        start(b, g);
    go_trace_release(b);
}

static int block_event(go_wait_reason reason)
{
    switch (reason) {
    case GO_WAIT_CHAN_SEND: return TEV_GO_BLOCK_SEND;
    case GO_WAIT_CHAN_RECV: return TEV_GO_BLOCK_RECV;
    case GO_WAIT_SELECT: return TEV_GO_BLOCK_SELECT;
    case GO_WAIT_MUTEX:
    case GO_WAIT_RWMUTEX_RLOCK:
    case GO_WAIT_RWMUTEX_LOCK:
    case GO_WAIT_WAITGROUP: return TEV_GO_BLOCK_SYNC;
    case GO_WAIT_COND: return TEV_GO_BLOCK_COND;
    case GO_WAIT_SLEEP: return TEV_GO_SLEEP;
    case GO_WAIT_IO: return TEV_GO_BLOCK_NET;
    /* Go's block(): a wait nothing ends is a stop */
    case GO_WAIT_CHAN_SEND_NIL:
    case GO_WAIT_CHAN_RECV_NIL:
    case GO_WAIT_SELECT_NO_CASES: return TEV_GO_STOP;
    default: return TEV_GO_BLOCK;
    }
}

/* g (running here) stops running: type is a stop event with a stack. */
static inline void stop_self(go_g *g, int type, const void *fp)
{
    go_trace_buf *b = go_trace_acquire_m(go_here_m());
    if (!b)
        return;
    ensure_running(b, g);
    if (b->cur_g == g->id) {
        if (fp)
            go_trace_emit_g(b, g, type, 1, go_trace_stack_from(b, g, fp), 0, 0);
        else
            go_trace_emit_g(b, g, type, 0, 0, 0, 0);
        b->cur_g = 0;
        b->stop_pending = true;
    }
    go_trace_release(b);
}

void go_trace_go_block(go_g *g, go_wait_reason reason, const void *fp) { stop_self(g, block_event(reason), fp); }
void go_trace_go_sched(go_g *g, const void *fp) { stop_self(g, TEV_GO_SCHED, fp); }
void go_trace_go_end(go_g *g) { stop_self(g, TEV_GO_END, NULL); }

void go_trace_go_unblock(go_g *g, bool on_g0, const void *fp)
{
    go_trace_buf *b = go_trace_acquire_m(go_here_m());
    if (!b)
        return;
    go_g *self = NULL;
    if (!on_g0)
        ensure_running(b, self = go_here_g());
    else
        go_trace_ensure_proc(b);
    if (g->trace_gen != b->gen) {
        introduce(b, g);
        g->trace_seq++;
        go_trace_emit_g(b, g, TEV_GO_WAITING, 1, g->id, 0, 0);
    }
    uint64_t stk = self ? go_trace_stack_from(b, self, fp) : 0;
    uint64_t seq = ++g->trace_seq;
    if (g->trace_lastp == b->pid) {
        go_trace_emit_g(b, g, TEV_GO_UNBLOCK_LOCAL, 2, g->id, stk, 0);
    } else {
        go_trace_emit_g(b, g, TEV_GO_UNBLOCK, 3, g->id, seq, stk);
        g->trace_lastp = b->pid;
    }
    go_trace_release(b);
}

void go_trace_proc_stop(go_m *m)
{
    (void)m;
    go_trace_buf *b = go_trace_acquire_m(go_here_m());
    if (!b)
        return;
    if (b->proc_running && b->cur_g == 0) {
        go_trace_emit(b, go_trace_stamp(b), TEV_PROC_STOP, 0, 0, 0, 0);
        b->proc_running = false;
    }
    go_trace_release(b);
}
