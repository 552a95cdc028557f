/* shadow_overflow.c - the side table of crowded granules (shadow_overflow.h).
 *
 * The check of a linked granule is the check of its inline cells (access.c)
 * continued over the entry's cells.  Entries are handed out under one spin
 * lock, taken only when a granule spills.  The newest access is kept
 * inline where it can (a record moves to the entry to make room), so a
 * goroutine's repeated accesses within one epoch stay on the inlined fast
 * path.
 *
 * Invariants: no record leaves the granule except by the rules of
 * shadow_overflow.h (subsumed, or the weakest of more than 13), and of two
 * accesses checking the granule at once one always finds the other.
 * - A linked granule is checked and changed only under its stripe lock
 *   (ovf_stripe): access.c takes it when its scan sees the link and scans
 *   the inline cells again under it; the entry is then read and changed by
 *   one check at a time (take_entry recycling it for another granule, when
 *   the table is full, clears the tag first: see put_entry).
 * - The inline cells may still change under the lock: an access whose scan
 *   came before the link stores there without it (access.c's
 *   compare-and-swap).  So every store of a locked check into an inline
 *   cell (a record, a merge, an emptying, a move) is a compare-and-swap
 *   against what its locked scan saw; one that fails has changed nothing
 *   and the check scans again.
 * - A record that moves to the entry leaves its inline cell by that
 *   compare-and-swap and reaches the entry before the lock is released:
 *   no locked scan sees it in neither place, and it is never in both (a
 *   copy would take a cell, and past 13 records the eviction rule would
 *   drop a live record for it).
 * - After its store a locked check reads the inline cells again and
 *   compares cur with each one that changed (stored by an access without
 *   the lock); that access reads the cells again after its own store, and
 *   if the link appeared since its scan compares itself with the whole
 *   entry, under the lock (gs_ovf_recheck_entry).
 * With plain stores two accesses could take one cell and erase each other
 * (test/race/evict_crowded_granule.c READERS lost the first reader's read
 * about once in 80 runs on the debug build); compare-and-swaps without the
 * lock left a moved record in two places when the second one failed, and
 * the copies pushed a live record out (more often).  Reports are made
 * after the lock is released (the report lock comes first in the lock
 * order, spinlock.h).
 */
#include "shadow_overflow.h"

#include "atomic_record.h"

#include "access.h"
#include "cell_order.h"
#include "internal_alloc.h"
#include "spinlock.h"

typedef struct ovf_entry {
    uint64_t tag; /* the granule's address / 16 | its generation's bits; 0: free */
    gs_cell cell[GS_OVF_CELLS];
    uint32_t node[GS_OVF_CELLS];
} ovf_entry;
_Static_assert(sizeof(ovf_entry) == 128, "an entry is two cache lines");

static ovf_entry *ovf_table; /* GS_OVF_ENTRIES entries, mapped at the first spill; [0] unused */
/* Per entry, what a read checked without the stripe lock must know of the
 * entry's writes (gs_ovf_writes_before): lo = 0 when it holds none; when
 * all are one slot's, lo and hi are cell words of that slot with the
 * lowest and the highest of their epochs (a thread rewriting its own
 * fields at each new epoch stays one note); else both are
 * OVF_MANY_WRITES.  All of one slot's writes happen before a read whose
 * clock has seen the highest, or, of the read's own slot, when the lowest
 * is its own (at or past its start) or the highest one of the slot's
 * earlier owners it has seen (gs_cell_before of both ends).  The note only
 * grows while the entry is the granule's (a forgotten write stays in it):
 * noted before a write record leaves its inline cell for the entry, so a
 * reader that finds neither the record inline nor in the note finds the
 * record nowhere, only because it came after the reader's store (and then
 * that access's second look at the cells finds the reader).  hi is
 * written before lo and read after it: a reader that sees a change's lo
 * sees that change's hi or a later one (higher, or OVF_MANY_WRITES).
 * Mapped before the table. */
