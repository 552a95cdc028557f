/* syncobj.h - sync objects: the vector clocks attached to addresses that
 * the program synchronises through (mutexes, channel slots, atomics,
 * annotations).
 *
 * Found through the meta shadow: each 8-byte application word has a 4-byte
 * meta word holding the index of the first sync object of a chain of those
 * whose address falls in that word.  A (addr, tag) pair names an object, so
 * one address can carry several clocks (an RWMutex's writer and reader
 * sides).  Objects are pooled and recycled, never unmapped.  A clock of an
 * older reset generation reads as empty.
 *
 * An object is one cache line: its lock, its links and, while the program
 * has used no slot above GS_SYNC_INLINE - 1, its clock (`small`), so that a
 * release or acquire touches one line, not the object's and a separate
 * clock's, on hand-offs between processors.  The first release that needs
 * more entries moves the clock out to a full one; an inline clock holds
 * zeros beyond its entries, so reading it needs no move.
 */
#ifndef GOSAN_SYNCOBJ_H
#define GOSAN_SYNCOBJ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spinlock.h"
#include "thread_state.h"
#include "vclock.h"

enum { GS_SYNC_PLAIN = 0, GS_SYNC_RW_READERS = 1, GS_SYNC_THREAD = 2 };

#define GS_SYNC_INLINE 8u
#define GOSAN_SYNC_POOL_MAX (1u << 22)

typedef struct gs_sync {
    uintptr_t addr;
    uint32_t next : 24; /* next in the meta word's chain (pool index) */
    uint32_t tag : 8;
    uint32_t ver;   /* changes with every change of the clock (acquire_cache.h) */
    gs_splock lock; /* guards gen, clk and small, and orders ver's changes */
    uint32_t gen;
    gs_epoch *clk;  /* NULL until the first release; then small or GS_SLOTS entries */
    gs_epoch small[GS_SYNC_INLINE];
} __attribute__((aligned(GOSAN_CACHE_LINE))) gs_sync;
_Static_assert(sizeof(gs_sync) == GOSAN_CACHE_LINE, "a sync object is one cache line");
_Static_assert(GOSAN_SYNC_POOL_MAX <= (1u << 24), "pool indices fit gs_sync.next");

/* How many entries s->clk holds (s locked, clk set). */
static inline unsigned gs_sync_clock_cap(const gs_sync *s)
{
    return s->clk == s->small ? GS_SYNC_INLINE : GS_SLOTS;
}

/* The object for (addr, tag), created if `create`; NULL if none (or addr
 * is not a user address).  The returned object is not locked. */
gs_sync *gs_sync_get(uintptr_t addr, uint8_t tag, bool create);
/* Drops every sync object whose address is in [addr, addr+size). */
void gs_sync_free_range(uintptr_t addr, size_t size);

/* The happens-before operations on a sync address. */
typedef enum gs_sync_op {
    GS_SYNC_OP_ACQUIRE,         /* t |= s */
    GS_SYNC_OP_RELEASE,         /* s |= t, then t ticks */
    GS_SYNC_OP_RELEASE_STORE,   /* s := t, then t ticks */
    GS_SYNC_OP_RELEASE_ACQUIRE, /* t |= s; s := t, then t ticks */
} gs_sync_op;
/* op by t on the object for (addr, tag), created by a release (an acquire
 * of an address never released orders nothing).  An acquire of a clock t
 * already knows (acquire_cache.h) takes no lock and joins nothing.  The object's lock is
 * taken unless `serial`: every operation on the address is ordered by a
 * lock the caller holds (the library's hb_serial hook). */
void gs_sync_at(gs_thr *t, uintptr_t addr, uint8_t tag, gs_sync_op op, bool serial);
/* Acquire and release of t on s, under s->lock already held. */
void gs_sync_acquire_locked(gs_thr *t, gs_sync *s);
void gs_sync_release_locked(gs_thr *t, gs_sync *s, bool store);
void gs_sync_release_clock_locked(gs_sync *s, const gs_vclock *c, bool store);
/* Joins s's clock (if current) into dst, a full clock (s locked). */
void gs_sync_join_into_locked(gs_sync *s, gs_vclock *dst);

/* t |= the first n entries of c, keeping t's own slot entry and tracking
 * what it learns of its slot's earlier owners (c holds zeros beyond n). */
void gs_thr_acquire_clock(gs_thr *t, const gs_epoch *c, unsigned n);
/* Sync operations are checked even while ignoring: bring t to the current
 * generation and give it a slot. */
void gs_thr_ready_sync(gs_thr *t);

#endif
