/* shadow.c - reserving, translating and clearing shadow memory.
 *
 * Regions are mapped lazily, under one spin lock, and never unmapped: a
 * table entry goes from 0 to its final value once, so the lock-free
 * readers of gs_shadow_tab see either 0 (and come here) or the right base.
 */
#include "shadow.h"

#include <sys/mman.h>

#include "check.h"
#include "log.h"
#include "spinlock.h"

uintptr_t gs_shadow_tab[GS_REGIONS];
uintptr_t gs_node_tab[GS_REGIONS];
uintptr_t gs_meta_tab[GS_REGIONS];
static gs_splock shadow_lock = GS_SPLOCK_INIT;

#define SHADOW_REGION_SIZE ((1ull << GS_REGION_BITS) * (sizeof(gs_cell) * GS_CELLS / GS_GRANULE))
#define NODE_REGION_SIZE ((1ull << GS_REGION_BITS) * (sizeof(uint32_t) * GS_CELLS / GS_GRANULE))
#define META_REGION_SIZE ((1ull << GS_REGION_BITS) / 2)
#define PAGE GOSAN_PAGE_SIZE

static uintptr_t reserve(size_t size, const char *what)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        gs_die("cannot reserve %zu GiB of %s (is vm.overcommit_memory 2?)", size >> 30, what);
    madvise(p, size, MADV_NOHUGEPAGE);
    return (uintptr_t)p;
}

static void map_region(uintptr_t r)
{
    gs_splock_lock(&shadow_lock);
    if (!__atomic_load_n(&gs_meta_tab[r], __ATOMIC_ACQUIRE))
        __atomic_store_n(&gs_meta_tab[r], reserve(META_REGION_SIZE, "meta shadow"), __ATOMIC_RELEASE);
    if (!__atomic_load_n(&gs_node_tab[r], __ATOMIC_ACQUIRE))
        __atomic_store_n(&gs_node_tab[r], reserve(NODE_REGION_SIZE, "call-node shadow"), __ATOMIC_RELEASE);
    if (!__atomic_load_n(&gs_shadow_tab[r], __ATOMIC_ACQUIRE))
        __atomic_store_n(&gs_shadow_tab[r], reserve(SHADOW_REGION_SIZE, "shadow memory"), __ATOMIC_RELEASE);
    gs_splock_unlock(&shadow_lock);
}

gs_cell *gs_shadow_cells(uintptr_t addr)
{
    uintptr_t r = addr >> GS_REGION_BITS;
    if (r >= GS_REGIONS)
        return NULL;
    if (!__atomic_load_n(&gs_shadow_tab[r], __ATOMIC_ACQUIRE))
        map_region(r);
    /* Whoever sees the cells sees their nodes and meta words (set first). */
    GS_DCHECK(gs_node_tab[r] && gs_meta_tab[r]);
    return gs_shadow_cells_fast(addr);
}

uint32_t *gs_meta_word_if_mapped(uintptr_t addr)
{
    uintptr_t r = addr >> GS_REGION_BITS;
    if (r >= GS_REGIONS)
        return NULL;
    uintptr_t base = __atomic_load_n(&gs_meta_tab[r], __ATOMIC_ACQUIRE);
    if (!base)
        return NULL;
    return (uint32_t *)(base + ((addr & GS_REGION_MASK) >> 3) * 4);
}

uint32_t *gs_meta_word(uintptr_t addr)
{
    uintptr_t r = addr >> GS_REGION_BITS;
    if (r >= GS_REGIONS)
        return NULL;
    if (!__atomic_load_n(&gs_meta_tab[r], __ATOMIC_ACQUIRE))
        map_region(r);
    return gs_meta_word_if_mapped(addr);
}

/* Zeroes the non-zero words of [p, e): reading untouched shadow maps the
 * shared zero page, writing would commit it. */
static void zero_nonzero(uint64_t *p, uint64_t *e)
{
    for (; p < e; p++)
        if (*p)
            *p = 0;
}

/* Zeroes [lo, hi); large spans give their whole pages back.  Returns
 * whether it did (then the nodes of the span can go too). */
static bool clear_span(uintptr_t lo, uintptr_t hi)
{
    uintptr_t plo = (lo + PAGE - 1) & ~(PAGE - 1), phi = hi & ~(PAGE - 1);
    if (phi > plo && phi - plo >= 4 * PAGE) {
        zero_nonzero((uint64_t *)lo, (uint64_t *)plo);
        madvise((void *)plo, phi - plo, MADV_DONTNEED);
        zero_nonzero((uint64_t *)phi, (uint64_t *)hi);
        return true;
    }
    zero_nonzero((uint64_t *)lo, (uint64_t *)hi);
    return false;
}

