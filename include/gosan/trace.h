/* gosan/trace.h - execution traces of a gosan program in the Go 1.19
 * execution-trace format, for `go tool trace` (docs/observability.md).
 *
 * Part of the library (libgosan_go): works in production (--plain) builds
 * with no checker.  GOSAN_TRACE=PATH in the environment traces the whole
 * run into PATH.  The annotations mirror Go's runtime/trace: tasks,
 * regions and log messages; they cost one branch when no trace is running.
 */
#ifndef GOSAN_TRACE_H
#define GOSAN_TRACE_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#pragma GCC visibility push(default)

/* Starts writing a trace to fd (a file or pipe open for writing; the
 * library does not close it).  Returns 0, or GO_EINVAL if a trace is
 * already running or fd is negative, GO_ENOMEM if the header cannot be
 * written. */
int gosan_trace_start(int fd);
/* Stops the trace and writes every buffered event to its fd.  Returns 0,
 * or GO_EINVAL if no trace is running. */
int gosan_trace_stop(void);
bool gosan_trace_enabled(void);

/* A task (Go's trace.NewTask): a logical operation spanning goroutines.
 * Returns the task's id (never 0) for gosan_trace_task_end and as the task
 * of regions and logs; parent 0 for none.  type names the kind of task in
 * the "User-defined tasks" view. */
uint64_t gosan_trace_task_begin(uint64_t parent, const char *type);
void gosan_trace_task_end(uint64_t task);
/* A region (Go's trace.WithRegion) of the calling goroutine, inside task
 * (0 for none).  Regions nest; each end names the innermost open region. */
void gosan_trace_region_begin(uint64_t task, const char *type);
void gosan_trace_region_end(uint64_t task, const char *type);
/* A log message (Go's trace.Log) with a category, attached to task. */
void gosan_trace_log(uint64_t task, const char *category, const char *message);

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif
#endif /* GOSAN_TRACE_H */
