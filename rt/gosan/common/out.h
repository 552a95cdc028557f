/* out.h - report output.
 *
 * Nothing here calls malloc or stdio: reports are formatted by a small
 * printf of our own into a fixed buffer and written with write(2) to stderr
 * or the log_path file.  A report is framed by gs_report_begin/end, which
 * hold the global report lock (a raw spin lock no user code can hold), so
 * reports from several goroutines never interleave.  A report started while
 * the same thread is already inside one is dropped (begin returns false).
 */
#ifndef GOSAN_OUT_H
#define GOSAN_OUT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Supported: %s %d %i %u %ld %lu %lld %llu %zu %zd %x %lx %llx %p %c %%,
 * flags '-' '0', a width (or *), a precision for %s (or .*). */
void gs_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void gs_vprintf(const char *fmt, va_list ap);
/* Into buf (always NUL-terminated when size > 0); returns the full length. */
int gs_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int gs_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
/* To a given fd (gosan_dump); unbuffered beyond one call. */
void gs_fdprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Flush what gs_printf buffered. */
void gs_flush(void);

/* A report is in flight from the moment a bug is detected until it is
 * printed or dropped; every way out of the program waits for the reports
 * in flight on other threads (exitwait.h).  enter/leave nest per thread;
 * gs_report_begin enters and gs_report_end/cancel leave, so a detector
 * need only bracket the work it does before begin (symbolizing stacks for
 * suppressions) with its own enter/leave.  Async-signal-safe. */
void gs_report_enter(void);
void gs_report_leave(void);
/* Threads other than this one with a report in flight. */
int gs_reports_in_flight_elsewhere(void);
/* This thread is inside a report. */
bool gs_report_in_flight_here(void);
/* fork.c, first thing in a child: only the forking thread's report (if
 * any) is in flight there. */
void gs_report_fork_child(void);
/* fn runs on a thread whenever it leaves its outermost report. */
typedef void (*gs_report_leave_fn)(void);
void gs_report_on_leave(gs_report_leave_fn fn);

/* Starts a report of KIND (e.g. "data race"): takes the report lock and
 * prints the separator and `WARNING: gosan: KIND (pid=N)`.  Returns false,
 * without printing or locking, if this thread is already in a report; then
 * the caller must not call gs_report_end. */
bool gs_report_begin(const char *kind);
/* Prints `SUMMARY: gosan: KIND FILE:LINE in FUNCTION` for top_pc (an
 * access pc, symbolized as is; pass 0 for none), the closing separator,
 * flushes, counts the report, releases the lock and exits with
 * gs_flags.exitcode when halt_on_error is set (through _exit, so the
 * reports other threads have in flight are waited for). */
void gs_report_end(const char *kind, uintptr_t top_pc);
/* Like gs_report_end, but the SUMMARY names a return address (pc - 1 is
 * symbolized). */
void gs_report_end_ret(const char *kind, uintptr_t ret_pc);
/* Drops a started report that turned out to be suppressed: releases the
 * lock, discards the buffered text, counts nothing. */
void gs_report_cancel(void);

/* Deduplication: true if key (e.g. a hash of both pcs) was already reported,
 * else remembers it and returns false.  Always false when report_dedup=0. */
bool gs_report_seen(uint64_t key);

/* Reports this process printed (a forked child does not inherit them). */
unsigned long gs_report_count(void);

/* write(2) of all of buf, retrying on EINTR and short writes, without going
 * through the runtime's own write interceptor. */
void gs_write_all(int fd, const void *buf, size_t n);
/* The fd reports go to (stderr, or the log_path file: opened at start-up,
 * so that a missing or unwritable directory stops the run at once instead
 * of losing the first report, and kept open; reopened by a forked child at
 * its first report; a file that cannot be opened is fatal, naming it and
 * the reason). */
int gs_report_fd(void);
/* strerror(err) without locale or allocation (safe inside a report). */
const char *gs_strerror(int err);

/* A fatal runtime error: prints `gosan: FATAL: ...` and exits with status
 * 1 at once (no wait for reports in flight). */
void gs_die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* A warning about gosan's own use (bad flag etc.): `gosan: WARNING: ...`. */
void gs_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
