/* cas128.h - a 16-byte compare-and-swap (x86-64 cmpxchg16b) without
 * libatomic, for the records that keep an access word and its call node
 * side by side and change both at once (race/chan_access.c,
 * race/atomic_record.c) and for the program's own 128-bit atomics
 * (race/atomic.c).  A locked instruction: a full fence too.  *a must be
 * 16-byte aligned.
 */
#ifndef GOSAN_CAS128_H
#define GOSAN_CAS128_H

#include <stdint.h>

typedef unsigned __int128 gs_u128;

/* Replaces *a by xchg if it holds cmp; returns what *a held. */
static inline gs_u128 gs_cas128(volatile void *a, gs_u128 cmp, gs_u128 xchg)
{
    uint64_t lo = (uint64_t)cmp, hi = (uint64_t)(cmp >> 64);
    __asm__ __volatile__("lock cmpxchg16b %0"
                         : "+m"(*(volatile gs_u128 *)a), "+a"(lo), "+d"(hi)
                         : "b"((uint64_t)xchg), "c"((uint64_t)(xchg >> 64))
                         : "memory", "cc");
    return ((gs_u128)hi << 64) | lo;
}

#endif
