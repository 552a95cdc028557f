/* slot.c - slots: the small ids that index vector clocks.
 *
 * A goroutine takes a slot when it first accesses memory or synchronises
 * (not when created), keeps it while it lives, and gives it back when it
 * exits; free slots are reused oldest first (FIFO), so the goroutine that
 * used a slot last exited as long ago as possible.  A slot's epochs keep
 * counting across owners, so events never share a (slot, epoch); a new
 * owner knows its predecessors' events up to what it acquired (t->k: all
 * of them once it acquires a clock that has seen its own epochs, see
 * gs_thr_acquire_clock), and its own events are those from t->start on.
 *
 * When all GS_SLOT_MAX slots are taken (more goroutines have touched memory
 * since the last reset than there are slots), a reset starts a new
 * generation: every slot is freed, every clock is lazily zeroed by its
 * owner (gen check), and every shadow cell of an older generation reads as
 * empty.  Races between accesses on both sides of a reset are missed; see
 * docs/race.md for why this keeps 100,000 live goroutines cheap.
 *
 * Shadow cells name an access by (slot, epoch) only; the owner log keeps
 * (slot, first epoch, goroutine) per attach in the current generation, so a
 * report finds the goroutine of a cell.  The log is a ring of 4 x
 * gs_flags.goroutine_records entries (16 bytes each), emptied by a reset:
 * memory does not grow with the goroutines ever created.  When it wraps,
 * the oldest attach is dropped; since a slot's attaches have increasing
 * first epochs, a cell whose owner's entry is gone finds no retained entry
 * of its slot at or before its epoch, and is named as recycled, never as a
 * later owner.  A live goroutine holds its slot, so its cells are named
 * from the slot's owner: only finished goroutines are ever recycled.  Everything here is under slot_lock.
 */
#include <stdbool.h>

#include "check.h"
#include "flags.h"
#include "internal_alloc.h"
#include "log.h"
#include "spinlock.h"
#include "thread_state.h"

typedef struct gs_slot {
    gs_thr *owner;
    gs_epoch epoch; /* first epoch the next owner will use */
} gs_slot;

typedef struct owner_ent {
    gs_epoch start; /* first epoch of this owner */
    uint32_t sid;
    uint64_t goid;
} owner_ent;

/* One log for all slots, in attach order: appends stay on one hot line
 * (per-slot logs took a cache and TLB miss per spawn).  Entry n of the
 * generation is at owner_log[n & owner_mask]; [owner_n - ring size, owner_n)
 * are retained. */
static gs_splock slot_lock = GS_SPLOCK_INIT;
static owner_ent *owner_log GS_GUARDED_BY(slot_lock);
static uint64_t owner_mask GS_GUARDED_BY(slot_lock);
static uint64_t owner_n GS_GUARDED_BY(slot_lock); /* attaches logged in this generation */
static uint64_t owner_last[GS_SLOTS] GS_GUARDED_BY(slot_lock); /* 1 + number of the slot's latest entry, 0: none */

uint32_t gs_gen = 1;

/* The 6-bit generation stamped into cells: 1..63. */
static inline uint64_t cell_gen(uint32_t gen) { return (uint64_t)((gen - 1) % 63 + 1); }

static gs_slot slots[GS_SLOTS] GS_GUARDED_BY(slot_lock);
static uint8_t fifo[GS_SLOTS] GS_GUARDED_BY(slot_lock);
static unsigned fifo_head GS_GUARDED_BY(slot_lock), fifo_count GS_GUARDED_BY(slot_lock);
static bool slots_ready GS_GUARDED_BY(slot_lock);
static unsigned long resets GS_GUARDED_BY(slot_lock);

static void fifo_push(uint8_t sid) GS_REQUIRES(slot_lock)
{
    GS_DCHECK(fifo_count < GS_SLOT_MAX && sid >= 1 && sid <= GS_SLOT_MAX);
    fifo[(fifo_head + fifo_count++) % GS_SLOT_MAX] = sid;
}

static uint8_t fifo_pop(void) GS_REQUIRES(slot_lock)
{
    GS_DCHECK(fifo_count > 0 && gs_splock_held(&slot_lock));
    uint8_t sid = fifo[fifo_head];
    fifo_head = (fifo_head + 1) % GS_SLOT_MAX;
    fifo_count--;
    return sid;
}

static bool owner_retained(uint64_t n) GS_REQUIRES(slot_lock) { return n + owner_mask + 1 > owner_n; }

