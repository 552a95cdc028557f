/* Unit test of race/slot.c: attaching gives a slot and its first epoch,
 * freed slots are reused oldest first, a cell names its owner, a new
 * owner learns its predecessors' events (k), and when
 * every slot is taken a reset starts a new generation (older clocks and
 * cells read as empty).
 *
 * RUN: %unit_bin/unit_slot
 */
#include <stdlib.h>

#include "syncobj.h"
#include "thread_state.h"
#include "unit.h"

static gs_thr *thr(uint64_t goid)
{
    gs_thr *t = calloc(1, sizeof *t);
    UT_ASSERT(t);
    t->goid = goid;
    return t;
}

static uint64_t cell_of(gs_thr *t) { return t->fast; } /* the access word template */

int main(void)
{
    uint32_t gen0 = gs_gen;
    gs_thr *t1 = thr(1);
    UT_ASSERT(gs_thr_prepare(t1));
    UT_ASSERT(t1->sid != 0);
    unsigned s1 = t1->sid;
    UT_EQ(t1->clk.e[s1], t1->start);
    UT_EQ(gs_acc_sid(t1->fast), s1);
    UT_EQ(gs_acc_epoch(t1->fast), t1->start);
    gs_thr_tick(t1);
    UT_EQ(t1->clk.e[s1], t1->start + 1);
    UT_EQ(gs_acc_epoch(t1->fast), t1->start + 1);
    uint64_t c1 = cell_of(t1);
    UT_EQ(gs_slot_owner(c1), 1); /* live owner */

    /* A freed slot goes to the back of the queue: the next goroutine gets
     * another one, and the epochs of the slot keep counting. */
    gs_epoch next_epoch = t1->clk.e[s1] + 1;
    gs_slot_detach(t1);
    UT_EQ(t1->sid, 0);
    UT_EQ(t1->fast, 0);
    UT_EQ(gs_slot_owner(c1), 1); /* from the owner log */
    gs_thr *t2 = thr(2);
    gs_slot_attach(t2);
    UT_ASSERT(t2->sid != 0 && t2->sid != s1);

    /* Take every remaining slot; the last to get one is t1's old slot. */
    gs_thr *last = NULL;
    unsigned taken = 2; /* t1 (freed, queued) and t2 */
    for (uint64_t g = 3; taken < GS_SLOT_MAX + 1; g++, taken++) {
        last = thr(g);
        gs_slot_attach(last);
        UT_ASSERT(last->sid != 0);
    }
    UT_EQ(last->sid, s1);
    UT_EQ(last->start, next_epoch);
    UT_EQ(gs_slot_owner(c1), 1); /* an earlier epoch of the slot: t1's */
    UT_EQ(gs_gen, gen0);

    /* What the new owner learns of t1's events (k): the slot's entry of a
     * clock below its start, that epoch; an entry that is one of its own
     * epochs hides how much of t1's history the clock holds, so all of it. */
    gs_epoch seen[GS_SLOTS] = {0};
    seen[s1] = next_epoch - 2;
    gs_thr_acquire_clock(last, seen, s1 + 1);
    UT_EQ(last->k, next_epoch - 2);
    UT_EQ(last->clk.e[s1], last->start);
    seen[s1] = last->start;
    gs_thr_acquire_clock(last, seen, s1 + 1);
    UT_EQ(last->k, last->start - 1);
    UT_EQ(last->clk.e[s1], last->start);

    /* One more: no slot is free, a reset starts a new generation. */
    gs_thr *t_new = thr(1000);
    gs_slot_attach(t_new);
    UT_EQ(gs_gen, gen0 + 1);
    UT_ASSERT(t_new->sid != 0);
    UT_EQ(t2->fast, 0); /* old owners fall to the slow path... */
    t2->clk.e[5] = 77;
    gs_thr_sync_gen(t2); /* ...where they find their clock emptied */
    UT_EQ(t2->sid, 0);
    UT_EQ(t2->clk.e[5], 0);
    UT_EQ(t2->gen, gs_gen);
    UT_EQ(gs_slot_owner(c1), GS_GOID_UNKNOWN); /* a cell of the old generation */
    UT_ASSERT(gs_thr_prepare(t2));
    UT_ASSERT(t2->sid != 0 && t2->sid != t_new->sid);
    return ut_done("slot");
}
