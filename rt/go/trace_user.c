/* trace_user.c - user annotations in the trace, like Go's runtime/trace:
 * tasks, regions and log messages (include/gosan/trace.h).
 *
 * Task ids come from one counter whether or not a trace runs, so a task
 * begun before a trace starts can still be ended in it (the viewer then
 * shows it open from the trace's start).  Every annotation carries the
 * caller's stack.
 */
#include <string.h>

#include <gosan/trace.h>

#include "trace.h"

#define MAX_LOG_MESSAGE 4096

static _Atomic uint64_t next_task;

/* The calling goroutine's buffer, with the goroutine described. */
static go_trace_buf *user_buf(void)
{
    go_trace_buf *b = go_trace_buf_acquire();
    if (b)
        go_trace_ensure_self(b);
    return b;
}

uint64_t gosan_trace_task_begin(uint64_t parent, const char *type)
{
    uint64_t id = atomic_fetch_add_explicit(&next_task, 1, memory_order_relaxed) + 1;
    if (!go_trace_on())
        return id;
    go_trace_buf *b = user_buf();
    if (!b)
        return id;
    uint64_t args[4] = {id, parent, go_trace_string(b, type), go_trace_stack_here(b)};
    go_trace_event(b, TEV_USER_TASK_CREATE, args, 4);
    go_trace_buf_release(b);
    return id;
}

void gosan_trace_task_end(uint64_t task)
{
    if (!go_trace_on())
        return;
    go_trace_buf *b = user_buf();
    if (!b)
        return;
    uint64_t args[2] = {task, go_trace_stack_here(b)};
    go_trace_event(b, TEV_USER_TASK_END, args, 2);
    go_trace_buf_release(b);
}

static void region(uint64_t task, const char *type, uint64_t mode)
{
    go_trace_buf *b = user_buf();
    if (!b)
        return;
    uint64_t args[4] = {task, mode, go_trace_string(b, type), go_trace_stack_here(b)};
    go_trace_event(b, TEV_USER_REGION, args, 4);
    go_trace_buf_release(b);
}

void gosan_trace_region_begin(uint64_t task, const char *type)
{
    if (go_trace_on())
        region(task, type, 0);
}

void gosan_trace_region_end(uint64_t task, const char *type)
{
    if (go_trace_on())
        region(task, type, 1);
}

void gosan_trace_log(uint64_t task, const char *category, const char *message)
{
    if (!go_trace_on())
        return;
    go_trace_buf *b = user_buf();
    if (!b)
        return;
    size_t len = message ? strnlen(message, MAX_LOG_MESSAGE) : 0;
    uint64_t args[3] = {task, go_trace_string(b, category), go_trace_stack_here(b)};
    /* The value string follows the event, outside its counted arguments:
     * reserve for both so no batch boundary falls between them. */
    go_trace_reserve(b, 2 + 10 * 5 + 10 + len);
    go_trace_event(b, TEV_USER_LOG, args, 3);
    go_trace_put_varint(b, len);
    go_trace_put_bytes(b, message, len);
    go_trace_buf_release(b);
}
