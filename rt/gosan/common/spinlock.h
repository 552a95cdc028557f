/* spinlock.h - the runtime's internal spin lock.
 *
 * A word the user's code can never see or hold, so the runtime may take it
 * anywhere (inside malloc, in reports, on unknown threads).  Spins briefly,
 * then yields the CPU: holders never block while holding it.
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
