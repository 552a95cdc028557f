/* trace_emit.h - the tracer's per-event fast path, inline so that an event
 * of the scheduler costs no call beyond the clock read and the stack walk:
 * taking the calling worker's buffer, stamping, encoding an event of up to
 * three arguments in place, giving the buffer back.  trace_buf.c keeps the
 * slow paths (a worker's first buffer, a full buffer, the shared buffer of
 * threads without a worker, kernels without the expedited membarrier) and
 * the general encoder.
 *
 * Invariants (trace.h's, kept here without a locked instruction):
 *  - busy is set before the enabled flag is re-checked, ordered by the
 *    stopper's membarrier (go_trace_plain_busy); without it the general
 *    acquire's sequentially consistent store is used instead.
 *  - A buffer's stamps never go back, and an event about g is stamped no
 *    earlier than g's previous event (g->trace_ts).
 *  - The encoding is Go 1.19's: with three arguments or more the type
 *    byte's top bits are 3 and a byte length of the arguments follows; the
 *    events here are at most four varints long (< 128 bytes), so the length
 *    takes one byte, reserved before the arguments are written (as Go's own
 *    tracer does), and nothing is copied.
 */
#ifndef GOSAN_GO_TRACE_EMIT_H
#define GOSAN_GO_TRACE_EMIT_H

#include "trace.h"

/* The most one event here takes: type, length, four 10-byte varints. */
#define TRACE_EV_ROOM (2 + 10 * 4)

/* trace_buf.c */
extern bool go_trace_plain_busy;
extern _Atomic uint32_t go_trace_cur_gen;
void go_trace_buf_reset(go_trace_buf *b, uint32_t gen);

/* The buffer of worker m (the calling thread's, or NULL), as
 * go_trace_buf_acquire. */
static inline go_trace_buf *go_trace_acquire_m(go_m *m)
{
    go_trace_buf *b = m ? m->trace_buf : NULL;
    if (__builtin_expect(!b || !go_trace_plain_busy, 0))
        return go_trace_buf_acquire();
    atomic_store_explicit(&b->busy, 1, memory_order_relaxed);
    atomic_signal_fence(memory_order_seq_cst);
    if (__builtin_expect(!atomic_load_explicit(&go_trace_enabled_flag, memory_order_acquire), 0)) {
        atomic_store_explicit(&b->busy, 0, memory_order_release);
        return NULL;
    }
    uint32_t gen = atomic_load_explicit(&go_trace_cur_gen, memory_order_relaxed);
    if (__builtin_expect(b->gen != gen, 0))
        go_trace_buf_reset(b, gen);
    b->now_set = false;
    b->after_stop = b->stop_pending;
    b->stop_pending = false;
    return b;
}

static inline void go_trace_release(go_trace_buf *b)
{
    if (__builtin_expect(b->pid == TRACE_GLOBAL_P, 0)) {
        go_trace_buf_release(b);
        return;
    }
    atomic_store_explicit(&b->busy, 0, memory_order_release);
}

/* This acquire's time: one clock read, never before the buffer's last. */
static inline int64_t go_trace_stamp(go_trace_buf *b)
{
    if (!b->now_set) {
        b->now = go_trace_now();
        b->now_set = true;
    }
    return b->now > b->last_ts ? b->now : b->last_ts;
}

/* The same for an event about g: never before g's previous event. */
static inline int64_t go_trace_stamp_g(go_trace_buf *b, go_g *g)
{
    int64_t ts = go_trace_stamp(b);
    if (g->trace_gen == b->gen) {
        int64_t floor = __atomic_load_n(&g->trace_ts, __ATOMIC_RELAXED);
        if (floor > ts)
            ts = b->now = floor;
    }
    return ts;
}

static inline uint8_t *go_trace_varint(uint8_t *p, uint64_t v)
{
    while (v >= 0x80) {
        *p++ = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    *p++ = (uint8_t)v;
    return p;
}

/* Event type stamped ts (no earlier than the buffer's last) with nargs
 * (0 to 3, a constant at every call) arguments. */
static inline void go_trace_emit(go_trace_buf *b, int64_t ts, int type, int nargs, uint64_t a0, uint64_t a1,
                                 uint64_t a2)
{
    if (__builtin_expect(b->len == 0 || b->len + TRACE_EV_ROOM > TRACE_BUF_SIZE, 0))
        go_trace_reserve(b, TRACE_EV_ROOM);
    uint8_t *p = b->data + b->len, *lenp = NULL;
    if (nargs < 3) {
        *p++ = (uint8_t)(type | nargs << 6);
    } else {
        *p++ = (uint8_t)(type | 3 << 6);
        lenp = p++;
    }
    uint8_t *args = p;
    p = go_trace_varint(p, (uint64_t)(ts - b->last_ts));
    if (nargs > 0)
        p = go_trace_varint(p, a0);
    if (nargs > 1)
        p = go_trace_varint(p, a1);
    if (nargs > 2)
        p = go_trace_varint(p, a2);
    if (lenp)
        *lenp = (uint8_t)(p - args);
    b->len = (size_t)(p - b->data);
    b->last_ts = ts;
}

/* An event about g: stamped, written, and g's floor moved up to it. */
static inline void go_trace_emit_g(go_trace_buf *b, go_g *g, int type, int nargs, uint64_t a0, uint64_t a1,
                                   uint64_t a2)
{
    int64_t ts = go_trace_stamp_g(b, g);
    go_trace_emit(b, ts, type, nargs, a0, a1, a2);
    __atomic_store_n(&g->trace_ts, ts, __ATOMIC_RELAXED);
}

#endif /* GOSAN_GO_TRACE_EMIT_H */
