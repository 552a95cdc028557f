/* solo_write_hold.h - a plain Mutex locked and unlocked without gs_hl_lock
 * while its goroutine holds no other lock.
 *
 * As for a solo read hold (solo_read_hold.h), such a lock teaches the
 * deadlock detectors nothing at the time: it adds no lock-order edge (its
 * goroutine holds nothing), and its wait closes no wait cycle (nobody can
 * wait for a lock its goroutine holds).  While it is held, it can be on no
 * wait cycle either: its holder waits for nothing (its next PRE_LOCK moves
 * the hold to held[] first, under gs_hl_lock).  A mutex-guarded table
 * used to take gs_hl_lock three times and allocate and free a gs_hl_mu
 * record per Lock/Unlock pair; now it takes a few plain stores on its own
 * goroutine's record.
 *
 * The hold lives in the goroutine's gs_hl_g.solo with write set.  Only the
 * two readers that name a mutex's writer without a cycle search need to
 * find it: the holder shown in reports (gs_mutex_holder) and the blockers
 * of a goroutine blocked on the mutex (gs_mutex_blockers_try); both look
 * through every record (gs_hl_solo_writer), since there is no gs_hl_mu.
 *
 * Limits, so that every other reader of the table stays right:
 *   - a solo PRE_LOCK for plain (not RW) library mutexes only: a waiting
 *     RWMutex writer blocks new readers (reachability.c reads that wait),
 *     and a first write lock of an RWMutex is an event for the lock-order
 *     graph; an RWMutex write lock is a solo hold only once its PRE_LOCK
 *     went through the table (solo_read_hold.h);
 *   - not while any mutex has been handed off (hl_nhandoff != 0): a
 *     hand-off unlock finds the locker through gs_hl_solo_writer, a walk
 *     of every record, which must stay rare;
 *   - never for POSIX locks or with deadlock_timeout on (solo_read_hold.h).
 */
#ifndef GOSAN_SOLO_WRITE_HOLD_H
#define GOSAN_SOLO_WRITE_HOLD_H

#include <stdbool.h>
#include <stdint.h>

#include "held_locks_table.h"
#include "thread_state.h"

/* The hold itself is taken and ended by solo_read_hold.h's
 * gs_hl_solo_pre, gs_hl_solo_hold and gs_hl_solo_release, in write mode. */

/* Under gs_hl_lock (or the world stopped): the goroutine whose solo hold
 * write-holds m, or NULL.  Walks every record. */
gs_hl_g *gs_hl_solo_writer(uintptr_t m);

#endif
