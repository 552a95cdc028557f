/* heap_shadow.c - writing an allocation into the shadow, marking a freed
 * block's granules, and reading a freed group back for a report (the
 * encoding is in heap_shadow.h).
 *
 * Both writers own every granule they touch: a glibc block starts on a
 * granule and the next block starts at least a granule further (see
 * gs_shadow_clear_granules), so no neighbour's history is lost.  Stores
 * are plain, as the access path's are: a goroutine touching the block at
 * the same moment is a race the free's check or the next access sees.
 */
#include "heap_shadow.h"

#define HS_GOID_BITS 34
#define HS_INDEX_BITS 6
#define HS_SIZE_BITS 40
#define HS_TAGS (GS_ACC_GEN_BITS | GS_ACC_MASK_BITS | GS_ACC_READ | GS_ACC_ATOMIC)

_Static_assert(HS_GOID_BITS + HS_INDEX_BITS <= GS_ACC_MASK_SHIFT, "goid and index fit below the mask");
_Static_assert((GS_HEAP_FREED_MAX / GS_GRANULE) <= (1u << HS_INDEX_BITS), "granule index fits");

/* The cells of granule a: consecutive within a 1 TiB region, so only a
 * block crossing regions maps another one here; NULL for no user memory. */
static inline gs_cell *hs_cells(uintptr_t a)
{
    gs_cell *c = gs_shadow_cells_fast(a);
    return c ? c : gs_shadow_cells(a);
}

static inline void hs_store(gs_cell *c, uint64_t v)
{
    __atomic_store_n(c, v, __ATOMIC_RELAXED);
}

/* Empties c unless it is empty already: untouched shadow stays the shared
 * zero page. */
static inline void hs_clear(gs_cell *c)
{
    if (__atomic_load_n(c, __ATOMIC_RELAXED))
        hs_store(c, 0);
}

/* The byte mask of [addr, end) within addr's granule, in access-word
 * position, and the step to the next granule. */
static inline uint64_t hs_mask(uintptr_t addr, uintptr_t end, unsigned *len)
{
    unsigned off = (unsigned)addr & (GS_GRANULE - 1);
    unsigned n = GS_GRANULE - off;
    if (n > end - addr)
        n = (unsigned)(end - addr);
    *len = n;
    return (uint64_t)(((1u << n) - 1) << off) << GS_ACC_MASK_SHIFT;
}

void gs_heap_shadow_alloc(gs_thr *t, uintptr_t p, size_t n, uint32_t node)
{
    uint64_t fast = __atomic_load_n(&t->fast, __ATOMIC_RELAXED);
    size_t w = n < GS_HEAP_ALLOC_WRITE_MAX ? n : GS_HEAP_ALLOC_WRITE_MAX;
    uintptr_t end = p + w;
    if (!fast || !gs_shadow_cells(p)) {
        gs_shadow_clear_granules(p, n);
        return;
    }
    for (uintptr_t a = p; a < end;) {
        gs_cell *c = hs_cells(a);
        unsigned len;
        if (!c)
            return;
        hs_store(&c[0], fast | hs_mask(a, end, &len));
        hs_clear(&c[1]);
        hs_clear(&c[2]);
        hs_clear(&c[3]);
        __atomic_store_n(gs_shadow_node(a, 0), node, __ATOMIC_RELAXED);
        a += len;
    }
    if (n > w)
        gs_shadow_clear_granules(end, n - w);
}

void gs_heap_shadow_free(gs_thr *t, uintptr_t p, size_t n, uint32_t free_node, gs_heap_freed_alloc alloc)
{
    uint64_t fast = __atomic_load_n(&t->fast, __ATOMIC_RELAXED);
    uintptr_t gran = p & ~(uintptr_t)(GS_GRANULE - 1);
    size_t m = n < GS_HEAP_FREED_MAX ? n : GS_HEAP_FREED_MAX;
    uintptr_t end = (p + m + GS_GRANULE - 1) & ~(uintptr_t)(GS_GRANULE - 1);
    if (!fast || !n || !gs_shadow_cells(p)) {
        gs_shadow_clear_granules(p, n);
        return;
    }
    uint64_t gen = fast & GS_ACC_GEN_BITS;
    uint64_t goid = alloc.goid < (1ull << HS_GOID_BITS) ? alloc.goid : 0;
    uint64_t size = n < (1ull << HS_SIZE_BITS) ? n : (1ull << HS_SIZE_BITS) - 1;
    for (uintptr_t a = gran; a < end; a += GS_GRANULE) {
        gs_cell *c = hs_cells(a);
        if (!c)
            return;
        uint64_t index = (a - gran) / GS_GRANULE;
        hs_store(&c[0], fast);
        hs_store(&c[1], gen | GS_ACC_READ | goid | (index << HS_GOID_BITS));
        hs_store(&c[2], gen | GS_ACC_ATOMIC | size);
        hs_clear(&c[3]);
        __atomic_store_n(gs_shadow_node(a, 0), free_node, __ATOMIC_RELAXED);
        __atomic_store_n(gs_shadow_node(a, 1), alloc.node, __ATOMIC_RELAXED);
    }
    if (p + n > end)
        gs_shadow_clear_granules(end, p + n - end);
}

void gs_heap_freed_read(const gs_cell *c, uintptr_t addr, gs_heap_freed *out)
{
    uint64_t v0 = __atomic_load_n(&c[0], __ATOMIC_RELAXED);
    uint64_t v1 = __atomic_load_n(&c[1], __ATOMIC_RELAXED);
    uint64_t v2 = __atomic_load_n(&c[2], __ATOMIC_RELAXED);
    uint64_t gen = v0 & GS_ACC_GEN_BITS;
    out->free.acc = v0;
    out->free.node = __atomic_load_n(gs_shadow_node(addr, 0), __ATOMIC_RELAXED);
    out->known = (v1 & HS_TAGS) == (gen | GS_ACC_READ) && (v2 & HS_TAGS) == (gen | GS_ACC_ATOMIC);
    if (!out->known)
        return;
    uintptr_t gran = addr & ~(uintptr_t)(GS_GRANULE - 1);
    uint64_t index = (v1 >> HS_GOID_BITS) & ((1u << HS_INDEX_BITS) - 1);
    out->base = gran - index * GS_GRANULE;
    out->size = v2 & ((1ull << HS_SIZE_BITS) - 1);
    out->alloc.goid = v1 & ((1ull << HS_GOID_BITS) - 1);
    out->alloc.node = __atomic_load_n(gs_shadow_node(addr, 1), __ATOMIC_RELAXED);
}
