/* trace_api.h - where a traced stack starts: the public function the user
 * called marks its own frame, so the tracer's walk (trace_stack.c) begins
 * at the user's call site instead of crossing the library's frames above
 * the event (five or six of them, walked only to be dropped).
 *
 * GO_TRACE_API_FRAME(), the first statement of a public function, records
 * that function's frame address and return address in the calling
 * goroutine while a trace runs, and puts the previous mark back when the
 * function returns (a cleanup variable: every return path), so nested
 * public calls mark the innermost.  With no trace running it is one load
 * of a global and a not-taken branch, as every trace site.
 *
 * Invariants:
 *  - Only a public function that never calls user code while marked may
 *    use it: the walk from the mark would skip the user's frames of a
 *    callback in between.  (go_once, contexts' callbacks: not marked.)
 *  - The walk trusts a mark only if it lies on the live stack above the
 *    walker's frame and still holds the recorded return address
 *    (go_trace_api_start); otherwise it walks from its own frame, as
 *    before.  Starting from the mark or from below it gives the same
 *    frames: everything between is the library's and is dropped.
 */
#ifndef GOSAN_GO_TRACE_API_H
#define GOSAN_GO_TRACE_API_H

#include "trace.h"

/* sched.c: the goroutine the thread runs.  Read here directly, not by
 * go_cur_g (a call, so that no read is cached across a switch): at a
 * public function's entry no switch has happened yet. */
extern __thread go_g *go_tls_g;

typedef struct {
    go_g *g;                  /* the goroutine marked, NULL if none */
    const void *prev_fp, *prev_ret;
} go_trace_api_mark;

static inline go_trace_api_mark go_trace_api_enter(const void *fp, const void *ret)
{
    go_trace_api_mark m = {0};
    if (!go_trace_on())
        return m;
    go_g *g = go_tls_g;
    if (!g)
        return m;
    m.g = g;
    m.prev_fp = g->trace_api_fp;
    m.prev_ret = g->trace_api_ret;
    g->trace_api_fp = fp;
    g->trace_api_ret = ret;
    return m;
}

static inline void go_trace_api_leave(go_trace_api_mark *m)
{
    if (__builtin_expect(m->g != NULL, 0)) {
        m->g->trace_api_fp = m->prev_fp;
        m->g->trace_api_ret = m->prev_ret;
    }
}

#define GO_TRACE_API_FRAME()                                                                              \
    __attribute__((cleanup(go_trace_api_leave), unused)) go_trace_api_mark go_trace_api_mark_ =                 \
        go_trace_api_enter(__builtin_frame_address(0), __builtin_return_address(0))

#endif /* GOSAN_GO_TRACE_API_H */
