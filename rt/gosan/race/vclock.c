/* vclock.c - dense vector clock operations (auto-vectorised loops).
 *
 * Loops stop at gs_vc_limit: no clock anywhere has a nonzero entry at or
 * above it, because a slot id is raised into it (gs_vc_note_slot, under the
 * slot lock) before any clock gets an epoch of that slot, and the limit
 * never goes down.  Whoever sees an entry of slot i got it through some
 * synchronisation after that raise, so its relaxed load reads a limit > i.
 * Programs that use few slots so pay for few entries, not 256.
 */
#include "vclock.h"

#include "check.h"

uint32_t gs_vc_limit = 8;

void gs_vc_note_slot(uint32_t sid)
{
    GS_DCHECK(sid >= 1 && sid <= GS_SLOT_MAX);
    uint32_t need = (sid + 8u) & ~7u; /* a multiple of 8 keeps the loops vectorised */
    if (need > GS_SLOTS)
        need = GS_SLOTS;
    if (need > __atomic_load_n(&gs_vc_limit, __ATOMIC_RELAXED))
        __atomic_store_n(&gs_vc_limit, need, __ATOMIC_RELEASE);
}

unsigned gs_vc_limit_now(void)
{
    return __atomic_load_n(&gs_vc_limit, __ATOMIC_ACQUIRE);
}

void gs_ep_zero(gs_epoch *c, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        c[i] = 0;
}

void gs_ep_copy(gs_epoch *dst, const gs_epoch *src, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        dst[i] = src[i];
}

void gs_ep_join(gs_epoch *dst, const gs_epoch *src, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        dst[i] = dst[i] > src[i] ? dst[i] : src[i];
}

void gs_vc_zero(gs_vclock *c)
{
    gs_ep_zero(c->e, gs_vc_limit_now());
}

void gs_vc_copy(gs_vclock *dst, const gs_vclock *src)
{
    gs_ep_copy(dst->e, src->e, gs_vc_limit_now());
}

