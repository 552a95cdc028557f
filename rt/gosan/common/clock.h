/* clock.h - the checker's clocks and how it prints a duration.
 *
 * Two clocks, never mixed: gs_now_ns (CLOCK_MONOTONIC) times the checker's
 * own waits (the watchdog, lock hold times, leak grace), gs_state_now_ns is
 * the library's clock for goroutine states (go_ginfo.state_since_ns,
 * GO_HOOKS_STATE_CLOCK), so "blocked for N" subtracts a state time from it
 * only.  Reading either takes no lock and does not allocate, so callers may
 * use them with the world stopped.  Used by deadlock/ (watchdog, held locks)
 * and goroutines/ (leaks, dumps, all-asleep and partial deadlock reports).
 */
#ifndef GOSAN_CLOCK_H
#define GOSAN_CLOCK_H

#include <stdint.h>

/* CLOCK_MONOTONIC now, in ns. */
int64_t gs_now_ns(void);
/* Now on the clock of go_ginfo.state_since_ns (GO_HOOKS_STATE_CLOCK):
 * subtract a state time from this, never from gs_now_ns. */
int64_t gs_state_now_ns(void);
/* Prints "N ms" / "N.N s" / "N minutes" of a duration (report style,
 * through gs_printf; a negative one prints as 0 ms). */
void gs_print_duration(int64_t ns);

#endif
