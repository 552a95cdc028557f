/* trace_syscall.c - system calls in the trace, as Go's tracer writes them:
 * GoSysCall (with the caller's stack) when a goroutine enters a call that
 * may block its thread, and, if the monitor took the worker's processor
 * token while the call blocked (Go's retake of a P in a system call), at
 * the return: GoSysBlock and ProcStop at the moment of the retake,
 * ProcStart, GoSysExit (with the return's time, the "real timestamp" Go's
 * parser moves the event to) and GoStart.  A call that returns with the
 * token still held writes nothing more, as Go's fast exitsyscall.  The
 * pairs give `go tool trace` its syscall blocking profile.
 *
 * Invariants: everything is written by the calling worker into its own
 * buffer (the monitor only counts retakes and stamps the last one in
 * go_m), so the buffer's single-writer rule holds; the exit's events are
 * written only when the enter's GoSysCall was, in this trace, for the
 * goroutine the buffer has running.
 */
#include "trace.h"

/* The calling worker's buffer, acquired, when it runs a goroutine of its
 * own (a bound thread's calls are not the scheduler's); NULL otherwise. */
static go_trace_buf *syscall_buf(go_m **m, go_g **g)
{
    *m = go_cur_m();
    *g = go_cur_g();
    if (!*m || !*g || (*g)->bound_m)
        return NULL;
    return go_trace_buf_acquire();
}

void go_trace_syscall_enter(void)
{
    go_m *m;
    go_g *g;
    go_trace_buf *b = syscall_buf(&m, &g);
    if (!b)
        return;
    go_trace_ensure_self(b);
    uint64_t stk = go_trace_stack_here(b);
    go_trace_event_g(b, g, TEV_GO_SYSCALL, &stk, 1);
    b->sys_g = g->id;
    b->sys_retakes = atomic_load(&m->retakes);
    go_trace_buf_release(b);
}

void go_trace_syscall_exit(void)
{
    go_m *m;
    go_g *g;
    go_trace_buf *b = syscall_buf(&m, &g);
    if (!b)
        return;
    bool mine = b->sys_g == g->id && b->cur_g == g->id && g->trace_gen == b->gen;
    b->sys_g = 0;
    if (!mine || atomic_load(&m->retakes) == b->sys_retakes) {
        go_trace_buf_release(b);
        return;
    }
    /* The processor left when the monitor took it. */
    b->now = atomic_load(&m->retake_ts);
    b->now_set = true;
    go_trace_event_g(b, g, TEV_GO_SYSBLOCK, NULL, 0);
    go_trace_event(b, TEV_PROC_STOP, NULL, 0);
    b->proc_running = false;
    b->cur_g = 0;
    /* Back now, on this worker again. */
    b->now = go_trace_now();
    if (b->now < b->last_ts)
        b->now = b->last_ts;
    go_trace_ensure_proc(b);
    uint64_t exit[3] = {g->id, ++g->trace_seq, (uint64_t)b->now};
    go_trace_event_g(b, g, TEV_GO_SYSEXIT, exit, 3);
    uint64_t start[2] = {g->id, ++g->trace_seq};
    go_trace_event_g(b, g, TEV_GO_START, start, 2);
    g->trace_lastp = b->pid; /* trace_events.c: where its next events may be "local" */
    b->cur_g = g->id;
    go_trace_buf_release(b);
}
