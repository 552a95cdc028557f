/* shadow.h - shadow memory: the access history of every application byte.
 *
 * The user address space (GOSAN_USER_VA_BITS, 47 on x86-64) is cut into 1 TiB regions
 * (addr >> 40).  The first time a region is touched, three MAP_NORESERVE
 * areas are reserved for it; untouched pages cost nothing:
 *   - access words, 2 bytes per application byte: one 16-byte granule owns
 *     4 words of 8 bytes (half a cache line), so the check of an access
 *     reads 32 bytes;
 *   - call nodes, 1 byte per application byte: one 32-bit node per access
 *     word, the full stack of that access (callnode.h), written with it and
 *     read only by reports.  The nodes of cells 0-1 and of cells 2-3 are in
 *     two separate halves, so memory that never needs more than two cells
 *     per granule (data with one owner, the common case) commits only the
 *     first: 40 shadow bytes per granule, not 48;
 *   - meta words, 4 bytes per 8 application bytes, for sync objects.
 * Translation is one table load and an add:
 *
 *     words(addr)   = gs_shadow_tab[addr >> 40] + (addr & (1 TiB - 1) & ~15) * 2
 *     node(addr, i) = gs_node_tab[addr >> 40] + (i / 2) * 512 GiB
 *                     + (addr & (1 TiB - 1) & ~15) / 2 + (i % 2) * 4
 *
 * An access word (a "cell") is one access: who (slot, epoch), which bytes of
 * the granule (a 16-bit mask), read/write, atomic and the reset generation
 * it belongs to.  A cell whose generation is not the current one is empty,
 * and then its node means nothing.  The goroutine of a cell is not stored:
 * (slot, epoch) names it through the slot's owner log (slot.c).  40 or 48
 * shadow bytes per 16 application bytes (2.5x or 3x); see docs/race.md.
 */
#ifndef GOSAN_SHADOW_H
#define GOSAN_SHADOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gosan_platform.h"

#define GS_GRANULE 16u
#define GS_CELLS 4u
#define GS_REGION_BITS 40u
#define GS_REGIONS (1u << (GOSAN_USER_VA_BITS - GS_REGION_BITS)) /* 128 */
#define GS_REGION_MASK ((1ull << GS_REGION_BITS) - 1)

/* One cell: the access word, layout below; 0 = never used. */
typedef uint64_t gs_cell;

/* A cell with its node, as copied out for a report. */
typedef struct gs_cell_copy {
    uint64_t acc;
    uint32_t node;
} gs_cell_copy;

/* acc: epoch 0..31 | sid 32..39 | byte mask 40..55 | read 56 | atomic 57 | gen 58..63 */
#define GS_ACC_SID_SHIFT 32
#define GS_ACC_MASK_SHIFT 40
#define GS_ACC_READ (1ull << 56)
#define GS_ACC_ATOMIC (1ull << 57)
#define GS_ACC_GEN_SHIFT 58
#define GS_ACC_MASK_BITS (0xffffull << GS_ACC_MASK_SHIFT)
#define GS_ACC_GEN_BITS (0x3full << GS_ACC_GEN_SHIFT)

static inline uint32_t gs_acc_epoch(uint64_t a) { return (uint32_t)a; }
static inline unsigned gs_acc_sid(uint64_t a) { return (unsigned)(a >> GS_ACC_SID_SHIFT) & 0xff; }
static inline unsigned gs_acc_mask(uint64_t a) { return (unsigned)(a >> GS_ACC_MASK_SHIFT) & 0xffff; }

/* Base of each region's areas: 0 while the region has no shadow yet (then
 * the slow path maps it).  gs_node_tab[r] is set before gs_shadow_tab[r]. */
extern uintptr_t gs_shadow_tab[GS_REGIONS];
extern uintptr_t gs_node_tab[GS_REGIONS];
extern uintptr_t gs_meta_tab[GS_REGIONS];

