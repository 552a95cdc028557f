/* mutexwait.h - who holds which mutex, who waits for which: the wait-for
 * graph among goroutines blocked on Mutex/RWMutex (`deadlock` reports for
 * wait cycles and for waits longer than deadlock_timeout), and the feed of
 * the lock-order graph (lockorder.h).
 *
 * It receives the library's mutex events through gs_obs_mutex (engine.h)
 * and keeps, per goroutine, the locks it holds (with the call node where it
 * took each) and the one it waits for.  Recorded holders are always real
 * holders: LOCKED comes after the acquisition and UNLOCK before the
 * release, so a wait cycle made of recorded holders cannot resolve (unless
 * a goroutine unlocks a mutex another one locked, which Go allows; see
 * docs/deadlock.md).
 */
#ifndef GOSAN_MUTEXWAIT_H
#define GOSAN_MUTEXWAIT_H

#include <stdbool.h>
#include <stdint.h>

#include "stackdepot.h"

/* A holder of m (its writer, else one of its readers): true with its id and
 * the stack where it locked m. */
bool gs_mutex_holder(const void *m, uint64_t *goid, gs_stack_id *stack);

#endif