static void owner_append(uint8_t sid, gs_epoch start, uint64_t goid) GS_REQUIRES(slot_lock)
{
    uint64_t last = owner_last[sid];
    if (last && owner_retained(last - 1) && owner_log[(last - 1) & owner_mask].start == start) {
        owner_log[(last - 1) & owner_mask].goid = goid; /* re-attach with no event in between */
        return;
    }
    if (!owner_log) {
        gs_flags_init();
        uint64_t n = 64;
        while (n < 4 * (uint64_t)gs_flags.goroutine_records)
            n *= 2;
        owner_mask = n - 1;
        owner_log = gs_mmap_or_die(n * sizeof *owner_log, "slot owner log");
    }
    if (owner_n <= owner_mask) /* the first lap faults the ring in */
        gs_commit_step(owner_log, owner_n * sizeof *owner_log, sizeof *owner_log,
                       (owner_mask + 1) * sizeof *owner_log);
    owner_log[owner_n & owner_mask] = (owner_ent){start, sid, goid};
    owner_last[sid] = ++owner_n;
    /* The line four appends on (a cache line holds four entries): fetched
     * now, the append that reaches it finds it, not a miss under the lock. */
    __builtin_prefetch(&owner_log[(owner_n + 4) & owner_mask], 1);
}

/* Reports are rare: a backward scan over the retained entries for the
 * slot's latest owner that started at or before the epoch. */
static uint64_t logged_owner(unsigned sid, gs_epoch epoch) GS_REQUIRES(slot_lock)
{
    uint64_t i = owner_last[sid];
    for (; i && owner_retained(i - 1); i--) {
        const owner_ent *e = &owner_log[(i - 1) & owner_mask];
        if (e->sid == sid && e->start <= epoch)
            return e->goid;
    }
    return i ? GS_GOID_RECYCLED : GS_GOID_UNKNOWN; /* i: older entries were dropped */
}

uint64_t gs_slot_owner(uint64_t acc)
{
    unsigned sid = gs_acc_sid(acc);
    gs_epoch epoch = gs_acc_epoch(acc);
    uint64_t goid = GS_GOID_UNKNOWN;
    gs_splock_lock(&slot_lock);
    const gs_thr *cur = slots[sid].owner;
    if (((acc & GS_ACC_GEN_BITS) >> GS_ACC_GEN_SHIFT) == cell_gen(gs_gen))
        goid = cur && cur->start <= epoch ? cur->goid /* live: its entry may be dropped already */
                                          : logged_owner(sid, epoch);
    gs_splock_unlock(&slot_lock);
    return goid;
}

static void init_locked(void) GS_REQUIRES(slot_lock)
{
    for (unsigned s = 0; s < GS_SLOTS; s++)
        owner_last[s] = 0;
    owner_n = 0;
    fifo_head = fifo_count = 0;
    for (unsigned s = 1; s <= GS_SLOT_MAX; s++) {
        slots[s].owner = NULL;
        slots[s].epoch = 1;
        fifo_push((uint8_t)s);
    }
    slots_ready = true;
}

static void reset_locked(void) GS_REQUIRES(slot_lock)
{
    uint32_t gen = gs_gen + 1;
    if (cell_gen(gen) == 1)
        gs_shadow_clear_all(); /* the 6-bit stamp wraps: old cells must go */
    for (unsigned s = 1; s <= GS_SLOT_MAX; s++)
        if (slots[s].owner)
            __atomic_store_n(&slots[s].owner->fast, 0, __ATOMIC_RELAXED);
    init_locked();
    __atomic_store_n(&gs_gen, gen, __ATOMIC_RELEASE);
    resets++;
    if (gs_flags.verbosity >= 1)
        gs_warn("race detector reset #%lu: all %u slots in use; history forgotten", resets, GS_SLOT_MAX);
}

void gs_thr_sync_gen(gs_thr *t)
{
    uint32_t gen = __atomic_load_n(&gs_gen, __ATOMIC_ACQUIRE);
    if (t->gen == gen)
        return;
    gs_vc_zero(&t->clk);
    t->sid = 0;
    t->k = 0;
    t->start = 0;
    t->gen = gen;
    if (t->fence_rel)
        gs_vc_zero(t->fence_rel);
    if (t->fence_acq)
        gs_vc_zero(t->fence_acq);
    __atomic_store_n(&t->fast, 0, __ATOMIC_RELAXED);
}

void gs_thr_ignore(gs_thr *t, int delta)
{
    t->ignore += delta;
    if (t->ignore < 0)
        t->ignore = 0;
    gs_thr_refresh_fast(t);
}

