/* Unit test of common/heap_map.c: blocks are found by any interior
 * address (not one past the end), small and large alike, blocks whose
 * bases share a map line stay apart, removal returns the block and forgets
 * it, the walk sees every live block, and the block being freed is still
 * found while its free runs.
 *
 * RUN: %unit_bin/unit_heap_map
 */
#include <stdint.h>

#include "heap_map.h"
#include "unit.h"

static bool count_fn(const gs_heap_block *b, void *arg)
{
    (void)b;
    ++*(unsigned *)arg;
    return true;
}

static bool stop_fn(const gs_heap_block *b, void *arg)
{
    (void)b;
    return ++*(unsigned *)arg < 2;
}

int main(void)
{
    const uintptr_t base = 0x10000000;
    gs_heap_block out;
    UT_EQ(gs_heap_find(base, &out), false);

    /* 100 small blocks of 48 bytes, 16 apart: several per 64-byte key. */
    for (unsigned i = 0; i < 100; i++)
        gs_heap_map_add(&(gs_heap_block){base + i * 64, 48, 7 + i, i});
    gs_heap_map_add(&(gs_heap_block){base + 100 * 64, 0, 1, 0});           /* malloc(0) */
    gs_heap_map_add(&(gs_heap_block){base + 0x100000, 1 << 20, 2, 5});       /* large */
    gs_heap_map_add(&(gs_heap_block){base + 0x300000 + 16, 20000, 3, 6});    /* large, odd base */
    UT_EQ(gs_heap_live_blocks(), 103);

    UT_ASSERT(gs_heap_find(base + 5 * 64 + 47, &out));
    UT_EQ(out.base, base + 5 * 64);
    UT_EQ(out.goid, 12);
    UT_EQ(gs_heap_find(base + 5 * 64 + 48, &out), false); /* one past the end */
    UT_ASSERT(gs_heap_find(base + 100 * 64, &out));
    UT_EQ(out.size, 0);
    UT_ASSERT(gs_heap_find(base + 0x100000 + 12345, &out));
    UT_EQ(out.base, base + 0x100000);
    UT_EQ(gs_heap_find(base + 0x100000 + (1 << 20), &out), false);
    UT_ASSERT(gs_heap_find(base + 0x300000 + 16 + 19999, &out));
    UT_EQ(out.goid, 3);
    UT_EQ(gs_heap_find(base + 0x300000 + 15, &out), false);

    unsigned seen = 0;
    UT_ASSERT(gs_heap_foreach(count_fn, &seen));
    UT_EQ(seen, 103);
    seen = 0;
    UT_ASSERT(gs_heap_foreach(stop_fn, &seen)); /* fn can stop the walk */
    UT_EQ(seen, 2);

    UT_ASSERT(gs_heap_map_remove(base + 5 * 64, &out));
    UT_EQ(out.node, 5);
    UT_EQ(gs_heap_find(base + 5 * 64 + 1, &out), false);
    UT_EQ(gs_heap_map_remove(base + 5 * 64, &out), false);
    UT_EQ(gs_heap_map_remove(base + 5 * 64 + 16, &out), false); /* not a base */
    UT_ASSERT(gs_heap_map_remove(base + 0x100000, &out));
    UT_EQ(out.size, 1 << 20);
    UT_EQ(gs_heap_find(base + 0x100000, &out), false);
    UT_EQ(gs_heap_live_blocks(), 101);

    /* The neighbours of a removed block are unaffected. */
    UT_ASSERT(gs_heap_find(base + 4 * 64 + 10, &out) && out.base == base + 4 * 64);
    UT_ASSERT(gs_heap_find(base + 6 * 64, &out) && out.base == base + 6 * 64);

    gs_heap_block freeing = {base + 5 * 64, 48, 99, 0};
    gs_heap_map_set_freeing(&freeing);
    UT_ASSERT(gs_heap_find(base + 5 * 64 + 3, &out) && out.goid == 99);
    gs_heap_map_set_freeing(NULL);
    UT_EQ(gs_heap_find(base + 5 * 64 + 3, &out), false);
    return ut_done("heap_map");
}
