/* reachability.h - partial deadlocks by reachability (Golf, Saioc et al. ASPLOS'25).
 *
 * A goroutine parked on a channel, select, WaitGroup or Cond can only be
 * woken by someone who can still reach that object.  With the world
 * stopped, memory is marked conservatively from the roots (the globals and
 * the stacks of goroutines that can go on by themselves); a parked
 * goroutine whose object got marked may still wake, so its stack becomes a
 * root too, up to a fixpoint.  Parked goroutines whose objects stay
 * unmarked can never wake: they are stuck for good.  A goroutine parked
 * on a mutex may wake once a goroutine it waits for (the mutex's recorded
 * holders, held_locks.h) may run.
 *
 * Invariant: the verdict errs only towards "may wake".  Whatever the scan
 * cannot see (a world it could not stop, an incomplete heap walk, memory it
 * does not know, a mutex whose holders are unknown) counts as reachable or
 * makes it give up.  The one assumption: whoever locked a mutex unlocks it.
 */
#ifndef GOSAN_REACH_H
#define GOSAN_REACH_H

#include "snapshot.h"

/* Takes a stopped-world snapshot into s and sets `stuck` on every goroutine
 * that can never be woken.  Returns how many, or -1 if the scan could not
 * run (then s may still hold a snapshot of the running world, none stuck). */
int gs_reach_scan(gs_gset *s);

/* One `deadlock` report per stuck goroutine of s not reported before
 * (`deadlock:` suppressions apply).  Returns the number of reports. */
int gs_reach_report(gs_gset *s);

/* Scan and report; returns the number of stuck goroutines (-1: no scan). */
int gs_reach_check(void);

#endif
