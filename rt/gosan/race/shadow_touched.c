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
 * Invariant relied on: a non-empty access word lies in a resident page.
 * Words are only ever written by stores, which commit their page; a page
 * given back (MADV_DONTNEED) reads as zeros.  A page swapped out would be
 * skipped and keep its cells (a stale cell could then report a false race
 * against the stack's new goroutine); checker runs are not expected to
 * swap, as free_meta_span (syncobj.c) assumes for meta words.  Call nodes
 * need no clearing: the node of an empty cell means nothing.
 */
#include "shadow.h"

#include <sys/mman.h>

#define PAGE GOSAN_PAGE_SIZE
#define WORD_BYTES_PER_APP_BYTE (sizeof(gs_cell) * GS_CELLS / GS_GRANULE)

/* Clears the granules of [lo, hi) (granule-aligned, one region) whose
 * access words are in resident pages. */
static void clear_resident(uintptr_t lo, uintptr_t hi)
{
    uintptr_t a = (uintptr_t)gs_shadow_cells_fast(lo);
    uintptr_t b = a + (hi - lo) * WORD_BYTES_PER_APP_BYTE;
    uintptr_t plo = a & ~(PAGE - 1), phi = (b + PAGE - 1) & ~(PAGE - 1);
    unsigned char vec[64];
    for (uintptr_t p0 = plo; p0 < phi; p0 += sizeof vec * PAGE) {
        size_t n = (phi - p0) / PAGE < sizeof vec ? (phi - p0) / PAGE : sizeof vec;
        if (mincore((void *)p0, n * PAGE, vec) != 0) {
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
    uintptr_t lo = (addr + GS_GRANULE - 1) & ~(uintptr_t)(GS_GRANULE - 1);
    uintptr_t hi = (addr + n) & ~(uintptr_t)(GS_GRANULE - 1);
    while (lo < hi) {
        uintptr_t r = lo >> GS_REGION_BITS;
        if (r >= GS_REGIONS)
            return;
        uintptr_t rend = (r + 1) << GS_REGION_BITS;
        uintptr_t chunk_hi = hi < rend ? hi : rend;
        if (gs_shadow_tab[r])
            clear_resident(lo, chunk_hi);
        lo = chunk_hi;
    }
}
