/* chan_access.c - the check of a channel's race address (a send reads the
 * channel, a close and a free write it: an unordered close and send race,
 * as in Go) by a record the channel keeps, instead of a shadow access per
 * send.  Every send is the first access of its epoch (it released into a
 * slot just before), so as a shadow access each one took the slow path:
 * 9% of a channel pipeline's checked time.
 *
 * The record (GO_CHAN_RACE_REC_SIZE bytes of the channel's own block, so
 * it lives as long as the channel) holds the close's write and up to
 * REC_SENDS sends: access word and call node, each pair changed by one
 * 16-byte compare-and-swap.  Invariants:
 *  - a send updates it before the channel's lock, where Go's racereadpc is,
 *    with its own locked instruction: concurrent senders do not lengthen
 *    the lock's hold.  The send stores its entry, then reads the close's;
 *    the close (and the free) store theirs, then read the sends' (the
 *    locked instructions are full fences): of a send and a close not
 *    ordered, at least one sees the other, and reports (both may: one
 *    report per byte, race_report.c);
 *  - a send replaces an entry only if the entry happens before it (that
 *    entry's races with a later write are the new one's: FastTrack) or is
 *    empty; with no such entry the send is a shadow read as before, and
 *    the close, finding no race in the record, checks the shadow too;
 *  - a send that takes an empty entry is a shadow read first: it meets
 *    the allocation's write (a channel published without ordering);
 *  - a send on a freed channel is found in the shadow before the record is
 *    touched (the freed lock word might look held: a hang, no report);
 *  - one report per access: a close or free that found a race in the
 *    record does not check the shadow too (nor record its write there: a
 *    later race on the channel's byte would not be reported anyway, as
 *    race_report.c reports one race per byte, like TSan).
 * test/race/chan_send_close_lockfree.c, test/stability/chan_close_send.c.
 */
#include "chan_access.h"

#include "access.h"
#include "cas128.h"
#include "cell_order.h"
#include "heap_shadow.h"

#define REC_SENDS 4u

typedef gs_u128 rec_u128;

typedef union chan_ent {
    struct {
        uint64_t acc; /* access word, 0: none */
        uint32_t node;
        uint32_t pad;
    };
    rec_u128 pair;
} chan_ent;

typedef struct chan_rec {
    chan_ent close; /* the close's write (the free's, once freed) */
    chan_ent sends[REC_SENDS];
} chan_rec;

_Static_assert(sizeof(chan_rec) <= GO_CHAN_RACE_REC_SIZE, "go_hooks.h's GO_CHAN_RACE_REC_SIZE");

/* The pair at e is seen as cmp (then replaced by xchg); returns what was
 * there.  A locked instruction: a full fence too. */
static rec_u128 ent_cas(chan_ent *e, rec_u128 cmp, rec_u128 xchg)
{
    return gs_cas128(&e->pair, cmp, xchg);
}

static rec_u128 ent_make(uint64_t acc, uint32_t node)
{
    return ((rec_u128)node << 64) | acc;
}

/* One entry's access word and node as one pair, without a locked
 * instruction: every change of an entry changes its access word. */
static chan_ent ent_read(const chan_ent *e)
{
    chan_ent r;
    for (;;) {
        r.acc = __atomic_load_n(&e->acc, __ATOMIC_ACQUIRE);
        r.node = __atomic_load_n(&e->node, __ATOMIC_ACQUIRE);
        if (__atomic_load_n(&e->acc, __ATOMIC_ACQUIRE) == r.acc)
            return r;
    }
}

/* The access word of t's access to addr's byte, 0 if t's accesses are
 * not checked now. */
static uint64_t access_word(gs_thr *t, uintptr_t addr, uint64_t kind)
{
    uint64_t fast = gs_thr_fast_word(t);
    if (!fast)
        return 0;
    return fast | kind | ((uint64_t)(1u << (addr & (GS_GRANULE - 1))) << GS_ACC_MASK_SHIFT);
}

