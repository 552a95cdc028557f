/* chan_access.c - the check of a channel's race address (a send reads the
 * channel, a close and a free write it: an unordered close and send race,
 * as in Go) by a record the channel keeps, instead of a shadow access per
 * send.  Every send is the first access of its epoch (it released into a
 * slot just before), so as a shadow access each one took the slow path:
 * 9% of a channel pipeline's checked time.
 *
 * The record holds the sends' access words and call nodes, at most one
 * per goroutine slot, and the close's write.  Invariants:
 *  - every call on one channel is made under the channel's lock (go_hooks.h,
 *    chan), so the record needs no lock and no compare-and-swap, and a
 *    close sees every send that took the lock before it, while a send that
 *    takes it after the close sees the close's entry;
 *  - a send whose record has an entry it happens after replaces it (that
 *    entry's races with a later write are the new one's too: FastTrack), so
 *    the record holds only sends no other entry happens before;
 *  - a send on a freed channel is found before the send takes the lock
 *    (gs_chan_send_enter: the lock word of freed memory may look held);
 *  - the first send on a channel (no record yet) is a shadow access as
 *    before: it finds the allocation's write; a close and a free
 *    check the record first, then the shadow as before (sends of select,
 *    sel_finish, stay shadow reads);
 *  - one report per access: a close or free that found a race in the
 *    record does not check the shadow too (nor record its write there: a
 *    later race on the channel's byte would not be reported anyway, as
 *    race_report.c reports one race per byte, like TSan).
 * test/race/chan_close_send_record.c and test/stability/chan_close_send.c.
 */
#include "chan_access.h"

#include "access.h"
#include "cell_order.h"
#include "heap_shadow.h"
#include "internal_alloc.h"

#define REC_INLINE 4u

typedef struct chan_ent {
    uint64_t acc; /* access word, 0: none */
    uint32_t node;
} chan_ent;

typedef struct chan_rec {
    uint32_t n, cap;
    chan_ent *ents; /* inl, or an allocated array once more than REC_INLINE */
    chan_ent close; /* the close's write */
    chan_ent inl[REC_INLINE];
} chan_rec;

/* The access word of t's access to addr's byte, 0 if t's accesses are
 * not checked now. */
static uint64_t access_word(gs_thr *t, uintptr_t addr, uint64_t kind)
{
    if (!t)
        return 0;
    if (!__atomic_load_n(&t->fast, __ATOMIC_RELAXED) || t->gen != __atomic_load_n(&gs_gen, __ATOMIC_RELAXED))
        if (!gs_thr_prepare(t))
            return 0;
    uint64_t fast = __atomic_load_n(&t->fast, __ATOMIC_RELAXED);
    if (!fast)
        return 0;
    return fast | kind | ((uint64_t)(1u << (addr & (GS_GRANULE - 1))) << GS_ACC_MASK_SHIFT);
}

/* Whether entry e (a send or the close) races with cur; then reported. */
static bool ent_races(gs_thr *t, const chan_ent *e, uint64_t cur, uintptr_t addr, uintptr_t pc)
{
    uint64_t v = e->acc;
    if (!v || (v & GS_ACC_GEN_BITS) != (cur & GS_ACC_GEN_BITS) || gs_cell_before(t, v, gs_acc_sid(cur)) ||
        !gs_cell_conflicts(v, cur))
        return false;
    gs_race_found(t, (gs_cell_copy){v, e->node}, cur, addr, pc);
    return true;
}

static chan_rec *rec_new(void **slot)
{
    chan_rec *r = gs_calloc(1, sizeof *r);
    r->cap = REC_INLINE;
    r->ents = r->inl;
    *slot = r;
    return r;
}

/* Records send cur, replacing the entries it happens after. */
static void rec_send(gs_thr *t, chan_rec *r, uint64_t cur, uintptr_t pc)
{
    const uint64_t gen = cur & GS_ACC_GEN_BITS;
    const unsigned my_sid = gs_acc_sid(cur);
    int at = -1;
    uint32_t k = 0;
    for (uint32_t i = 0; i < r->n; i++) {
        uint64_t v = r->ents[i].acc;
        if (gs_cell_same_epoch(v, cur))
            return; /* this epoch's send is recorded already */
        if ((v & GS_ACC_GEN_BITS) == gen && !gs_cell_before(t, v, my_sid)) {
            r->ents[k++] = r->ents[i]; /* concurrent with cur: kept */
        } else if (at < 0) {
            at = (int)k;
            r->ents[k++] = r->ents[i]; /* overwritten below */
        } /* else: dropped, cur stands for it */
    }
    r->n = k;
    if (at < 0) {
        if (r->n == r->cap) {
            chan_ent *more = gs_calloc(2u * r->cap, sizeof *more);
            for (uint32_t i = 0; i < r->n; i++)
                more[i] = r->ents[i];
            if (r->ents != r->inl)
                gs_free(r->ents);
            r->ents = more;
            r->cap *= 2u;
        }
        at = (int)r->n++;
    }
    r->ents[at] = (chan_ent){cur, gs_node_intern(gs_thr_stack_node(t), pc)};
}

/* A write (close, free) against the recorded sends and close. */
static bool rec_write_races(gs_thr *t, const chan_rec *r, uint64_t cur, uintptr_t addr, uintptr_t pc)
{
    for (uint32_t i = 0; i < r->n; i++)
        if (ent_races(t, &r->ents[i], cur, addr, pc))
            return true;
    return ent_races(t, &r->close, cur, addr, pc);
}

void gs_chan_send_enter(gs_thr *t, uintptr_t addr, uintptr_t pc)
{
    uint64_t cur = access_word(t, addr, GS_K_READ);
    gs_cell *c = cur ? gs_shadow_cells(addr) : NULL;
    if (c && gs_cell_is_freed(__atomic_load_n(&c[0], __ATOMIC_RELAXED), cur))
        gs_access_thr(t, addr, 1, GS_K_READ, pc); /* reports it */
}

void gs_chan_send(gs_thr *t, void **slot, uintptr_t addr, uintptr_t pc)
{
    uint64_t cur = access_word(t, addr, GS_K_READ);
    if (!cur)
        return;
    chan_rec *r = *slot;
    if (!r) {
        gs_access_thr(t, addr, 1, GS_K_READ, pc);
        r = rec_new(slot);
    } else if (ent_races(t, &r->close, cur, addr, pc)) {
        return;
    }
    rec_send(t, r, cur, pc);
}

void gs_chan_close(gs_thr *t, void **slot, uintptr_t addr, uintptr_t pc)
{
    uint64_t cur = access_word(t, addr, GS_K_WRITE);
    if (!cur)
        return;
    chan_rec *r = *slot ? *slot : rec_new(slot);
    if (!rec_write_races(t, r, cur, addr, pc))
        gs_access_thr(t, addr, 1, GS_K_WRITE, pc);
    r->close = (chan_ent){cur, gs_node_intern(gs_thr_stack_node(t), pc)};
}

void gs_chan_free(gs_thr *t, void **slot, uintptr_t addr, size_t size, uintptr_t pc)
{
    chan_rec *r = *slot;
    *slot = NULL;
    uint64_t cur = access_word(t, addr, GS_K_WRITE);
    if (cur && (!r || !rec_write_races(t, r, cur, addr, pc)))
        gs_access_thr(t, addr, size, GS_K_WRITE, pc);
    if (r && r->ents != r->inl)
        gs_free(r->ents);
    gs_free(r);
}
