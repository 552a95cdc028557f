/* atomic_record.c - the entries that hold a marked granule's atomic
 * records (atomic_record.h has the design and its invariants).
 *
 * A record of an entry goes from empty (an older generation) to claimed
 * (this generation and slot, no bytes: it conflicts with nothing), then to
 * the slot's access, rewritten by that slot only, every step a
 * compare-and-swap (the last one sequentially consistent: it is the
 * store of atomic_record.h's store-then-read).
 * Its node is written while it is claimed, or rewritten together with
 * the record by one 16-byte compare-and-swap (a lock object's record
 * alternates between its lock's and unlock's call nodes: lock_access.h),
 * and read with the record on both sides of it (a rewrite in between is
 * read again: every rewrite changes the record), so a report shows the
 * stack of the very access it names.
 */
#include "atomic_record.h"

#include "access.h"
#include "callnode.h"
#include "cas128.h"
#include "cell_order.h"
#include "internal_alloc.h"
#include "shadow_overflow.h"
#include "spinlock.h"

#define AREC_ENTRIES (1u << 14)
/* Lock objects (lock_access.h) take entries only below this index: a
 * program with many mutexes commits at most 2 MiB of entries for them
 * (1 KiB each), and the rest stays for atomics; beyond it their reads go
 * to the cells, as before. */
#define AREC_LOCK_ENTRIES (AREC_ENTRIES / 8)

/* One record and its node per cache line: each is rewritten by its own
 * slot, often, and read by the others rarely (plain accesses only). */
typedef struct arec_rec {
    uint64_t rec;
    uint32_t node;
} __attribute__((aligned(64))) arec_rec;

/* Rewrites r's record and node together, if they are still was and
 * was_node: one locked instruction (a full fence, as the record's
 * sequentially consistent store must be), where claiming the record,
 * storing the node and storing the record took two.  A reader pairs a
 * record with its node by reading the record on both sides of the node:
 * every rewrite changes the record. */
static bool rec_node_cas(arec_rec *r, uint64_t was, uint32_t was_node, uint64_t cur, uint32_t node)
{
    gs_u128 cmp = ((gs_u128)was_node << 64) | was;
    return gs_cas128(r, cmp, ((gs_u128)node << 64) | cur) == cmp;
}

typedef struct arec_entry {
    arec_rec r[GS_AREC_RECS];
} arec_entry;

static arec_entry *arec_tab;
static uint32_t arec_next = 1; /* 0 is no entry */
static gs_splock arec_lock = GS_SPLOCK_INIT;

static arec_entry *entry_of(uint64_t mark)
{
    uint32_t idx = gs_acc_epoch(mark) & ~GS_AREC_EPOCH_BIT;
    arec_entry *tab = __atomic_load_n(&arec_tab, __ATOMIC_ACQUIRE);
    return tab && idx && idx < AREC_ENTRIES ? &tab[idx] : NULL;
}

/* A new, empty entry's index below limit, 0 when all those are taken. */
static uint32_t take_entry(uint32_t limit)
{
    if (__atomic_load_n(&arec_next, __ATOMIC_RELAXED) >= limit)
        return 0;
    gs_splock_lock(&arec_lock);
    if (!arec_tab)
        __atomic_store_n(&arec_tab, gs_mmap_or_die(sizeof(arec_entry) * AREC_ENTRIES, "atomic records"),
                         __ATOMIC_RELEASE);
    uint32_t idx = arec_next < limit ? arec_next++ : 0;
    gs_splock_unlock(&arec_lock);
    return idx;
}

/* Marks the granule if all its cells are empty (no access of this
 * generation yet: an atomic is the first), or, for a lock object's read
 * (lock_obj), if cell GS_AREC_CELL is and no link is there (the object's
 * init or allocation is usually in cell 0: it stays there, checked by
 * every atomic after its record's store); the mark in *mark.  A plain
 * access storing meanwhile is met as any other (atomic_record.h). */
