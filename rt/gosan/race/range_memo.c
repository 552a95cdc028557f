/* range_memo.c - the per-thread table of ranges checked in the current
 * epoch (range_memo.h).
 *
 * Direct-mapped by a multiplicative hash of the start address: the ranges
 * of one loop nest are usually evenly spaced (rows of a matrix), which
 * such a hash spreads over the slots.  A signal handler may run as the
 * interrupted goroutine on this thread, in the middle of a lookup or an
 * update: updates are counted (a sequence number, odd while one is under
 * way), a lookup that saw the count change or odd misses, and a handler
 * that interrupted an update changes nothing.  Small ranges are not kept:
 * walking a few granules costs about what a lookup does.
 */
#include "range_memo.h"

#include "access.h"
#include "internal_alloc.h"

#define MEMO_SLOTS 1024u    /* power of two: 32 KiB per thread that checks ranges */
#define MEMO_MIN_SIZE 64u   /* bytes: smaller ranges are walked every time */

typedef struct memo_entry {
    uint64_t tag;     /* t->fast | kind; 0: empty */
    uintptr_t addr;
    size_t size;
    uint64_t frees;   /* t->frees when checked */
} memo_entry;

static __thread memo_entry *memo;
static __thread bool memo_off; /* the thread is exiting */
static __thread unsigned memo_seq; /* updates begun + ended: odd during one */

static inline memo_entry *slot_of(uintptr_t addr)
{
    return &memo[(unsigned)(((uint64_t)addr * 0x9e3779b97f4a7c15ull) >> 54) & (MEMO_SLOTS - 1)];
}

bool gs_range_memo_seen(const gs_thr *t, uintptr_t addr, size_t size, uint64_t kind)
{
    uint64_t fast = t->fast;
    if (!memo || !fast || size < MEMO_MIN_SIZE || t->gen != __atomic_load_n(&gs_gen, __ATOMIC_RELAXED))
        return false;
    unsigned seq = memo_seq;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    const memo_entry *e = slot_of(addr);
    bool hit = (e->tag == (fast | kind) || e->tag == (fast | GS_K_WRITE)) && e->addr == addr &&
               e->size >= size && e->frees == t->frees;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    return hit && !(seq & 1) && seq == memo_seq;
}

void gs_range_memo_note(const gs_thr *t, uintptr_t addr, size_t size, uint64_t kind)
{
    uint64_t fast = t->fast;
    if (!fast || size < MEMO_MIN_SIZE || memo_off || (memo_seq & 1))
        return; /* (odd: a handler interrupted an update) */
    memo_seq++;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    if (!memo)
        memo = gs_calloc(MEMO_SLOTS, sizeof(memo_entry));
    memo_entry *e = slot_of(addr);
    e->tag = fast | kind;
    e->addr = addr;
    e->size = size;
    e->frees = t->frees;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    memo_seq++;
}

void gs_range_memo_thread_exit(void)
{
    memo_entry *m = memo;
    memo_off = true;
    memo_seq |= 1; /* from now on every lookup misses */
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    memo = NULL;
    gs_free(m);
}