/* madvise over the whole units (pages, huge pages) inside [lo, hi). */
static void advise_inner(uintptr_t lo, uintptr_t hi, uintptr_t unit, int advice)
{
    uintptr_t ulo = (lo + unit - 1) & ~(unit - 1), uhi = hi & ~(unit - 1);
    if (uhi > ulo)
        madvise((void *)ulo, uhi - ulo, advice);
}

/* The same over both halves of the node area for application bytes
 * [addr, addr+n) of one region. */
static void advise_nodes(uintptr_t addr, size_t n, uintptr_t unit, int advice)
{
    for (unsigned half = 0; half < 2; half++) {
        uintptr_t lo = (uintptr_t)gs_shadow_node(addr, 2 * half);
        advise_inner(lo, lo + n / 2, unit, advice);
    }
}

void gs_shadow_each_mapped(uintptr_t addr, size_t n, void (*fn)(uintptr_t lo, uintptr_t hi, void *arg), void *arg)
{
    /* Whole granules only: a partial granule keeps the neighbours' history. */
    uintptr_t lo = (addr + GS_GRANULE - 1) & ~(uintptr_t)(GS_GRANULE - 1);
    uintptr_t hi = (addr + n) & ~(uintptr_t)(GS_GRANULE - 1);
    while (lo < hi) {
        uintptr_t r = lo >> GS_REGION_BITS;
        if (r >= GS_REGIONS)
            return;
        uintptr_t rend = (r + 1) << GS_REGION_BITS;
        uintptr_t chunk_hi = hi < rend ? hi : rend;
        if (gs_shadow_tab[r])
            fn(lo, chunk_hi, arg);
        lo = chunk_hi;
    }
}

static void clear_mapped(uintptr_t lo, uintptr_t hi, void *arg)
{
    (void)arg;
    gs_cell *a = gs_shadow_cells_fast(lo);
    gs_cell *b = a + (hi - lo) / GS_GRANULE * GS_CELLS;
    if (clear_span((uintptr_t)a, (uintptr_t)b)) /* nodes of empty cells mean nothing: no write needed */
        advise_nodes(lo, hi - lo, PAGE, MADV_DONTNEED);
}

void gs_shadow_clear(uintptr_t addr, size_t n)
{
    if (n)
        gs_shadow_each_mapped(addr, n, clear_mapped, NULL);
}

void gs_shadow_clear_granules(uintptr_t addr, size_t n)
{
    if (!n)
        return;
    uintptr_t lo = addr & ~(uintptr_t)(GS_GRANULE - 1);
    uintptr_t hi = (addr + n + GS_GRANULE - 1) & ~(uintptr_t)(GS_GRANULE - 1);
    gs_shadow_clear(lo, hi - lo);
}

/* madvise over the 2 MiB pages wholly inside the shadow of [addr, addr+n)
 * (access words and nodes). */
static void advise_huge(uintptr_t addr, size_t n, int advice)
{
    const uintptr_t huge = 2ul << 20;
    uintptr_t r = addr >> GS_REGION_BITS;
    if (r >= GS_REGIONS || ((addr + n - 1) >> GS_REGION_BITS) != r || !gs_shadow_cells(addr))
        return;
    uintptr_t words = (uintptr_t)gs_shadow_cells_fast(addr);
    advise_inner(words, words + n * 2, huge, advice);
    advise_nodes(addr, n, huge, advice);
}

void gs_shadow_dense(uintptr_t addr, size_t n, bool dense)
{
    if (n >= GS_SHADOW_DENSE_MIN)
        advise_huge(addr, n, dense ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
}

void gs_shadow_clear_all(void)
{
    for (unsigned r = 0; r < GS_REGIONS; r++) {
        uintptr_t b = __atomic_load_n(&gs_shadow_tab[r], __ATOMIC_ACQUIRE);
        if (b)
            madvise((void *)b, SHADOW_REGION_SIZE, MADV_DONTNEED);
        uintptr_t n = __atomic_load_n(&gs_node_tab[r], __ATOMIC_ACQUIRE);
        if (n)
            madvise((void *)n, NODE_REGION_SIZE, MADV_DONTNEED);
    }
}
