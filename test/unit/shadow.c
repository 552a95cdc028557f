/* Unit test of race/shadow.c and the cell encoding of shadow.h: address
 * translation (one granule, four cells; nodes in two halves; meta words per
 * 8 bytes), non-user addresses, and clearing whole granules only.
 *
 * RUN: %unit_bin/unit_shadow
 */
#include <stdint.h>
#include <sys/mman.h>

#include "shadow.h"
#include "unit.h"

static uint64_t acc(uint32_t epoch, unsigned sid, unsigned mask, bool read, unsigned gen)
{
    return epoch | (uint64_t)sid << GS_ACC_SID_SHIFT | (uint64_t)mask << GS_ACC_MASK_SHIFT |
           (read ? GS_ACC_READ : 0) | (uint64_t)gen << GS_ACC_GEN_SHIFT;
}

int main(void)
{
    /* The fields of an access word do not overlap and decode back. */
    UT_EQ(GS_ACC_MASK_BITS & GS_ACC_GEN_BITS, 0);
    UT_EQ(GS_ACC_MASK_BITS & (GS_ACC_READ | GS_ACC_ATOMIC), 0);
    UT_EQ(GS_ACC_GEN_BITS & (GS_ACC_READ | GS_ACC_ATOMIC), 0);
    uint64_t w = acc(0xfffffffeu, 255, 0x8001, true, 63);
    UT_EQ(gs_acc_epoch(w), 0xfffffffeu);
    UT_EQ(gs_acc_sid(w), 255);
    UT_EQ(gs_acc_mask(w), 0x8001);
    UT_EQ((w & GS_ACC_GEN_BITS) >> GS_ACC_GEN_SHIFT, 63);
    UT_EQ(w & GS_ACC_ATOMIC, 0);

    /* The regions cover exactly the user address space. */
    UT_EQ((uint64_t)GS_REGIONS << GS_REGION_BITS, 1ull << 47);
    UT_ASSERT(gs_shadow_cells(1ull << 47) == NULL);
    UT_ASSERT(gs_meta_word(~(uintptr_t)0) == NULL);

    char *mem = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    UT_ASSERT(mem != MAP_FAILED);
    uintptr_t a = ((uintptr_t)mem + 4095) & ~(uintptr_t)4095;
    gs_cell *c0 = gs_shadow_cells(a);
    UT_ASSERT(c0 != NULL);
    UT_ASSERT(gs_shadow_cells_fast(a) == c0); /* mapped now */
    UT_ASSERT(gs_shadow_cells(a + 15) == c0); /* one granule */
    UT_ASSERT(gs_shadow_cells(a + 16) == c0 + GS_CELLS);
    UT_ASSERT(gs_shadow_cells(a + 48) == c0 + 3 * GS_CELLS);

    /* Nodes: cells 0 and 1 adjacent, cells 2-3 in the second half. */
    UT_ASSERT(gs_shadow_node(a, 1) == gs_shadow_node(a, 0) + 1);
    UT_EQ((uintptr_t)gs_shadow_node(a, 2) - (uintptr_t)gs_shadow_node(a, 0), GS_NODE_HALF);
    UT_EQ((uintptr_t)gs_shadow_node(a + 16, 0) - (uintptr_t)gs_shadow_node(a, 0), 8);

    /* Meta words: one per 8 application bytes, mapped on demand. */
    uint32_t *m = gs_meta_word(a);
    UT_ASSERT(m != NULL);
    UT_ASSERT(gs_meta_word(a + 7) == m);
    UT_ASSERT(gs_meta_word(a + 8) == m + 1);
    UT_ASSERT(gs_meta_word_if_mapped(a + 8) == m + 1);

    /* Clearing keeps partial granules at both ends. */
    for (unsigned i = 0; i < 3 * GS_CELLS; i++)
        c0[i] = acc(i + 1, 1, 0xffff, false, 1);
    gs_shadow_clear(a + 8, 32); /* [8, 40): granule 1 only is whole */
    UT_EQ(c0[0], acc(1, 1, 0xffff, false, 1));
    UT_EQ(c0[GS_CELLS - 1], acc(GS_CELLS, 1, 0xffff, false, 1));
    for (unsigned i = GS_CELLS; i < 2 * GS_CELLS; i++)
        UT_EQ(c0[i], 0);
    UT_EQ(c0[2 * GS_CELLS], acc(2 * GS_CELLS + 1, 1, 0xffff, false, 1));
    /* ...while the granule form takes every granule touched. */
    gs_shadow_clear_granules(a + 8, 32);
    for (unsigned i = 0; i < 3 * GS_CELLS; i++)
        UT_EQ(c0[i], 0);

    /* A large clear gives pages back and still reads as empty. */
    gs_cell *big = gs_shadow_cells(a + 4096);
    for (unsigned i = 0; i < 40960 / 16 * GS_CELLS; i++)
        big[i] = 1;
    gs_shadow_clear(a + 4096, 40960);
    unsigned nonzero = 0;
    for (unsigned i = 0; i < 40960 / 16 * GS_CELLS; i++)
        nonzero += big[i] != 0;
    UT_EQ(nonzero, 0);
    UT_EQ(c0[0], 0);
    return ut_done("shadow");
}