typedef struct ovf_note {
    uint64_t lo, hi;
} ovf_note;
static ovf_note *ovf_writes;
/* The same note of all the entry's records, reads and atomics too: what a
 * write checked without the stripe lock must know (gs_ovf_all_before). */
static ovf_note *ovf_all;
#define OVF_MANY_WRITES UINT64_MAX
static uint32_t ovf_handed; /* entries handed out so far (under ovf_lock) */
static gs_splock ovf_lock = GS_SPLOCK_INIT;

#define ACC_KIND (GS_ACC_READ | GS_ACC_ATOMIC)

static inline uint64_t ovf_tag(uintptr_t addr, uint64_t gen)
{
    return ((addr & ~(uintptr_t)(GS_GRANULE - 1)) >> 4) | gen;
}

static inline uint64_t ovf_link(uint32_t idx, uint64_t gen)
{
    return gen | GS_OVF_LINK_KIND | idx;
}

/* The entry link leads to from the granule at addr, or NULL when the link
 * is stale (the entry was given to another granule). */
static ovf_entry *ovf_entry_of(uint64_t link, uintptr_t addr)
{
    ovf_entry *tab = __atomic_load_n(&ovf_table, __ATOMIC_ACQUIRE);
    uint32_t idx = gs_acc_epoch(link);
    if (!tab || !idx || idx >= GS_OVF_ENTRIES)
        return NULL;
    ovf_entry *e = &tab[idx];
    return __atomic_load_n(&e->tag, __ATOMIC_ACQUIRE) == ovf_tag(addr, link & GS_ACC_GEN_BITS) ? e : NULL;
}

/* How much a record is worth keeping when one must go: what later accesses
 * it can race with (an atomic read only plain writes, a plain write
 * everything), then whether it is unordered with the current access (an
 * access the current goroutine has seen was likely seen by the others
 * synchronising with it too). */
static inline unsigned kind_rank(uint64_t v)
{
    return (v & GS_ACC_ATOMIC ? 0 : 2) + (v & GS_ACC_READ ? 0 : 1);
}

static inline unsigned keep_rank(const gs_thr *t, uint64_t v, unsigned my_sid)
{
    return kind_rank(v) * 2 + !gs_cell_before(t, v, my_sid);
}

/* The stripe lock of the granule at addr: every check of a linked granule
 * holds it (see the opening comment). */
#define OVF_STRIPES 64u
static gs_splock ovf_stripe[OVF_STRIPES];

static inline gs_splock *stripe_of(uintptr_t addr)
{
    uintptr_t g = addr >> 4;
    return &ovf_stripe[(g ^ (g >> 6) ^ (g >> 12)) & (OVF_STRIPES - 1)];
}

/* Stripe locks this thread is inside.  A signal handler that interrupted a
 * locked check runs its own checks of crowded granules without the lock
 * (best effort, as before the lock): taking it could wait for ever on this
 * very thread.  The count is raised before the lock is taken and lowered
 * after it is released, so a handler never sees 0 while it is held. */
static __thread unsigned ovf_depth;

void gs_ovf_lock(uintptr_t addr) GS_NO_THREAD_SAFETY_ANALYSIS /* held across access.c's scan */
{
    unsigned d = ovf_depth;
    ovf_depth = d + 1;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    if (!d)
        gs_splock_lock(stripe_of(addr));
}

void gs_ovf_unlock(uintptr_t addr) GS_NO_THREAD_SAFETY_ANALYSIS
{
    unsigned d = ovf_depth;
    if (d == 1)
        gs_splock_unlock(stripe_of(addr));
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    ovf_depth = d - 1;
}

/* Stores v into inline cell i if it still holds `expect` (what the locked
 * scan saw); false when an access without the lock stored there since. */
