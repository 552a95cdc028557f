/* heap_map.c - the heap map: every live block the program allocated, its
 * size, allocating goroutine and stack (see heap_map.h).  The malloc
 * interceptors (intercept/malloc.c) add and remove blocks; reports and the
 * reachability scan look addresses up.
 *
 * Blocks smaller than HP_LARGE are indexed by the 64-byte line holding
 * their base, in a hash of chains.  Chains are grouped by seven in one
 * cache line with their lock and live count, so malloc and free touch that
 * line and the record only (a block is often freed on another processor
 * than the one that allocated it, and every shared line is a miss there).
 * The key is small so that a chain holds only a few blocks however many
 * are live around it: free, the hot operation, walks one short chain
 * (keyed by page, a chain held every block of the page and free walked ~80
 * of them in a channel pipeline).  Keys are not hashed: the 16 keys of one
 * KiB of heap share a map line, so blocks allocated one after another find
 * their line in cache (a hashed key cost a miss per malloc and per free:
 * 5% of a channel pipeline).  An interior pointer, looked up only for
 * reports, is found by probing its line and the lines before it, up to
 * HP_LARGE back.  Larger blocks live in a sorted array searched by
 * bisection.  Records come from the internal allocator.
 */
#include "heap_map.h"

#include <sched.h>
#include <string.h>

#include "check.h"
#include "internal_alloc.h"
#include "spinlock.h"

#define HP_KEY_SHIFT 6
#define HP_LARGE (16u << 10)
#define HP_LINES (1u << 15) /* 32768 lines of 7 chains: 229,376 chains, 2 MiB */
#define HP_LINE_HEADS 7
#define HP_LINE_KEYS_SHIFT 4 /* 16 keys (1 KiB of heap) per line */

typedef struct hp_rec {
    struct hp_rec *next;
    gs_heap_block b;
} hp_rec;

typedef struct hp_line {
    gs_splock lock;
    uint32_t live; /* blocks in these chains; written under lock, read without */
    hp_rec *head[HP_LINE_HEADS];
} __attribute__((aligned(GOSAN_CACHE_LINE))) hp_line;

static hp_line *hp_table; /* HP_LINES lines, mmap'ed (zero: unlocked, empty) on first use */
static gs_splock hp_table_lock = GS_SPLOCK_INIT;

static gs_splock hp_large_lock = GS_SPLOCK_INIT;
static gs_heap_block *hp_large GS_GUARDED_BY(hp_large_lock); /* sorted by base */
static size_t hp_nlarge GS_GUARDED_BY(hp_large_lock), hp_caplarge GS_GUARDED_BY(hp_large_lock);

/* Readers (report lookups, the reachability scan) may run while the world
 * is stopped, possibly with a stopped thread inside malloc holding a
 * registry lock: they give up after a while instead of hanging. */
static bool hp_lock_bounded(gs_splock *l) GS_TRY_ACQUIRE(true, l)
    GS_NO_THREAD_SAFETY_ANALYSIS /* a try-lock primitive */
{
    for (unsigned i = 0; i < 20000; i++) {
        if (gs_splock_try(l))
            return true;
        if (i < 64)
            gosan_cpu_relax();
        else
            sched_yield();
    }
    return false;
}

/* The chain of blocks whose base is in 64-byte line key, and its line. */
static hp_rec **hp_chain(hp_line *t, uintptr_t key, hp_line **lp)
{
    hp_line *l = &t[(key >> HP_LINE_KEYS_SHIFT) % HP_LINES];
    *lp = l;
    return &l->head[key % HP_LINE_HEADS];
}

static hp_line *hp_lines(void)
{
    hp_line *t = __atomic_load_n(&hp_table, __ATOMIC_ACQUIRE);
    if (t)
        return t;
    gs_splock_lock(&hp_table_lock);
    if (!hp_table)
        __atomic_store_n(&hp_table, gs_mmap_or_die(HP_LINES * sizeof(hp_line), "the heap-block registry"),
                         __ATOMIC_RELEASE);
    gs_splock_unlock(&hp_table_lock);
    return hp_table;
}

/* ---- large blocks: a sorted array */