static bool mark_granule(gs_cell *c, uint64_t gen, uint64_t *mark, bool lock_obj)
{
    uint64_t seen = 0;
    for (unsigned i = 0; i < GS_CELLS; i++) {
        uint64_t v = __atomic_load_n(&c[i], __ATOMIC_RELAXED);
        if ((v & GS_ACC_GEN_BITS) == gen &&
            (!lock_obj || i == GS_AREC_CELL || (i == GS_OVF_LINK_CELL && gs_cell_is_link_of(v, gen))))
            return false;
        if (i == GS_AREC_CELL)
            seen = v;
    }
    uint32_t idx = take_entry(lock_obj ? AREC_LOCK_ENTRIES : AREC_ENTRIES);
    if (!idx)
        return false;
    *mark = gen | GS_ACC_READ | GS_ACC_ATOMIC | GS_AREC_EPOCH_BIT | idx;
    if (__atomic_compare_exchange_n(&c[GS_AREC_CELL], &seen, *mark, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
        return true;
    *mark = seen; /* someone was quicker: maybe a mark too (its entry is used, ours is lost) */
    return gs_arec_is_mark(seen, gen);
}

/* Compares the atomic cur, recorded, with the plain records of the cells
 * (and of their side-table entry).  Reports a race. */
static void check_cells_after(gs_thr *t, gs_cell *c, uint64_t cur, uintptr_t addr, uintptr_t pc)
{
    const uint64_t gen = cur & GS_ACC_GEN_BITS;
    const unsigned my_sid = gs_acc_sid(cur);
    for (unsigned i = 0; i < GS_CELLS; i++) {
        uint64_t v = __atomic_load_n(&c[i], __ATOMIC_SEQ_CST);
        if (i == GS_OVF_LINK_CELL && gs_cell_is_link_of(v, gen)) {
            gs_ovf_recheck_entry(t, v, cur, addr, pc);
            return;
        }
        if ((v & GS_ACC_GEN_BITS) != gen || !gs_cell_conflicts(v, cur) || gs_cell_before(t, v, my_sid))
            continue;
        gs_cell_copy old = {v, __atomic_load_n(gs_shadow_node(addr, i), __ATOMIC_RELAXED)};
        if (__atomic_load_n(&c[i], __ATOMIC_RELAXED) != v)
            old.node = 0; /* replaced meanwhile: its stack is gone */
        gs_race_found(t, old, cur, addr, pc);
        return;
    }
}

static bool arec_atomic(gs_thr *t, gs_cell *c, uint64_t cur, uintptr_t addr, uintptr_t pc, bool lock_obj)
{
    const uint64_t gen = cur & GS_ACC_GEN_BITS, m = cur & GS_ACC_MASK_BITS;
    const unsigned my_sid = gs_acc_sid(cur);
    uint64_t mark = __atomic_load_n(&c[GS_AREC_CELL], __ATOMIC_RELAXED);
    if (!gs_arec_is_mark(mark, gen) && !mark_granule(c, gen, &mark, lock_obj))
        return false;
    arec_entry *e = entry_of(mark);
    if (!e)
        return false;
    const unsigned home = my_sid % GS_AREC_RECS;
    const uint64_t claimed = cur & ~GS_ACC_MASK_BITS; /* no bytes: conflicts with nothing yet */
    uint32_t node = 0;
    for (;;) {
        /* The slot's records are looked for from its home record on, up to
         * the first empty one (records are never emptied in a generation):
         * the first one cur covers is rewritten, else an empty one claimed.
         * Every change is a compare-and-swap: a signal handler's atomic on
         * this very thread may rewrite the record in between (then this
         * one looks again). */
        int own = -1;
        uint64_t was = 0;
        unsigned k = 0;
        for (; k < GS_AREC_RECS; k++) {
            unsigned i = (home + k) % GS_AREC_RECS;
            uint64_t v = __atomic_load_n(&e->r[i].rec, __ATOMIC_RELAXED);
            if ((v & GS_ACC_GEN_BITS) != gen)
                break; /* empty: no record of ours beyond */
            if (gs_acc_sid(v) != my_sid)
                continue;
            if (gs_cell_same_epoch(v, cur) && !(m & ~v))
                return true; /* recorded already (and compared with the cells then) */
            if (gs_cell_covered(v, cur) && gs_cell_before(t, v, my_sid)) {
                own = (int)i;
                was = v;
                break;
            }
        }
        if (!node)
            node = gs_node_intern(gs_thr_stack_node(t), pc);
        if (own < 0) {
            for (; k < GS_AREC_RECS && own < 0; k++) {
                unsigned i = (home + k) % GS_AREC_RECS;
                uint64_t v = __atomic_load_n(&e->r[i].rec, __ATOMIC_RELAXED);
                if ((v & GS_ACC_GEN_BITS) != gen && __atomic_compare_exchange_n(&e->r[i].rec, &v, claimed, false,
                                                                                __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
                    own = (int)i;
                    was = claimed;
                }
            }
            if (own < 0)
                return false; /* every record is taken: the cells take this access */
        }
        arec_rec *r = &e->r[own];
        uint32_t was_node = __atomic_load_n(&r->node, __ATOMIC_RELAXED);
        if (was_node != node && was != claimed) {
            /* A lock's record alternates between its lock's and its
             * unlock's call nodes: one exchange of both (lock_access.h). */
            if (rec_node_cas(r, was, was_node, cur, node))
                break;
            continue;
        }
        if (was_node != node) /* a record claimed just now: it conflicts with nothing yet */
            __atomic_store_n(&r->node, node, __ATOMIC_RELEASE);
        if (__atomic_compare_exchange_n(&r->rec, &was, cur, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
            break;
    }
    check_cells_after(t, c, cur, addr, pc);
    return true;
}

bool gs_arec_atomic(gs_thr *t, gs_cell *c, uint64_t cur, uintptr_t addr, uintptr_t pc)
{
    return arec_atomic(t, c, cur, addr, pc, false);
}

bool gs_arec_lock_object(gs_thr *t, gs_cell *c, uint64_t cur, uintptr_t addr, uintptr_t pc)
{
    return arec_atomic(t, c, cur, addr, pc, true);
}

bool gs_arec_check_plain(gs_thr *t, uint64_t mark, uint64_t cur, uintptr_t addr, uintptr_t pc)
{
    arec_entry *e = entry_of(mark);
    if (!e)
        return true;
    const uint64_t gen = cur & GS_ACC_GEN_BITS;
    const unsigned my_sid = gs_acc_sid(cur);
    for (unsigned i = 0; i < GS_AREC_RECS; i++) {
        uint64_t v = __atomic_load_n(&e->r[i].rec, __ATOMIC_SEQ_CST);
        for (;;) {
            if ((v & GS_ACC_GEN_BITS) != gen || !gs_cell_conflicts(v, cur) || gs_cell_before(t, v, my_sid))
                break;
            uint32_t node = __atomic_load_n(&e->r[i].node, __ATOMIC_ACQUIRE);
            uint64_t again = __atomic_load_n(&e->r[i].rec, __ATOMIC_SEQ_CST);
            if (again != v) { /* rewritten meanwhile by its slot: judge the newer one */
                v = again;
                continue;
            }
            gs_race_found(t, (gs_cell_copy){v, node}, cur, addr, pc);
            return false;
        }
    }
    return true;
}

void gs_arec_access_slow(uintptr_t addr, unsigned size, uint64_t kind, uintptr_t pc)
{
    gs_thr *t = gs_thr_current();
    uint64_t fast = gs_thr_fast_word(t);
    if (!fast)
        return; /* not checking now */
    unsigned off = (unsigned)addr & (GS_GRANULE - 1);
    gs_cell *c = off + size <= GS_GRANULE ? gs_shadow_cells(addr) : NULL;
    if (!c) { /* not a user address, or across granules */
        gs_access_thr(t, addr, size, kind, pc);
        return;
    }
    uint64_t cur = fast | kind | ((uint64_t)(((1u << size) - 1) << off) << GS_ACC_MASK_SHIFT);
    if (!gs_cells_have(c, cur) && !gs_arec_atomic(t, c, cur, addr, pc))
        gs_check_cells_slow(t, c, cur, addr, pc);
}