/* The 4 cells of addr's granule, or NULL when its region has no shadow yet
 * (or addr is not a user address). */
static inline gs_cell *gs_shadow_cells_fast(uintptr_t addr)
{
    uintptr_t r = addr >> GS_REGION_BITS;
    if (__builtin_expect(r >= GS_REGIONS, 0))
        return NULL;
    uintptr_t base = gs_shadow_tab[r];
    if (__builtin_expect(!base, 0))
        return NULL;
    return (gs_cell *)(base + ((addr & GS_REGION_MASK & ~(uintptr_t)(GS_GRANULE - 1)) << 1));
}

#define GS_NODE_HALF ((1ull << GS_REGION_BITS) / 2) /* bytes of one half of a region's node area */

/* The call node of cell i of addr's granule (the region is mapped: its
 * cells came from gs_shadow_cells*). */
static inline uint32_t *gs_shadow_node(uintptr_t addr, unsigned i)
{
    uintptr_t r = addr >> GS_REGION_BITS;
    return (uint32_t *)(__atomic_load_n(&gs_node_tab[r], __ATOMIC_RELAXED) + (i >> 1) * GS_NODE_HALF +
                        ((addr & GS_REGION_MASK & ~(uintptr_t)(GS_GRANULE - 1)) >> 1)) +
           (i & 1);
}

/* Same, mapping the region first if needed; NULL only for non-user
 * addresses. */
gs_cell *gs_shadow_cells(uintptr_t addr);
/* The meta word (sync object index) for addr's 8-byte word, mapping on
 * demand; NULL for non-user addresses. */
uint32_t *gs_meta_word(uintptr_t addr);
/* The meta word if its region is mapped, else NULL (lookups that must not
 * create anything). */
uint32_t *gs_meta_word_if_mapped(uintptr_t addr);

/* Forgets the history of [addr, addr+n): large ranges give their pages back
 * to the kernel, small ones are zeroed only where non-zero (untouched shadow
 * stays uncommitted). */
void gs_shadow_clear(uintptr_t addr, size_t n);
/* Forgets the history of every granule [addr, addr+n) touches: for memory
 * that owns the whole granules at its ends, a heap block (glibc's blocks
 * start granule-aligned and the next block starts at least a granule
 * further), whose partial last granule must not keep the history of the
 * block that was there before it (a false race with its new owner). */
void gs_shadow_clear_granules(uintptr_t addr, size_t n);
/* Calls fn on each piece [lo, hi) of the whole granules of [addr,
 * addr + n) that lies in one region with mapped shadow (gs_shadow_clear,
 * gs_shadow_clear_touched). */
void gs_shadow_each_mapped(uintptr_t addr, size_t n, void (*fn)(uintptr_t lo, uintptr_t hi, void *arg), void *arg);
/* Same result as gs_shadow_clear for a range whose shadow is mostly
 * untouched (a reused goroutine stack): only the resident pages of its
 * access words are cleared, no page is given back (shadow_touched.c). */
void gs_shadow_clear_touched(uintptr_t addr, size_t n);
/* The goroutine running on the stack based at lo has made its last access:
 * numbers the exit for gs_shadow_clear_touched of that stack's reuse. */
void gs_stack_exited(uintptr_t lo);
/* A heap block of at least GS_SHADOW_DENSE_MIN bytes is about to be used
 * (dense) or was freed: its shadow is faulted in by 2 MiB pages while it
 * lives (one fault instead of 512; shadow faults were a sixth of a large
 * array loop's time), by 4 KiB pages again after.  Smaller ranges and
 * sparse memory (stacks, small blocks) keep 4 KiB pages. */
#define GS_SHADOW_DENSE_MIN (4ul << 20)
void gs_shadow_dense(uintptr_t addr, size_t n, bool dense);
/* Gives every shadow page back (reset generation wrap-around). */
void gs_shadow_clear_all(void);

#endif
