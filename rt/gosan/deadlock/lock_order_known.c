/* lock_order_known.c - the per-thread cache of known lock orders (see
 * lock_order_known.h): a small direct-mapped table in thread-local
 * storage.  A collision replaces the older entry; the working set of a
 * thread's nested locks is small, so the table is too.
 *
 * Invariant: only the owning thread reads or writes its table, and an
 * entry is used only with the generation it was stored with.
 */
#include "lock_order_known.h"

#define LK_SLOTS 64u /* power of two */

typedef struct lk_entry {
    uintptr_t from, to;
    uint32_t gen;  /* 0: empty (the graph's generations start at 1) */
    uint32_t edge;
    uint8_t modes; /* bit 0: from held for writing, bit 1: to acquired for writing */
} lk_entry;

static __thread lk_entry lk_table[LK_SLOTS];

static inline uint8_t lk_modes(bool from_w, bool to_w)
{
    return (uint8_t)(from_w | (to_w << 1));
}

static inline lk_entry *lk_slot(uintptr_t from, uintptr_t to, uint8_t modes)
{
    uint64_t h = ((uint64_t)from * 0x9e3779b97f4a7c15ull) ^ ((uint64_t)to * 0xc2b2ae3d27d4eb4full) ^ modes;
    return &lk_table[(h >> 32) & (LK_SLOTS - 1)];
}

uint32_t gs_lo_known(uintptr_t from, uintptr_t to, bool from_w, bool to_w, uint32_t gen)
{
    uint8_t modes = lk_modes(from_w, to_w);
    const lk_entry *e = lk_slot(from, to, modes);
    if (e->gen == gen && e->from == from && e->to == to && e->modes == modes)
        return e->edge;
    return 0;
}

void gs_lo_known_add(uintptr_t from, uintptr_t to, bool from_w, bool to_w, uint32_t gen, uint32_t edge)
{
    uint8_t modes = lk_modes(from_w, to_w);
    lk_entry *e = lk_slot(from, to, modes);
    *e = (lk_entry){.from = from, .to = to, .gen = gen, .edge = edge, .modes = modes};
}
