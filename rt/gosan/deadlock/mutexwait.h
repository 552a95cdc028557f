/* mutexwait.h - who holds which mutex, who waits for which: the wait-for
 * graph among goroutines blocked on Mutex/RWMutex (`deadlock` reports for
 * wait cycles and for waits longer than deadlock_timeout), and the feed of
 * the lock-order graph (lock_order.h).
 *
 * It receives the library's and POSIX locks' events (held_locks.h) and
 * keeps, per goroutine, the locks it holds (with the call node where it
 * took each) and the one it waits for.  Recorded holders are always real
 * holders: LOCKED comes after the acquisition and UNLOCK before the
 * release.  A wait cycle made of recorded holders cannot resolve unless a
 * goroutine unlocks a mutex another one locked, which Go allows: cycles
 * that may resolve so are left to the all-asleep report and the
 * reachability scan (mutexwait.c, docs/deadlock.md).
 */
#ifndef GOSAN_MUTEXWAIT_H
#define GOSAN_MUTEXWAIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stackdepot.h"

/* A holder of m (its writer, else one of its readers): true with its id and
 * the stack where it locked m. */
bool gs_mutex_holder(const void *m, uint64_t *goid, gs_stack_id *stack);

/* For the reachability scan, with the world stopped: never waits for a
 * lock.  Writes to ids the goroutines whose unlock a goroutine (waiter)
 * waiting to lock m (for writing if write) waits for: m's writer, else for
 * a write wait its readers, else for a read wait the goroutines waiting to
 * write-lock it (Go's RLock waits behind them).  *handoff says another
 * goroutine than those may unlock m instead (m was handed off before, or
 * the waiter holds it itself; never for POSIX locks nor with
 * detect_recursive_lock=1).  Returns how many, or -1 when the answer is
 * unknown (state busy, more than max). */
int gs_mutex_blockers_try(const void *m, bool write, uint64_t waiter, uint64_t *ids, int max, bool *handoff);

/* [lo, lo+size) was freed or reused: a mutex there is no hand-off mutex
 * any more (mutexwait.c). */
void gs_mw_forget_range(uintptr_t lo, size_t size);

/* Start-up (init.c), and fork.c in a child (where the parent's thread is
 * gone): starts the deadlock_timeout watchdog thread if the flags ask for
 * it. */
void gs_watchdog_start(void);

#endif
