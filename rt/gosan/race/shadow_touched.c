/* shadow_touched.c - forgetting the history of a range whose shadow is
 * mostly untouched: a goroutine stack handed to a new goroutine.
 *
 * A 64 KiB stack has 128 KiB of access words, but a goroutine's checked
 * accesses to its own stack (escaping locals, buffers given to libc) touch
 * a page or two of them, often none.  Clearing the whole span with
 * gs_shadow_clear costs madvise calls on every spawn (with a second
 * processor running, each one a TLB shootdown): two fifths of a
 * spawn-heavy program's checked time.  Instead the kernel is asked once
 * which pages of access words are resident (mincore), and only those are
 * cleared.
 *
 * The mincore call itself was then a quarter of that time, so its answer
 * is kept per thread for SNAPS windows of WINDOW_PAGES pages of access
 * words (4 MiB of stacks each) and reused for every stack in it whose previous
 * goroutine exited before the answer was taken: from its exit to its
 * reuse nothing runs on a stack, so nothing makes its words non-zero.
 * A stack that exited after the answer asks for its own pages, unless
 * enough exits have accumulated to renew the window (RENEW_EXITS).
 * Exits are numbered (exit_count) and each stack's latest number is kept
 * in exit_tab, a direct-mapped table keyed by the stack's base; a stack
 * without its entry (evicted by another stack) asks the kernel for itself.
 *
 * Invariant relied on: a non-empty access word lies in a resident page.
 * Words are only ever written by stores, which commit their page; a page
 * given back (MADV_DONTNEED) reads as zeros.  A page swapped out would be
 * skipped and keep its cells (a stale cell could then report a false race
 * against the stack's new goroutine); checker runs are not expected to
 * swap, as free_meta_span (syncobj.c) assumes for meta words.  Call nodes
 * need no clearing: the node of an empty cell means nothing.
 */
#include "shadow.h"

#include <stdbool.h>
#include <sys/mman.h>

#define PAGE GOSAN_PAGE_SIZE
#define WORD_BYTES_PER_APP_BYTE (sizeof(gs_cell) * GS_CELLS / GS_GRANULE)

#define WINDOW_PAGES 2048u
/* A kept answer that is too old for a stack is renewed (the whole window)
 * only when at least this many goroutines exited since it was taken: then
 * it likely serves several of their stacks.  Fewer, and the stack asks for
 * its own pages: with the library's last-in first-out stack pool, a
 * goroutine that exits while its parent is still spawning has its stack
 * reused at once, and a whole-window answer served no other stack (on a
 * VM, 12 us against 4.5 us for a stack's 32 pages). */
#define RENEW_EXITS 16u
#define EXIT_TAB 4096u
#define TAG_SHIFT 40 /* exit_tab entry: stack tag << TAG_SHIFT | exit number (tags fit: user addresses have 47 bits) */

_Static_assert(GOSAN_USER_VA_BITS - 24 < 64 - TAG_SHIFT, "a stack tag fits above the exit number");

static uint64_t exit_count; /* goroutine exits with a known stack so far */
static uint64_t exit_tab[EXIT_TAB];

typedef struct window {
    uintptr_t base; /* first page of access words, 0: none */
    uint64_t taken; /* exits numbered up to this one preceded the answer */
    unsigned char vec[WINDOW_PAGES];
} window;

/* Kept answers, direct-mapped by window: a spawner's stacks come back
 * from several slabs (a 4 MiB slab of 64 stacks rarely fills one aligned
 * window), and with one kept answer each stack from the other window
 * renewed it (spawnheavy: a 2048-page call at 60% of its spawns). */
#define SNAPS 4u
static __thread window snaps[SNAPS];

/* A stack's page number is split into a tag (its high bits) and an index
 * that is a bijection of its low 12 bits for a given tag, so two stacks
 * never share both: an entry's tag names its stack exactly.  (Stacks are
 * 16 KiB or more apart: the xorshift spreads them over the table.) */
static uint64_t stack_key(uintptr_t lo) { return (uint64_t)(lo >> 12); }
static uint64_t stack_tag(uintptr_t lo) { return (stack_key(lo) >> 12) + 1; }
static uint64_t *exit_slot(uintptr_t lo)
{
    uint64_t low = stack_key(lo) & (EXIT_TAB - 1);
    return &exit_tab[(low ^ (low >> 4) ^ (stack_tag(lo) * 0x9e37u)) & (EXIT_TAB - 1)];
}

