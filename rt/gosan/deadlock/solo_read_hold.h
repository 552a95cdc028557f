/* solo_read_hold.h - read locks taken and released without gs_hl_lock.
 *
 * A goroutine that read-locks an RWMutex while it holds no other lock
 * learns the deadlock detectors nothing new: it adds no lock-order edge
 * (it holds nothing), it closes no wait cycle (nobody can wait for a lock
 * it holds), and nobody reads a read waiter's wait.  Taking the global
 * gs_hl_lock three times per RLock/RUnlock pair only serialised the
 * readers.  Such a read hold is the goroutine's "solo" hold: its
 * goroutine writes it into its own record (gs_hl_g.solo) with atomic
 * stores, and the readers of the table (under gs_hl_lock, or with the
 * world stopped) see it through gs_hl_held_find like any other hold.
 *
 * The same holds for a lock's LOCKED/RLOCKED after a PRE_LOCK that went
 * through the table (its goroutine held other locks, or it is an RWMutex
 * write lock): the wait was published and searched then, and the
 * goroutine waits for nothing once it holds the lock, so it is on no wait
 * cycle until its next PRE_LOCK, which publishes the hold first.  That
 * LOCKED clears the wait (wait_m) with a plain atomic store; the
 * goroutine's later unlock of the mutex, a release, orders that store
 * before any locked reader that could see the mutex's next holder.
 * Nested locking (A then B, unlock B then A) so takes gs_hl_lock twice
 * per pair instead of four times.
 *
 * Invariants:
 *   - a goroutine has at most one solo hold, the latest lock it took; its
 *     held[] is empty when the solo hold came from a solo PRE_LOCK, and
 *     holds only older locks otherwise (only its goroutine adds to
 *     held[], and every event of the goroutine that takes gs_hl_lock
 *     moves the solo hold to the end of held[] first: gs_hl_solo_publish),
 *     so wait cycles and lock orders are computed as if it had been
 *     recorded under the lock;
 *   - a solo hold is not counted in its mutex's gs_hl_mu.readers and
 *     needs no gs_hl_mu record; gs_hl_solo_take (a hand-off RUnlock by
 *     another goroutine) creates the record the hand-off flag needs;
 *   - never for POSIX locks or with deadlock_timeout on (the watchdog
 *     reads read waits and gs_hl_mu records).
 */
#ifndef GOSAN_SOLO_READ_HOLD_H
#define GOSAN_SOLO_READ_HOLD_H

#include <stdbool.h>
#include <stdint.h>

#include "held_locks_table.h"
#include "thread_state.h"

/* The events of goroutine t on its own library mutex m done without
 * gs_hl_lock, for a read hold (an RWMutex) or a write hold (a plain
 * Mutex: solo_write_hold.h): true when handled, false when the caller
 * must take the locked path.  node_of(pc) is the call node of the lock
 * call.  gs_hl_solo_pre is the wait before either lock; a release ends
 * only a hold of the same mode. */
bool gs_hl_solo_pre(gs_thr *t, uintptr_t m, uint32_t (*node_of)(void *), void *pc);
bool gs_hl_solo_hold(gs_thr *t, uintptr_t m, bool write, bool is_rw, uint32_t (*node_of)(void *), void *pc);
bool gs_hl_solo_release(gs_thr *t, uintptr_t m, bool write);

/* Under gs_hl_lock, on g's own goroutine t: remembers g for t's later
 * events and moves g's solo hold to held[] (counted in its mutex's
 * readers), so the locked path sees every hold in one place. */
void gs_hl_solo_publish(gs_thr *t, gs_hl_g *g);

/* Under gs_hl_lock (or the world stopped): g's solo hold of m in that
 * mode (a write one: solo_write_hold.h), or NULL. */
gs_hl_held *gs_hl_solo_find(gs_hl_g *g, uintptr_t m, bool write);

/* Under gs_hl_lock, by another goroutine: ends g's solo hold of m in that
 * mode (a hand-off RUnlock or Unlock).  True if g had it. */
bool gs_hl_solo_take(gs_hl_g *g, uintptr_t m, bool write);

#endif
