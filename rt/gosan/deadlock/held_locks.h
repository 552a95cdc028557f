/* held_locks.h - the deadlock detectors' inputs: lock events of the
 * library's mutexes (from the hook table) and of POSIX locks (from their
 * interceptors), goroutine exits, and freed memory.  They keep, per
 * goroutine, the locks it holds and the one it waits for, feed the
 * lock-order graph (lock_order.h) and look for wait cycles (wait_cycle.h);
 * the all-asleep report and the reachability scan ask who holds a mutex
 * and who blocks a waiter.
 *
 * Called on the goroutine or thread the event is about, except
 * gs_deadlock_forget_range (any thread that frees).  Recorded holders are
 * always real holders: LOCKED comes after the acquisition and UNLOCK
 * before the release.
 */
#ifndef GOSAN_HELD_LOCKS_H
#define GOSAN_HELD_LOCKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "go_hooks.h"
#include "stackdepot.h"

/* A lock event of a library mutex (any goroutine may unlock it: the
 * hand-off rules apply) / of a POSIX lock (only its holder unlocks it).
 * pc is the call's return address. */
void gs_held_locks_event(go_mutex_event ev, const void *m, bool is_rw, void *pc);
void gs_held_locks_posix_event(go_mutex_event ev, const void *m, bool is_rw, void *pc);
/* Goroutine goid exited: it waits for nothing any more. */
void gs_held_locks_g_exit(uint64_t goid);
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

/* Memory [lo, lo+size) was freed or is reused (heap free, sync_free, a
 * recycled goroutine stack): mutexes there leave the lock-order graph and
 * are no hand-off mutexes any more. */
void gs_deadlock_forget_range(uintptr_t lo, size_t size);

#endif
