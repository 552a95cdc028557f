/* leak.h - goroutine leak checks: gosan_leakcheck (goleak's VerifyNone) and
 * the exit-time check (GOSAN_OPTIONS=detect_leaks=1).
 *
 * A leak is any goroutine other than the caller still alive after the grace
 * period (leak_grace_ms).  Each one is its own `goroutine leak` report, so a
 * `leak:` suppression (matched against the goroutine's stack and its
 * creation stack) drops exactly the goroutines it names.  Goroutines the
 * reachability scan proves stuck also get their `deadlock` report first.
 */
#ifndef GOSAN_LEAK_H
#define GOSAN_LEAK_H

/* Waits up to the grace period for the other goroutines to finish, then
 * reports those still alive.  Returns how many were reported. */
int gs_leakcheck(void);

/* The exit sequence (init.c), once the engine started: with detect_leaks=1
 * the leak check; else, with deadlock_scan_ms set, one last scan for
 * goroutines blocked for good, so that a program ending right after one
 * got stuck has its report whatever the scan period (each goroutine is
 * reported once: one already reported by a periodic scan is not again).
 * Flushes the program's stdout first. */
void gs_leak_at_exit(void);

#endif
