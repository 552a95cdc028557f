/* spinlock.h - the runtime's internal spin lock.
 *
 * A word the user's code can never see or hold, so the runtime may take it
 * anywhere (inside malloc, in reports, on unknown threads).  Spins briefly,
 * then yields the CPU: holders never block while holding it.
 *
 * Lock order of the checker runtime (outer first; a lock may be taken while
 * holding only locks above it).  Read off the code, not enforced at run
 * time: clang's -Wthread-safety checks each lock's own use (thread_
 * annotations.h), not the order between locks.
 *
 *   1. the report lock (out.c out_report_lock): from gs_report_begin to
 *      gs_report_end/cancel.  Everything a report reads is below it.
 *   2. detector locks, each released before its detector reports or calls
 *      the depot or the symbolizer: lo_lock (lock_order.c), mw_lock
 *      (mutexwait.c), fw_lock (free_waited.c), reported_lock
 *      (reachability.c), a file descriptor's lock (fd_sync.c: held
 *      across the fd's sync operation, never across an access check).
 *   3. the symbolizer's sym_lock (also held across fork()), then st_lock
 *      (symtab.c).
 *   4. engine locks: slot_lock (slot.c); a sync object's lock (taken after
 *      the object was found: the meta-word stripe locks of syncobj.c are
 *      released first and take nothing else); goroutine records' entry
 *      locks and long_lock (goroutine_record.c); the stack depot's stripes;
 *      a crowded granule's stripe lock, then ovf_lock (shadow_overflow.c:
 *      released before the check reports).
 *   5. leaves, which take no other lock: the heap map's line locks and
 *      hp_large_lock (above the allocator only: hp_large_lock grows its
 *      array under it), shadow_lock, sd_ids_lock, gl_lock, free_lock,
 *      out_fd_lock, out_seen_lock, and last the internal allocator's
 *      ia_class[].lock and ia_chunk_lock (every level may allocate).
 * No level takes a user-visible lock, and no lock here is held while the
 * runtime calls into instrumented code.
 */
#ifndef GOSAN_SPLOCK_H
#define GOSAN_SPLOCK_H

#include <sched.h>
#include <stdbool.h>

#include "gosan_platform.h"
#include "thread_annotations.h"

typedef struct GS_CAPABILITY("spin lock") gs_splock {
    int word;
} gs_splock;

#define GS_SPLOCK_INIT {0}

static inline bool gs_splock_try(gs_splock *l) GS_TRY_ACQUIRE(true, l)
    GS_NO_THREAD_SAFETY_ANALYSIS /* the primitive itself */
{
    return __atomic_load_n(&l->word, __ATOMIC_RELAXED) == 0 &&
           !__atomic_exchange_n(&l->word, 1, __ATOMIC_ACQUIRE);
}

static inline void gs_splock_lock(gs_splock *l) GS_ACQUIRE(l)
    GS_NO_THREAD_SAFETY_ANALYSIS /* the primitive itself */
{
    for (unsigned spins = 0; !gs_splock_try(l); spins++) {
        if (spins < 64)
            gosan_cpu_relax();
        else
            sched_yield();
    }
}

/* Someone holds l: for DCHECKs of "called with l held" (the spin lock does
 * not know its owner). */
static inline bool gs_splock_held(const gs_splock *l)
{
    return __atomic_load_n(&l->word, __ATOMIC_RELAXED) != 0;
}

static inline void gs_splock_unlock(gs_splock *l) GS_RELEASE(l)
    GS_NO_THREAD_SAFETY_ANALYSIS /* the primitive itself */
{
    __atomic_store_n(&l->word, 0, __ATOMIC_RELEASE);
}

#endif
