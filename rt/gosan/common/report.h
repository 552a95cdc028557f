/* report.h - a report's framing and text (report.c).
 *
 * Nothing here calls malloc or stdio: reports are formatted by the
 * runtime's own printf (printf.h) into a fixed buffer and written with
 * write(2) to the report fd (log.h).  A report is framed by
 * gs_report_begin/end, which hold the global report lock (a raw spin lock no user code can hold), so
 * reports from several goroutines never interleave.  A report started while
 * the same thread is already inside one is dropped (begin returns false).
 */
#ifndef GOSAN_REPORT_H
#define GOSAN_REPORT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stackdepot.h"

/* Report text, formatted as printf.h says: buffered inside a report,
 * straight to the report fd (one write per call) outside one. */
void gs_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void gs_vprintf(const char *fmt, va_list ap);
/* Flush what gs_printf buffered. */
void gs_flush(void);

/* A report is in flight from the moment a bug is detected until it is
 * printed or dropped; every way out of the program waits for the reports
 * in flight on other threads (exitwait.h).  enter/leave nest per thread;
 * gs_report_begin enters and gs_report_end leaves, so a detector
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
/* Like gs_report_end, but the SUMMARY names the first of the program's own
 * frames of stack top (0: none), as an access pc or a return address as
 * it is. */
void gs_report_end_stack(const char *kind, gs_stack_id top);

#endif
