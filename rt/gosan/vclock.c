/* vclock.c - dense vector clock operations (auto-vectorised loops). */
#include "vclock.h"

void gs_vc_zero(gs_vclock *c)
{
    for (unsigned i = 0; i < GS_SLOTS; i++)
        c->e[i] = 0;
}

void gs_vc_copy(gs_vclock *dst, const gs_vclock *src)
{
    for (unsigned i = 0; i < GS_SLOTS; i++)
        dst->e[i] = src->e[i];
}

void gs_vc_join(gs_vclock *dst, const gs_vclock *src)
{
    for (unsigned i = 0; i < GS_SLOTS; i++)
        dst->e[i] = dst->e[i] > src->e[i] ? dst->e[i] : src->e[i];
}