static inline bool put_inline(gs_cell *c, unsigned i, uint64_t expect, uint64_t v, uintptr_t addr, uint32_t node)
{
    uint32_t *np = gs_shadow_node(addr, i);
    uint32_t old = __atomic_load_n(np, __ATOMIC_RELAXED);
    if (!__atomic_compare_exchange_n(&c[i], &expect, v, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
        return false;
    if (old != node)
        __atomic_store_n(np, node, __ATOMIC_RELAXED);
    return true;
}

/* Adds record v to note n (under the stripe lock). */
static inline void note_add(ovf_note *n, uint64_t v)
{
    uint64_t key = v & (GS_ACC_GEN_BITS | GS_ACC_SID_BITS | 0xffffffffull);
    uint64_t lo = __atomic_load_n(&n->lo, __ATOMIC_RELAXED), hi = __atomic_load_n(&n->hi, __ATOMIC_RELAXED);
    if (lo == OVF_MANY_WRITES || (lo && lo <= key && key <= hi)) /* in range: the same generation and slot */
        return;
    if (lo && ((lo ^ key) & (GS_ACC_GEN_BITS | GS_ACC_SID_BITS)))
        lo = hi = OVF_MANY_WRITES;
    else if (!lo)
        lo = hi = key;
    else if (key > hi)
        hi = key;
    else
        lo = key;
    __atomic_store_n(&n->hi, hi, __ATOMIC_SEQ_CST);
    __atomic_store_n(&n->lo, lo, __ATOMIC_SEQ_CST);
}

/* Notes that v, a record about to move into entry e, is there (under the
 * stripe lock, before v leaves its inline cell): in the note of all
 * records, and, unless a read (reads race with no read), in the write
 * note. */
static inline void note_entry_record(const ovf_entry *e, uint64_t v)
{
    if (!v)
        return;
    note_add(&ovf_all[e - ovf_table], v);
    if (!(v & GS_ACC_READ))
        note_add(&ovf_writes[e - ovf_table], v);
}

/* Stores v into entry e's cell j (under the stripe lock).  If e went to
 * another granule meanwhile (only when the table is full), the record is
 * taken back: left there, it would be compared with the other granule's
 * accesses. */
static inline void put_entry(ovf_entry *e, uint64_t tag, unsigned j, uint64_t v, uint32_t node)
{
    __atomic_store_n(&e->node[j], node, __ATOMIC_RELAXED);
    __atomic_store_n(&e->cell[j], v, __ATOMIC_RELAXED);
    if (__atomic_load_n(&e->tag, __ATOMIC_ACQUIRE) != tag)
        __atomic_compare_exchange_n(&e->cell[j], &v, 0, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}

/* An inline cell other than the link, for cur to take after its record
 * moves to the entry: rotates with the epoch, so no one record stays
 * inline forever. */
static inline unsigned inline_spare(unsigned li, uint64_t cur, const uint64_t *seen)
{
    unsigned k = gs_acc_epoch(cur) % (GS_CELLS - 1);
    k = k >= li ? k + 1 : k;
    if (gs_arec_is_any_mark(seen[k])) /* a granule's atomic-record mark stays (atomic_record.h) */
        k = (k + 1) % GS_CELLS == li ? (k + 2) % GS_CELLS : (k + 1) % GS_CELLS;
    return k;
}

/* Records cur in entry cell j, keeping it inline: cur takes inline cell
 * k's place and k's record moves to cell j.  The inline cell cur went
 * into, -1 if it changed since the scan (nothing moved). */
static int put_keep_inline(gs_cell *c, const uint64_t *seen, unsigned li, ovf_entry *e, uint64_t tag, unsigned j,
                           uint64_t cur, uintptr_t addr, uint32_t node)
{
    unsigned k = inline_spare(li, cur, seen);
    uint32_t moved_node = __atomic_load_n(gs_shadow_node(addr, k), __ATOMIC_RELAXED);
    note_entry_record(e, seen[k]);
    if (!put_inline(c, k, seen[k], cur, addr, node))
        return -1;
    put_entry(e, tag, j, seen[k], moved_node);
    return (int)k;
}

/* Folds cur into an inline cell of the same slot, epoch, kind and call
 * node (access.c's merge, before a record moves for it).  The cell, -1 if
 * none; -2 if it changed since the scan. */
static int merge_inline(gs_cell *c, const uint64_t *seen, unsigned li, uint64_t cur, uintptr_t addr, uint32_t node)
{
    for (unsigned i = 0; i < GS_CELLS; i++)
        if (i != li && gs_cell_mergeable(seen[i], cur) &&
            __atomic_load_n(gs_shadow_node(addr, i), __ATOMIC_RELAXED) == node)
            return put_inline(c, i, seen[i], seen[i] | cur, addr, node) ? (int)i : -2;
    return -1;
}

/* Empties the entry's cells in `set` (under the stripe lock; subsumed by
 * cur, which is recorded by now). */
static void forget_entry(ovf_entry *e, unsigned set)
{
    for (; set; set &= set - 1)
        __atomic_store_n(&e->cell[__builtin_ctz(set)], 0, __ATOMIC_RELAXED);
}

/* Every record of the granule is needed and every cell is taken: cur goes
 * over the record least worth keeping (the inline cell it went into, -1 if
 * that changed since the scan), or nowhere if that is cur (-2). */
static int put_evicting(const gs_thr *t, gs_cell *c, const uint64_t *seen, unsigned li, ovf_entry *e,
                        uint64_t tag, const uint64_t *ov, uint64_t cur, uintptr_t addr, uint32_t node)
{
    const unsigned my_sid = gs_acc_sid(cur);
    unsigned best = kind_rank(cur) * 2 + 1; /* as an unordered record: ties keep the older */
    int victim = -1;                           /* 0..3 inline, 4.. entry */
    for (unsigned i = 0; i < GS_CELLS; i++) {
        unsigned r = keep_rank(t, seen[i], my_sid);
        if (i != li && r < best && !gs_arec_is_any_mark(seen[i])) {
            best = r;
            victim = (int)i;
        }
    }
    for (unsigned j = 0; j < GS_OVF_CELLS; j++) {
        unsigned r = keep_rank(t, ov[j], my_sid);
        if (r < best) {
            best = r;
            victim = (int)(GS_CELLS + j);
        }
    }
    if (victim < 0)
        return -2;
    if (victim < (int)GS_CELLS)
        return put_inline(c, (unsigned)victim, seen[victim], cur, addr, node) ? victim : -1;
    return put_keep_inline(c, seen, li, e, tag, (unsigned)victim - GS_CELLS, cur, addr, node);
}

/* Whether v, a cell value the scan did not see, races with cur. */
static inline bool unseen_conflicts(const gs_thr *t, uint64_t v, uint64_t cur)
{
    return (v & GS_ACC_GEN_BITS) == (cur & GS_ACC_GEN_BITS) && !gs_cell_before(t, v, gs_acc_sid(cur)) &&
           gs_cell_conflicts(v, cur);
}

/* The second look after cur went into inline cell `store` (under the
 * stripe lock): empties the inline cells in `forget` that still hold what
 * the scan saw, and compares cur with every inline cell that changed since
 * (an access without the lock stored it).  GS_OVF_RACED with the record in
 * *old, else GS_OVF_DONE. */
static int after_store(const gs_thr *t, gs_cell *c, const uint64_t *seen, unsigned store, unsigned forget,
                       uint64_t cur, uintptr_t addr, gs_cell_copy *old)
{
    for (unsigned i = 0; i < GS_CELLS; i++) {
        if (i == store)
            continue;
        uint64_t v;
        if (gs_cell_changed_since_scan(c, i, seen[i], forget & (1u << i), &v) && unseen_conflicts(t, v, cur)) {
            *old = (gs_cell_copy){v, __atomic_load_n(gs_shadow_node(addr, i), __ATOMIC_RELAXED)};
            return GS_OVF_RACED;
        }
    }
    return GS_OVF_DONE;
}

/* gs_ovf_check's work, under the stripe lock; a race's record in *old. */
static int check_locked(gs_thr *t, gs_cell *c, const uint64_t *seen, unsigned li, uint64_t cur, uintptr_t addr,
                        uint32_t node, unsigned inl_covered, int inl_empty, uint64_t mine, gs_cell_copy *old)
{
    const uint64_t gen = cur & GS_ACC_GEN_BITS, m = cur & GS_ACC_MASK_BITS;
    const unsigned my_sid = gs_acc_sid(cur);
    ovf_entry *e = ovf_entry_of(seen[li], addr);
    if (!e) { /* a stale link: an empty cell */
        unsigned i = inl_covered ? (unsigned)__builtin_ctz(inl_covered) : inl_empty >= 0 ? (unsigned)inl_empty : li;
        if (!put_inline(c, i, seen[i], cur, addr, node))
            return GS_OVF_AGAIN;
        return after_store(t, c, seen, i, inl_covered & ~(1u << i), cur, addr, old);
    }
    const uint64_t tag = ovf_tag(addr, gen);
    uint64_t ov[GS_OVF_CELLS];
    unsigned covered = 0;
    int empty = -1;
    for (unsigned j = 0; j < GS_OVF_CELLS; j++) {
        uint64_t v = __atomic_load_n(&e->cell[j], __ATOMIC_RELAXED);
        ov[j] = v;
        if ((v & GS_ACC_GEN_BITS) != gen) {
            if (empty < 0)
                empty = (int)j;
            continue;
        }
        if (gs_cell_same_epoch(v, cur)) {
            mine |= v & m;
            if (mine == m)
                return GS_OVF_DONE; /* recorded by now */
        }
        if (gs_cell_before(t, v, my_sid)) {
            if (gs_cell_covered(v, cur))
                covered |= 1u << j;
            continue;
        }
        if (!gs_cell_conflicts(v, cur))
            continue;
        *old = (gs_cell_copy){v, __atomic_load_n(&e->node[j], __ATOMIC_RELAXED)};
        if (__atomic_load_n(&e->tag, __ATOMIC_ACQUIRE) != tag)
            return GS_OVF_DONE; /* the entry went to another granule while we read it: not ours */
        return GS_OVF_RACED;
    }
    int s; /* the inline cell cur went into; -1: it changed since the scan; -2: cur is stored nowhere */
    unsigned inl_forget = 0, forget = covered;
    if (inl_covered) {
        unsigned i = (unsigned)__builtin_ctz(inl_covered);
        inl_forget = inl_covered & ~(1u << i);
        s = put_inline(c, i, seen[i], cur, addr, node) ? (int)i : -1;
    } else if (inl_empty >= 0) {
        s = put_inline(c, (unsigned)inl_empty, seen[inl_empty], cur, addr, node) ? inl_empty : -1;
    } else if (covered) {
        unsigned j = (unsigned)__builtin_ctz(covered);
        forget &= ~(1u << j);
        s = put_keep_inline(c, seen, li, e, tag, j, cur, addr, node);
    } else if ((s = merge_inline(c, seen, li, cur, addr, node)) == -1) {
        s = empty >= 0 ? put_keep_inline(c, seen, li, e, tag, (unsigned)empty, cur, addr, node)
                       : put_evicting(t, c, seen, li, e, tag, ov, cur, addr, node);
    } else if (s == -2) {
        s = -1;
    }
    if (s == -1)
        return GS_OVF_AGAIN;
    if (s == -2)
        return GS_OVF_DONE;
    forget_entry(e, forget); /* subsumed by cur, recorded now */
    return after_store(t, c, seen, (unsigned)s, inl_forget, cur, addr, old);
}

int gs_ovf_check(gs_thr *t, gs_cell *c, const uint64_t *seen, unsigned li, uint64_t cur, uintptr_t addr,
                 uintptr_t pc, uint32_t node, unsigned inl_covered, int inl_empty, uint64_t mine)
{
    gs_cell_copy old;
    int r = check_locked(t, c, seen, li, cur, addr, node, inl_covered, inl_empty, mine, &old);
    gs_ovf_unlock(addr);
    if (r == GS_OVF_RACED)
        gs_race_found(t, old, cur, addr, pc);
    return r;
}

bool gs_ovf_recheck_entry(gs_thr *t, uint64_t link, uint64_t cur, uintptr_t addr, uintptr_t pc)
{
    gs_ovf_lock(addr);
    ovf_entry *e = ovf_entry_of(link, addr);
    gs_cell_copy old = {0, 0};
    for (unsigned j = 0; e && j < GS_OVF_CELLS && !old.acc; j++) {
        uint64_t v = __atomic_load_n(&e->cell[j], __ATOMIC_RELAXED);
        if (unseen_conflicts(t, v, cur))
            old = (gs_cell_copy){v, __atomic_load_n(&e->node[j], __ATOMIC_RELAXED)};
    }
    gs_ovf_unlock(addr);
    if (!old.acc)
        return true;
    gs_race_found(t, old, cur, addr, pc);
    return false;
}

/* Whether every record note n covers happens before cur (n: the entry's
 * note in ovf_writes or ovf_all). */
static bool note_before(const gs_thr *t, const ovf_note *n, uint64_t cur)
{
    uint64_t lo = __atomic_load_n(&n->lo, __ATOMIC_SEQ_CST);
    if (!lo)
        return true;
    uint64_t hi = __atomic_load_n(&n->hi, __ATOMIC_SEQ_CST);
    if (lo == OVF_MANY_WRITES || hi == OVF_MANY_WRITES || !hi || ((lo ^ hi) & (GS_ACC_GEN_BITS | GS_ACC_SID_BITS)))
        return false; /* several slots' writes, or the entry was emptied in between: compare with each */
    if ((lo & GS_ACC_GEN_BITS) != (cur & GS_ACC_GEN_BITS))
        return true;
    unsigned sid = gs_acc_sid(lo);
    if (sid == gs_acc_sid(cur))
        return gs_acc_epoch(lo) >= t->start || gs_acc_epoch(hi) <= t->k;
    return gs_acc_epoch(hi) <= t->clk.e[sid];
}

bool gs_ovf_writes_before(const gs_thr *t, uint64_t link, uint64_t cur, uintptr_t addr)
{
    const ovf_entry *e = ovf_entry_of(link, addr);
    if (!e)
        return true; /* stale: its records went with the entry (eviction) */
    return note_before(t, &ovf_writes[e - ovf_table], cur);
}

bool gs_ovf_all_before(const gs_thr *t, uint64_t link, uint64_t cur, uintptr_t addr)
{
    const ovf_entry *e = ovf_entry_of(link, addr);
    if (!e)
        return true; /* stale, as above */
    return note_before(t, &ovf_all[e - ovf_table], cur);
}

/* Whether entry idx is still some granule's (its granule links to it). */
static bool entry_live(const ovf_entry *tab, uint32_t idx, uint64_t gen)
{
    uint64_t tag = __atomic_load_n(&tab[idx].tag, __ATOMIC_RELAXED);
    if (!tag || (tag & GS_ACC_GEN_BITS) != gen)
        return false;
    const gs_cell *c = gs_shadow_cells_fast((uintptr_t)((tag & ~GS_ACC_GEN_BITS) << 4));
    if (!c)
        return false;
    for (unsigned i = 0; i < GS_CELLS; i++)
        if (__atomic_load_n(&c[i], __ATOMIC_RELAXED) == ovf_link(idx, gen))
            return true;
    return false;
}

/* An entry for a new link, emptied (under ovf_lock): the next one not in
 * use, looking a few ahead; past that the oldest one is taken anyway. */
static uint32_t take_entry(ovf_entry *tab, uint64_t gen)
{
    uint32_t idx = 0;
    for (unsigned probe = 0; probe < 8; probe++) {
        idx = 1 + ovf_handed++ % (GS_OVF_ENTRIES - 1);
        if (!entry_live(tab, idx, gen))
            break;
    }
    ovf_entry *e = &tab[idx];
    __atomic_store_n(&e->tag, 0, __ATOMIC_RELEASE); /* stale readers stop trusting it first */
    for (unsigned j = 0; j < GS_OVF_CELLS; j++)
        __atomic_store_n(&e->cell[j], 0, __ATOMIC_RELAXED);
    __atomic_store_n(&ovf_writes[idx].lo, 0, __ATOMIC_SEQ_CST); /* its cells hold nothing now */
    __atomic_store_n(&ovf_writes[idx].hi, 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&ovf_all[idx].lo, 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&ovf_all[idx].hi, 0, __ATOMIC_SEQ_CST);
    return idx;
}

int gs_ovf_spill(gs_thr *t, gs_cell *c, const uint64_t *seen, uint64_t cur, uintptr_t addr, uintptr_t pc,
                 uint32_t node)
{
    const uint64_t gen = cur & GS_ACC_GEN_BITS;
    const unsigned li = GS_OVF_LINK_CELL, ki = GS_CELLS - 2; /* cur takes cell 2 */
    gs_ovf_lock(addr);
    gs_splock_lock(&ovf_lock);
    ovf_entry *tab = ovf_table;
    if (!tab) {
        ovf_writes = gs_mmap_or_die((size_t)GS_OVF_ENTRIES * sizeof(ovf_note), "shadow overflow notes");
        ovf_all = gs_mmap_or_die((size_t)GS_OVF_ENTRIES * sizeof(ovf_note), "shadow overflow notes");
        tab = gs_mmap_or_die((size_t)GS_OVF_ENTRIES * sizeof(ovf_entry), "shadow overflow table");
        __atomic_store_n(&ovf_table, tab, __ATOMIC_RELEASE);
    }
    uint32_t idx = take_entry(tab, gen);
    ovf_entry *e = &tab[idx];
    note_entry_record(e, seen[li]);
    note_entry_record(e, seen[ki]);
    e->cell[0] = seen[li];
    e->node[0] = __atomic_load_n(gs_shadow_node(addr, li), __ATOMIC_RELAXED);
    e->cell[1] = seen[ki];
    e->node[1] = __atomic_load_n(gs_shadow_node(addr, ki), __ATOMIC_RELAXED);
    __atomic_store_n(&e->tag, ovf_tag(addr, gen), __ATOMIC_RELEASE);
    uint64_t expect = seen[li];
    bool linked = __atomic_compare_exchange_n(&c[li], &expect, ovf_link(idx, gen), false, __ATOMIC_SEQ_CST,
                                              __ATOMIC_RELAXED);
    if (!linked)
        __atomic_store_n(&e->tag, 0, __ATOMIC_RELAXED); /* free again */
    gs_splock_unlock(&ovf_lock);
    int r = GS_OVF_AGAIN;
    gs_cell_copy old;
    if (linked && !put_inline(c, ki, seen[ki], cur, addr, node)) {
        /* an access without the lock took cell 2 over what the scan saw
         * there, which it subsumed: no copy of that record stays */
        __atomic_store_n(&e->cell[1], 0, __ATOMIC_RELAXED);
    } else if (linked) {
        uint64_t now[GS_CELLS]; /* the link is our own change, not one to compare with */
        for (unsigned i = 0; i < GS_CELLS; i++)
            now[i] = i == li ? ovf_link(idx, gen) : seen[i];
        r = after_store(t, c, now, ki, 0, cur, addr, &old);
    }
    gs_ovf_unlock(addr);
    if (r == GS_OVF_RACED)
        gs_race_found(t, old, cur, addr, pc);
    return r;
}