/* Whether entry e (a send or the close) races with cur; then reported. */
static bool ent_races(gs_thr *t, chan_ent e, uint64_t cur, uintptr_t addr, uintptr_t pc)
{
    uint64_t v = e.acc;
    if (!v || (v & GS_ACC_GEN_BITS) != (cur & GS_ACC_GEN_BITS) || gs_cell_before(t, v, gs_acc_sid(cur)) ||
        !gs_cell_conflicts(v, cur))
        return false;
    gs_race_found(t, (gs_cell_copy){v, e.node}, cur, addr, pc);
    return true;
}

/* Whether a send's entry word v may be replaced by cur: empty, of an
 * older generation, or an access cur happens after. */
static bool ent_replaceable(gs_thr *t, uint64_t v, uint64_t cur)
{
    return !v || (v & GS_ACC_GEN_BITS) != (cur & GS_ACC_GEN_BITS) || gs_cell_before(t, v, gs_acc_sid(cur));
}

void gs_chan_send(gs_thr *t, void *rec, uintptr_t addr, uintptr_t pc)
{
    uint64_t cur = access_word(t, addr, GS_K_READ);
    if (!cur)
        return;
    gs_cell *c = gs_shadow_cells(addr);
    if (!rec || gs_cell_is_freed(__atomic_load_n(&c[0], __ATOMIC_RELAXED), cur)) {
        gs_access_thr(t, addr, 1, GS_K_READ, pc); /* reports a freed channel */
        return;
    }
    chan_rec *r = rec;
    const unsigned first = gs_acc_sid(cur) % REC_SENDS;
    uint32_t node = 0;
    for (unsigned tries = 0; tries < 2u * REC_SENDS; tries++) {
        chan_ent *e = NULL;
        uint64_t v = 0;
        for (unsigned i = 0; i < REC_SENDS; i++) {
            chan_ent *x = &r->sends[(first + i) % REC_SENDS];
            uint64_t w = __atomic_load_n(&x->acc, __ATOMIC_RELAXED);
            if (gs_cell_same_epoch(w, cur))
                return; /* recorded, and the close's entry read after it, by this epoch */
            if (!e && ent_replaceable(t, w, cur)) {
                e = x;
                v = w;
            }
        }
        if (!e)
            break;
        if (!v)
            gs_access_thr(t, addr, 1, GS_K_READ, pc); /* a new entry: the allocation's write */
        if (!node)
            node = gs_node_intern(gs_thr_stack_node(t), pc);
        rec_u128 old = ent_make(v, __atomic_load_n(&e->node, __ATOMIC_RELAXED));
        if (ent_cas(e, old, ent_make(cur, node)) != old)
            continue; /* changed under us: choose again */
        ent_races(t, ent_read(&r->close), cur, addr, pc);
        return;
    }
    gs_access_thr(t, addr, 1, GS_K_READ, pc); /* no entry to take: the shadow, as before */
}

/* Stores write cur as the record's close entry, having checked the one it
 * replaces; then checks the sends.  Whether it found a race. */
static bool rec_write(gs_thr *t, chan_rec *r, uint64_t cur, uintptr_t addr, uintptr_t pc)
{
    const uint32_t node = gs_node_intern(gs_thr_stack_node(t), pc);
    chan_ent old = ent_read(&r->close);
    while (ent_cas(&r->close, old.pair, ent_make(cur, node)) != old.pair)
        old = ent_read(&r->close);
    bool found = ent_races(t, old, cur, addr, pc);
    for (unsigned i = 0; i < REC_SENDS && !found; i++)
        found = ent_races(t, ent_read(&r->sends[i]), cur, addr, pc);
    return found;
}

void gs_chan_close(gs_thr *t, void *rec, uintptr_t addr, uintptr_t pc)
{
    uint64_t cur = access_word(t, addr, GS_K_WRITE);
    if (cur && (!rec || !rec_write(t, rec, cur, addr, pc)))
        gs_access_thr(t, addr, 1, GS_K_WRITE, pc);
}

void gs_chan_free(gs_thr *t, void *rec, uintptr_t addr, size_t size, uintptr_t pc)
{
    uint64_t cur = access_word(t, addr, GS_K_WRITE);
    if (cur && (!rec || !rec_write(t, rec, cur, addr, pc)))
        gs_access_thr(t, addr, size, GS_K_WRITE, pc);
}
