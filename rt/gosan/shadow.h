/* shadow.h - shadow memory: the access history of every application byte.
 *
 * The user address space (47 bits on x86-64) is cut into 1 TiB regions
 * (addr >> 40).  The first time a region is touched, a 4 TiB MAP_NORESERVE
 * shadow (4 bytes per application byte) and a 512 GiB meta shadow (4 bytes
 * per 8 application bytes, for sync objects) are reserved for it; untouched
 * shadow pages cost nothing.  Translation is one table load and an add:
 *
 *     cells(addr) = gs_shadow_tab[addr >> 40] + (addr & (1 TiB - 1) & ~15) * 4
 *
 * One 16-byte application granule owns 4 cells of 16 bytes (one cache line).
 * A cell is one access: who (slot, epoch, goroutine id), which bytes of the
 * granule (a 16-bit mask), read/write, atomic, the reset generation it
 * belongs to, and the call-node id that rebuilds its full stack.  A cell
 * whose generation is not the current one is empty.  See docs/race.md.
 */
#ifndef GOSAN_SHADOW_H
#define GOSAN_SHADOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GS_GRANULE 16u
#define GS_CELLS 4u
#define GS_REGION_BITS 40u
#define GS_REGIONS 128u                         /* 2^47 / 2^40 */
#define GS_REGION_MASK ((1ull << GS_REGION_BITS) - 1)

typedef struct gs_cell {
    uint64_t acc;   /* the access word, layout below; 0 = never used */
    uint32_t node;  /* call node of the access (callnode.h): its full stack */
    uint32_t goid;  /* the goroutine (low 32 bits of its id) */
} gs_cell;

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

/* Base of each region's shadow, minus nothing: 0 while the region has no
 * shadow yet (then the slow path maps it). */
extern uintptr_t gs_shadow_tab[GS_REGIONS];
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
    return (gs_cell *)(base + ((addr & GS_REGION_MASK & ~(uintptr_t)(GS_GRANULE - 1)) << 2));
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
/* Gives every shadow page back (reset generation wrap-around). */
void gs_shadow_clear_all(void);

#endif
