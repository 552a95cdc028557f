/* dump.h - goroutine dumps in Go's traceback style, under the checker.
 *
 *   goroutine 7 [chan receive, 2 minutes, stuck]:
 *   labels: {"job":"fetch"}
 *   worker(...)
 *   	/src/prog.c:12
 *   created by main in goroutine 1
 *   	/src/prog.c:30
 *
 * The caller comes first, then every other goroutine.  Minutes appear once a
 * goroutine has waited at least one; `stuck` marks a goroutine the
 * reachability scan proved can never be woken.  With dump_on_sigquit=1 a
 * SIGQUIT prints the same dump to the report stream and the program goes
 * on; the signal handler only writes a byte to a pipe, a runtime thread
 * (no goroutine) reads it and dumps.  That thread also runs the periodic
 * reachability scan when deadlock_scan_ms is set.
 */
#ifndef GOSAN_GDUMP_H
#define GOSAN_GDUMP_H

/* Writes every goroutine to fd.  Safe while other goroutines run. */
void gs_dump(int fd);

/* Start-up (init.c): installs the SIGQUIT handler (dump_on_sigquit) and
 * starts the watch thread if it or deadlock_scan_ms asks for it. */
void gs_watch_start(void);
/* The exit sequence's first step (init.c): no new scan or dump starts;
 * waits (bounded) for one under way, so exit never cuts a report off. */
void gs_watch_stop(void);
/* fork.c, in a child: the watch thread is gone and the SIGQUIT pipe is the
 * parent's; makes both anew. */
void gs_watch_fork_child(void);

#endif
