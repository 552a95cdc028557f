/* heap_shadow.h - what the shadow says about heap blocks: an allocation is
 * a write of the block by the allocating goroutine, and a freed block's
 * first granules hold a "freed" group that makes every later access to
 * them a heap-use-after-free, ordered or not, until an allocation takes
 * the memory again (TSan's model).
 *
 * A freed granule's cells (current generation, byte mask 0: no real access
 * has an empty mask, so none of them overlaps an access):
 *   cell 0  the free: sid and epoch of the freeing goroutine; node = the
 *           free's call stack
 *   cell 1  tag READ: the allocating goroutine's id (34 bits) and the
 *           granule's index in the block (6 bits); node = the allocation
 *           stack
 *   cell 2  tag ATOMIC: the block's size (40 bits)
 *   cell 3  empty
 * Only cell 0 decides that a granule is freed; cells 1-2 only describe the
 * block and are checked before use (a racing store may have replaced one).
 */
#ifndef GOSAN_HEAP_SHADOW_H
#define GOSAN_HEAP_SHADOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "shadow.h"
#include "thread_state.h"

/* Bytes of a block whose granules an allocation writes (the rest is only
 * cleared) and that a free marks freed (the rest is cleared): the start of
 * a block is where publication and use-after-free bugs touch it, and the
 * cost stays bounded for large blocks. */
#define GS_HEAP_ALLOC_WRITE_MAX 4096u
#define GS_HEAP_FREED_MAX 1024u

/* Whether cell word v is the free of a freed granule in the generation of
 * template cur. */
static inline bool gs_cell_is_freed(uint64_t v, uint64_t cur)
{
    return (v & (GS_ACC_GEN_BITS | GS_ACC_MASK_BITS | GS_ACC_READ | GS_ACC_ATOMIC)) ==
           (cur & GS_ACC_GEN_BITS);
}

/* The block [p, p+n) was just allocated by t (prepared, checking): its
 * first granules are written by t at the allocation's call node, the rest
 * forgotten. */
void gs_heap_shadow_alloc(gs_thr *t, uintptr_t p, size_t n, uint32_t node);

/* What a freed block's allocation was. */
typedef struct gs_heap_freed_alloc {
    uint64_t goid;  /* allocating goroutine, 0: unknown */
    uint32_t node;  /* allocation stack */
} gs_heap_freed_alloc;

/* t frees [p, p+n) (already checked as a write) at call node free_node:
 * its first granules become freed, the rest is forgotten. */
void gs_heap_shadow_free(gs_thr *t, uintptr_t p, size_t n, uint32_t free_node, gs_heap_freed_alloc alloc);

/* A freed granule, as a report shows it. */
typedef struct gs_heap_freed {
    gs_cell_copy free;         /* the free: its access word (no bytes) and stack */
    bool known;                /* the fields below are valid */
    uintptr_t base;
    size_t size;
    gs_heap_freed_alloc alloc;
} gs_heap_freed;

/* Reads the freed group of the granule at addr (cells c; c[0] is a free). */
void gs_heap_freed_read(const gs_cell *c, uintptr_t addr, gs_heap_freed *out);

#endif
