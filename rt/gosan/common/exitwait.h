/* exitwait.h - the way out of a checked program.
 *
 * A report found just before the program ends must still be printed and
 * must still fail the run.  So every way out waits, for at most
 * exit_wait_timeout seconds, until no other thread has a report in flight
 * (report.h: from detection to the last line), then exits with exitcode if
 * anything was reported:
 *   - return from main and exit(): exitwait.c's atexit handler and the
 *     last step of the exit sequence (gs_exit_at_exit);
 *   - _exit, _Exit, quick_exit (the program's, the library's, halt_on_error,
 *     halt_on_deadlock, the all-asleep fatal error): exitwait.c intercepts
 *     them;
 *   - fatal signals: fatalsig.c's handlers wait, then let the signal take
 *     its course.
 * A thread inside a report never waits for itself.
 */
#ifndef GOSAN_EXITWAIT_H
#define GOSAN_EXITWAIT_H

#include <stdbool.h>

/* Waits until no other thread has a report in flight, or the bound is hit
 * (then says so on stderr).  Returns false if reports were still in flight
 * when it gave up.  Async-signal-safe. */
bool gs_exit_wait(void);
/* A wait gave up with reports still in flight (exit_status.c then exits
 * with exitcode: a report may have been lost). */
bool gs_exit_wait_lost(void);

/* Start-up (init.c): registers the atexit handler that waits at a return
 * from main or exit(). */
void gs_exit_wait_init(void);
/* The exit sequence's last step (init.c's destructor): waits again, and
 * ends the process with exitcode if anything was reported. */
void gs_exit_at_exit(void);

#endif
