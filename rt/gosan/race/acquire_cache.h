/* acquire_cache.h - what a goroutine already knows of recent sync objects,
 * so that an acquire that would teach it nothing is skipped (no lock, no
 * join).
 *
 * Every sync object carries a version (gs_sync.ver) that changes with
 * every change of its clock.  An entry (object, version) in a goroutine's
 * cache means: the object's clock at that version is <= the goroutine's
 * clock.  It is filled by an acquire (after t |= s, s <= t) and by a
 * release when s was already <= t before it (s |= t then equals t) or
 * when the release replaces the clock (s := t).  A goroutine's clock only
 * grows within a generation and a slot, so the entry stays true until the
 * object's version moves; the cache is emptied when the goroutine's
 * generation or slot changes (its clock is rebuilt then).  An acquire of
 * an object whose version equals its entry's is a no-op: the join would
 * change nothing, nor would what it learns of its slot's earlier owners
 * (gs_thr_acquire_clock's k, already taken from that clock).
 *
 * Versions are 32 bits and never reset (a recycled object keeps counting),
 * so a stale entry could only match after 2^32 more changes of that one
 * object while its goroutine never looked at it.
 */
#ifndef GOSAN_ACQUIRE_CACHE_H
#define GOSAN_ACQUIRE_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#define GS_ACQ_CACHE_SIZE 8u

typedef struct gs_acq_cache {
    uint32_t gen, sid;                  /* the goroutine's when filled */
    uint32_t idx[GS_ACQ_CACHE_SIZE];    /* sync object pool index, 0: empty */
    uint32_t ver[GS_ACQ_CACHE_SIZE];
} gs_acq_cache;

/* The entry slot of pool index idx. */
static inline unsigned gs_acq_slot(uint32_t idx)
{
    return (idx ^ (idx >> 3)) % GS_ACQ_CACHE_SIZE;
}

/* Whether the clock of object idx at version ver is known to be <= the
 * clock of the goroutine owning c, now in generation gen and slot sid. */
static inline bool gs_acq_known(const gs_acq_cache *c, uint32_t gen, uint32_t sid, uint32_t idx,
                                uint32_t ver)
{
    unsigned i = gs_acq_slot(idx);
    return c->idx[i] == idx && c->ver[i] == ver && c->gen == gen && c->sid == sid;
}

/* Object idx's clock at version ver is now <= the goroutine's clock. */
static inline void gs_acq_note(gs_acq_cache *c, uint32_t gen, uint32_t sid, uint32_t idx, uint32_t ver)
{
    if (c->gen != gen || c->sid != sid) {
        for (unsigned i = 0; i < GS_ACQ_CACHE_SIZE; i++)
            c->idx[i] = 0;
        c->gen = gen;
        c->sid = sid;
    }
    unsigned i = gs_acq_slot(idx);
    c->idx[i] = idx;
    c->ver[i] = ver;
}

#endif