void gs_stack_exited(uintptr_t lo)
{
    /* Release: this goroutine's shadow stores precede the number, so an
     * answer taken after it has seen their pages resident. */
    uint64_t n = __atomic_add_fetch(&exit_count, 1, __ATOMIC_ACQ_REL) & ((1ull << TAG_SHIFT) - 1);
    __atomic_store_n(exit_slot(lo), stack_tag(lo) << TAG_SHIFT | n, __ATOMIC_RELAXED);
}

/* The exit number of the stack at lo's previous goroutine, or 0: unknown.
 * The library orders that exit before this reuse (its stack pool). */
static uint64_t exit_number(uintptr_t lo)
{
    uint64_t e = __atomic_load_n(exit_slot(lo), __ATOMIC_RELAXED);
    return e >> TAG_SHIFT == stack_tag(lo) ? e & ((1ull << TAG_SHIFT) - 1) : 0;
}

/* Residency of the n pages from p0 (one window), for a stack whose
 * previous goroutine exited with number ex (0: unknown): the thread's kept
 * answer if it is about the same window and taken after that exit, else a
 * new one.  NULL if the kernel would not say. */
static const unsigned char *resident_pages(uintptr_t p0, size_t n, uint64_t ex, unsigned char *own)
{
    uintptr_t base = p0 & ~(WINDOW_PAGES * PAGE - 1);
    if (!ex || (p0 + n * PAGE - 1) / (WINDOW_PAGES * PAGE) != p0 / (WINDOW_PAGES * PAGE))
        return mincore((void *)p0, n * PAGE, own) == 0 ? own : NULL;
    window *snap = &snaps[(base / (WINDOW_PAGES * PAGE)) % SNAPS];
    if (snap->base != base || snap->taken < ex) {
        uint64_t taken = __atomic_load_n(&exit_count, __ATOMIC_ACQUIRE);
        if (snap->base == base && taken - snap->taken < RENEW_EXITS)
            return mincore((void *)p0, n * PAGE, own) == 0 ? own : NULL;
        snap->base = 0;
        if (mincore((void *)base, WINDOW_PAGES * PAGE, snap->vec) != 0)
            return mincore((void *)p0, n * PAGE, own) == 0 ? own : NULL;
        snap->base = base;
        snap->taken = taken;
    }
    return snap->vec + (p0 - base) / PAGE;
}

/* Clears the granules of [lo, hi) (granule-aligned, one region) whose
 * access words are in resident pages; arg points at the stack's exit number (resident_pages). */
static void clear_resident(uintptr_t lo, uintptr_t hi, void *arg)
{
    uint64_t ex = *(const uint64_t *)arg;
    uintptr_t a = (uintptr_t)gs_shadow_cells_fast(lo);
    uintptr_t b = a + (hi - lo) * WORD_BYTES_PER_APP_BYTE;
    uintptr_t plo = a & ~(PAGE - 1), phi = (b + PAGE - 1) & ~(PAGE - 1);
    unsigned char own[64];
    for (uintptr_t p0 = plo; p0 < phi; p0 += sizeof own * PAGE) {
        size_t n = (phi - p0) / PAGE < sizeof own ? (phi - p0) / PAGE : sizeof own;
        const unsigned char *vec = resident_pages(p0, n, ex, own);
        if (!vec) {
            gs_shadow_clear(lo, hi - lo); /* cannot tell: clear it all */
            return;
        }
        for (size_t k = 0; k < n;) {
            if (!(vec[k] & 1)) {
                k++;
                continue;
            }
            size_t k1 = k;
            while (k1 < n && (vec[k1] & 1))
                k1++;
            uintptr_t wa = p0 + k * PAGE, wb = p0 + k1 * PAGE;
            if (wa < a)
                wa = a;
            if (wb > b)
                wb = b;
            uintptr_t app = lo + (wa - a) / WORD_BYTES_PER_APP_BYTE;
            gs_shadow_clear(app, (wb - wa) / WORD_BYTES_PER_APP_BYTE);
            k = k1;
        }
    }
}

void gs_shadow_clear_touched(uintptr_t addr, size_t n)
{
    uint64_t ex = exit_number(addr);
    gs_shadow_each_mapped(addr, n, clear_resident, &ex);
}
