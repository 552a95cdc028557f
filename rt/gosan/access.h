/* access.h - the FastTrack-style check of one access against the 4 cells
 * of its granule, inlined into every __gosan_read/write entry point.
 *
 * Straight-line fast path, no locks, no calls: (1) a cell identical to this
 * access (same goroutine slot, epoch, bytes, kind) means nothing new to
 * record; (2) otherwise every overlapping cell of the current generation is
 * compared with the goroutine's vector clock, and the access is stored into
 * a replaceable cell (own earlier, weaker-or-equal access of the same
 * bytes), an empty one, or a pseudo-random victim.  Only a race, a cache
 * miss of the call-node cache, or a missing shadow region leaves the line.
 */
#ifndef GOSAN_ACCESS_H
#define GOSAN_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "callnode.h"
#include "shadow.h"
#include "thr.h"

/* kind bits, as in the access word */
#define GS_K_WRITE 0ull
#define GS_K_READ GS_ACC_READ
#define GS_K_ATOMIC GS_ACC_ATOMIC

/* race.c: reports the race of cur (at addr/size/pc) with the cell copy. */
void gs_race_found(gs_thr *t, gs_cell old, uint64_t cur, uintptr_t addr, uintptr_t pc);

/* Checks and records one access inside one granule.  Returns false when it
 * raced (reported, not recorded).
 *
 * Two goroutines checking the same granule at once must not both miss the
 * other: the call node is interned before the scan (its first use can take
 * a page fault, which would hold the window between scan and store open),
 * and a store into a cell the scan saw empty is a compare-and-swap, so two
 * first accesses that both saw it empty do not overwrite each other: the
 * loser scans again and finds the winner.  Replacing our own cell, or a
 * victim, is a plain store (the common case stays cheap; what it can lose
 * is history, as in TSan, not a first access). */
static inline __attribute__((always_inline)) bool gs_check_cells(gs_thr *t, gs_cell *c, uint64_t cur,
                                                                 uintptr_t addr, uintptr_t pc)
{
    for (unsigned i = 0; i < GS_CELLS; i++) {
        uint64_t v = __atomic_load_n(&c[i].acc, __ATOMIC_RELAXED);
        if (v == cur || (v | GS_ACC_READ) == cur)
            return true;
    }
    const uint64_t gen = cur & GS_ACC_GEN_BITS, m = cur & GS_ACC_MASK_BITS;
    const unsigned my_sid = gs_acc_sid(cur);
    const uint32_t node = gs_node_intern(gs_thr_stack_node(t), pc);
    const uint64_t who = (uint64_t)node | ((uint64_t)(uint32_t)t->goid << 32);
    for (unsigned attempt = 0;; attempt++) {
        int store = -1, empty = -1;
        uint64_t seen[GS_CELLS];
        for (unsigned i = 0; i < GS_CELLS; i++) {
            uint64_t v = __atomic_load_n(&c[i].acc, __ATOMIC_RELAXED);
            seen[i] = v;
            if ((v & GS_ACC_GEN_BITS) != gen) {
                if (empty < 0)
                    empty = (int)i;
                continue;
            }
            if (v == cur || (v | GS_ACC_READ) == cur)
                return true; /* recorded by now (a retry) */
            if (!(v & m))
                continue;
            unsigned sid = gs_acc_sid(v);
            gs_epoch e = gs_acc_epoch(v);
            if (sid == my_sid) {
                if (e >= t->start) {
                    /* our own earlier access: replace it if this one is at
                     * least as strong (write >= read, plain >= atomic) */
                    if ((v & GS_ACC_MASK_BITS) == m && (!(cur & GS_ACC_READ) || (v & GS_ACC_READ)) &&
                        (!(cur & GS_ACC_ATOMIC) || (v & GS_ACC_ATOMIC)))
                        store = (int)i;
                    continue;
                }
                if (e <= t->k)
                    continue;
            } else if (e <= t->clk.e[sid]) {
                continue;
            }
            if (cur & v & (GS_ACC_READ | GS_ACC_ATOMIC))
                continue; /* two reads, or two atomics, never race */
            gs_cell old = c[i];
            old.acc = v;
            gs_race_found(t, old, cur, addr, pc);
            return false;
        }
        if (store < 0)
            store = empty >= 0 ? empty : (int)((gs_acc_epoch(cur) ^ (pc >> 3)) & (GS_CELLS - 1));
        uint64_t expect = seen[store];
        bool was_empty = (expect & GS_ACC_GEN_BITS) != gen;
        if (!was_empty || attempt >= 3) { /* attempt >= 3: contention; keep the access */
            __atomic_store_n(&c[store].acc, cur, __ATOMIC_RELAXED);
        } else if (!__atomic_compare_exchange_n(&c[store].acc, &expect, cur, false, __ATOMIC_RELAXED,
                                                __ATOMIC_RELAXED)) {
            continue; /* someone took it since the scan: check against them */
        }
        __atomic_store_n((uint64_t *)(void *)&c[store].node, who, __ATOMIC_RELAXED);
        return true;
    }
}

/* Any access, out of line: ignores, attaching, granule splits, mapping. */
void gs_access_slow(uintptr_t addr, size_t size, uint64_t kind, uintptr_t pc);

static inline __attribute__((always_inline)) void gs_access(uintptr_t addr, unsigned size, uint64_t kind,
                                                            uintptr_t pc)
{
    gs_thr *t = gs_cur;
    if (__builtin_expect(t != NULL, 1)) {
        uint64_t fast = __atomic_load_n(&t->fast, __ATOMIC_RELAXED);
        unsigned off = (unsigned)addr & (GS_GRANULE - 1);
        gs_cell *c = gs_shadow_cells_fast(addr);
        if (__builtin_expect(fast && c && off + size <= GS_GRANULE, 1)) {
            uint64_t cur = fast | kind | ((uint64_t)(((1u << size) - 1) << off) << GS_ACC_MASK_SHIFT);
            gs_check_cells(t, c, cur, addr, pc);
            return;
        }
    }
    gs_access_slow(addr, size, kind, pc);
}

#endif