static size_t hp_large_pos(uintptr_t base) GS_REQUIRES(hp_large_lock) /* first index with base >= base */
{
    size_t lo = 0, hi = hp_nlarge;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (hp_large[mid].base < base)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void hp_large_add(const gs_heap_block *b)
{
    gs_splock_lock(&hp_large_lock);
    if (hp_nlarge == hp_caplarge) {
        hp_caplarge = hp_caplarge ? hp_caplarge * 2 : 64;
        hp_large = gs_realloc(hp_large, hp_caplarge * sizeof *hp_large);
    }
    size_t i = hp_large_pos(b->base);
    /* Sorted, one record per base: a base is added again only after its
     * block was removed. */
    GS_DCHECK(i == hp_nlarge || hp_large[i].base != b->base);
    memmove(&hp_large[i + 1], &hp_large[i], (hp_nlarge - i) * sizeof *hp_large);
    hp_large[i] = *b;
    hp_nlarge++;
    gs_splock_unlock(&hp_large_lock);
}

static bool hp_large_remove(uintptr_t base, gs_heap_block *out)
{
    gs_splock_lock(&hp_large_lock);
    size_t i = hp_large_pos(base);
    bool found = i < hp_nlarge && hp_large[i].base == base;
    if (found) {
        *out = hp_large[i];
        memmove(&hp_large[i], &hp_large[i + 1], (hp_nlarge - i - 1) * sizeof *hp_large);
        hp_nlarge--;
    }
    gs_splock_unlock(&hp_large_lock);
    return found;
}

static bool hp_large_find(uintptr_t addr, gs_heap_block *out)
{
    if (!hp_lock_bounded(&hp_large_lock))
        return false;
    size_t i = hp_large_pos(addr + 1); /* first base > addr */
    bool found = i > 0 && addr < hp_large[i - 1].base + hp_large[i - 1].size;
    if (found)
        *out = hp_large[i - 1];
    gs_splock_unlock(&hp_large_lock);
    return found;
}

/* ---- small blocks: chains by base line */

void gs_heap_map_add(const gs_heap_block *b)
{
    if (b->size >= HP_LARGE) {
        hp_large_add(b);
        return;
    }
    hp_line *l;
    hp_rec **chain = hp_chain(hp_lines(), b->base >> HP_KEY_SHIFT, &l);
    hp_rec *r = gs_alloc(sizeof *r);
    r->b = *b;
    gs_splock_lock(&l->lock);
    r->next = *chain;
    *chain = r;
    __atomic_store_n(&l->live, l->live + 1, __ATOMIC_RELAXED);
    gs_splock_unlock(&l->lock);
}

/* Unregisters the block based at base; false if it was never registered. */
bool gs_heap_map_remove(uintptr_t base, gs_heap_block *out)
{
    hp_line *l;
    hp_rec **pp = hp_chain(hp_lines(), base >> HP_KEY_SHIFT, &l);
    hp_rec *found = NULL;
    gs_splock_lock(&l->lock);
    for (; *pp; pp = &(*pp)->next) {
        if ((*pp)->b.base == base) {
            found = *pp;
            *pp = found->next;
            GS_DCHECK(l->live > 0);
            __atomic_store_n(&l->live, l->live - 1, __ATOMIC_RELAXED);
            break;
        }
    }
    gs_splock_unlock(&l->lock);
    if (found) {
        *out = found->b;
        gs_free(found);
        return true;
    }
    return hp_large_remove(base, out);
}

static bool hp_find_small(uintptr_t addr, gs_heap_block *out)
{
    hp_line *t = __atomic_load_n(&hp_table, __ATOMIC_ACQUIRE);
    if (!t)
        return false;
    uintptr_t key = addr >> HP_KEY_SHIFT;
    /* A small block's base is at most HP_LARGE bytes below addr. */
    for (uintptr_t back = 0; back <= (HP_LARGE >> HP_KEY_SHIFT) && back <= key; back++) {
        hp_line *l;
        hp_rec **chain = hp_chain(t, key - back, &l);
        bool found = false;
        if (!hp_lock_bounded(&l->lock))
            continue;
        for (hp_rec *r = *chain; r; r = r->next) {
            if (addr >= r->b.base && addr < r->b.base + (r->b.size ? r->b.size : 1)) {
                *out = r->b;
                found = true;
                break;
            }
        }
        gs_splock_unlock(&l->lock);
        if (found)
            return true;
    }
    return false;
}

/* The block this thread is freeing: out of the map already, but a race
 * found by the free's check must still be located in it. */
static __thread gs_heap_block hp_freeing;

void gs_heap_map_set_freeing(const gs_heap_block *b)
{
    if (b)
        hp_freeing = *b;
    else
        hp_freeing.size = 0;
}

bool gs_heap_find(uintptr_t addr, gs_heap_block *out)
{
    if (hp_freeing.size && addr - hp_freeing.base < hp_freeing.size) {
        *out = hp_freeing;
        return true;
    }
    return hp_find_small(addr, out) || hp_large_find(addr, out);
}

bool gs_heap_foreach(bool (*fn)(const gs_heap_block *b, void *arg), void *arg)
{
    hp_line *t = __atomic_load_n(&hp_table, __ATOMIC_ACQUIRE);
    for (size_t i = 0; t && i < HP_LINES; i++) {
        hp_line *l = &t[i];
        if (!__atomic_load_n(&l->live, __ATOMIC_RELAXED))
            continue; /* untouched lines stay uncommitted zero pages */
        if (!hp_lock_bounded(&l->lock))
            return false;
        for (unsigned h = 0; h < HP_LINE_HEADS; h++) {
            for (hp_rec *r = l->head[h]; r; r = r->next) {
                if (!fn(&r->b, arg)) {
                    gs_splock_unlock(&l->lock);
                    return true;
                }
            }
        }
        gs_splock_unlock(&l->lock);
    }
    if (!hp_lock_bounded(&hp_large_lock))
        return false;
    for (size_t i = 0; i < hp_nlarge; i++)
        if (!fn(&hp_large[i], arg))
            break;
    gs_splock_unlock(&hp_large_lock);
    return true;
}

/* A sum of per-line counts: called rarely (sizing the reachability scan),
 * so malloc and free share no counter. */
size_t gs_heap_live_blocks(void)
{
    hp_line *t = __atomic_load_n(&hp_table, __ATOMIC_ACQUIRE);
    size_t n = __atomic_load_n(&hp_nlarge, __ATOMIC_RELAXED);
    for (size_t i = 0; t && i < HP_LINES; i++)
        n += __atomic_load_n(&t[i].live, __ATOMIC_RELAXED);
    return n;
}