void gs_thr_refresh_fast(gs_thr *t)
{
    uint64_t f = 0;
    if (t->ignore <= 0 && t->sid && t->gen == __atomic_load_n(&gs_gen, __ATOMIC_RELAXED))
        f = (uint64_t)t->clk.e[t->sid] | ((uint64_t)t->sid << GS_ACC_SID_SHIFT) |
            (cell_gen(t->gen) << GS_ACC_GEN_SHIFT);
    __atomic_store_n(&t->fast, f, __ATOMIC_RELAXED);
}

void gs_slot_attach(gs_thr *t)
{
    gs_splock_lock(&slot_lock);
    if (!slots_ready)
        init_locked();
    gs_thr_sync_gen(t);
    if (!t->sid) {
        if (!fifo_count) {
            reset_locked();
            gs_thr_sync_gen(t);
        }
        uint8_t sid = fifo_pop();
        GS_DCHECK(sid >= 1 && !slots[sid].owner); /* a queued slot is free */
        gs_vc_note_slot(sid);
        slots[sid].owner = t;
        t->sid = sid;
        t->start = slots[sid].epoch;
        t->k = t->clk.e[sid] < t->start ? t->clk.e[sid] : t->start - 1;
        t->clk.e[sid] = t->start;
        GS_DCHECK(t->k < t->start); /* what it knows of predecessors precedes its own events */
        owner_append(sid, t->start, t->goid);
    }
    gs_splock_unlock(&slot_lock);
    gs_thr_refresh_fast(t);
}

void gs_slot_detach(gs_thr *t)
{
    gs_splock_lock(&slot_lock);
    if (t->sid && t->gen == gs_gen && slots[t->sid].owner == t) {
        GS_DCHECK(t->clk.e[t->sid] >= t->start); /* epochs only grow, so the next owner's are new */
        slots[t->sid].owner = NULL;
        slots[t->sid].epoch = t->clk.e[t->sid] + 1;
        fifo_push((uint8_t)t->sid);
    }
    t->sid = 0;
    gs_splock_unlock(&slot_lock);
    __atomic_store_n(&t->fast, 0, __ATOMIC_RELAXED);
}

void gs_thr_tick(gs_thr *t)
{
    gs_thr_sync_gen(t);
    if (!t->sid)
        return;
    if (__builtin_expect(t->clk.e[t->sid] >= 0xfffffff0u, 0)) {
        /* the slot's epochs are exhausted: start a new generation */
        gs_splock_lock(&slot_lock);
        if (t->gen == gs_gen)
            reset_locked();
        gs_splock_unlock(&slot_lock);
        gs_thr_sync_gen(t);
        gs_slot_attach(t);
        return;
    }
    t->clk.e[t->sid]++;
    gs_thr_refresh_fast(t);
}

bool gs_thr_prepare(gs_thr *t)
{
    if (t->ignore > 0)
        return false;
    gs_thr_sync_gen(t);
    if (!t->sid)
        gs_slot_attach(t);
    else
        gs_thr_refresh_fast(t);
    return true;
}

/* ---- fork: the child's only thread is the forking one, and its memory
 * (shadow included) is the parent's at the instant of the fork, so every
 * event recorded there precedes the child's: the forking thread's clock
 * takes every slot's latest epoch.  slot_lock is held across the fork, so
 * the child never inherits it held by a thread that no longer exists. */

GS_NO_THREAD_SAFETY_ANALYSIS void gs_slot_fork_prepare(void)
{
    gs_splock_lock(&slot_lock);
}

GS_NO_THREAD_SAFETY_ANALYSIS void gs_slot_fork_parent(void)
{
    gs_splock_unlock(&slot_lock);
}

/* The last epoch slot s has used: its owner's current one, or, free, the
 * one before what its next owner will start at (0: never used). */
static gs_epoch slot_last_epoch(unsigned s) GS_REQUIRES(slot_lock)
{
    if (slots[s].owner)
        return slots[s].owner->clk.e[s];
    return slots[s].epoch - 1;
}

GS_NO_THREAD_SAFETY_ANALYSIS void gs_slot_fork_child(void)
{
    gs_splock_unlock(&slot_lock);
    gs_thr *t = gs_thr_current();
    if (!t)
        return;
    gs_splock_lock(&slot_lock);
    if (slots_ready) {
        gs_thr_sync_gen(t);
        for (unsigned s = 1; s <= GS_SLOT_MAX; s++) {
            gs_epoch e = slot_last_epoch(s);
            if (t->clk.e[s] < e)
                t->clk.e[s] = e;
        }
    }
    gs_splock_unlock(&slot_lock);
    gs_thr_refresh_fast(t);
}
