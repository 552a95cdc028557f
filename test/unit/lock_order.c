/* Unit test of deadlock/lock_order.c: an inversion is reported, and a
 * mutex whose memory is freed leaves the graph with its edges, in and
 * out, whether freed alone or inside a large range: a new mutex at the
 * same address starts with no orders (else its first use in the other
 * order would report a false inversion).  Reports are counted through
 * gs_report_count (they print to stderr, checked below).  Every order here
 * is made at the same code location (no stacks), so the graph checks run
 * with report_dedup=0 (every cycle reported); the last one turns it on:
 * a cycle at the code locations of one reported is counted, not reported.
 *
 * RUN: env GOSAN_OPTIONS=symbolize=0:halt_on_error=0:exitcode=0:report_dedup=0 %unit_bin/unit_lock_order 2>&1 | FileCheck %s
 * CHECK: WARNING: gosan: lock-order inversion
 * CHECK: WARNING: gosan: lock-order inversion
 * CHECK: WARNING: gosan: lock-order inversion
 * CHECK-NOT: WARNING: gosan: lock-order inversion
 * CHECK: lock_order: OK
 */
#include <stdint.h>

#include "lock_order.h"
#include "exit_status.h"
#include "flags.h"
#include "unit.h"

#define M(i) ((uintptr_t)0x600000000000ull + (i) * 64)

static uint64_t goid = 1;

/* A new goroutine holding `held` waits for `m` (write locks). */
static void order(uintptr_t held, uintptr_t m)
{
    gs_lo_held h = {held, 0, true, false};
    gs_lo_acquire(goid++, &h, 1, m, false, true, 0);
}

int main(void)
{
    /* The control: A->B, then B->A, is an inversion. */
    order(M(0), M(1));
    UT_EQ(gs_report_count(), 0);
    order(M(1), M(0));
    UT_EQ(gs_report_count(), 1);

    /* The target of an edge is freed: A->D goes with D. */
    order(M(2), M(3));
    gs_lo_forget_range(M(3), 8);
    order(M(3), M(2)); /* a new mutex at D's address */
    UT_EQ(gs_report_count(), 1);

    /* The source of an edge is freed: E->F goes with E. */
    order(M(4), M(5));
    gs_lo_forget_range(M(4), 8);
    order(M(5), M(4));
    UT_EQ(gs_report_count(), 1);

    /* Freed inside a range larger than the graph (the whole-pool scan). */
    order(M(6), M(7));
    order(M(8), M(6));
    gs_lo_forget_range(M(6), 1 << 20); /* takes 6, 7, 8 and all above */
    order(M(7), M(6));
    order(M(6), M(8));
    UT_EQ(gs_report_count(), 1);

    /* Mutexes next to a freed one keep their orders. */
    order(M(100000), M(100002));
    gs_lo_forget_range(M(100001), 8);
    order(M(100002), M(100000));
    UT_EQ(gs_report_count(), 2);

    /* Grouping: the first cycle of a shape is reported, the next one
     * between other mutexes at the same code locations is not. */
    gs_flags.report_dedup = true;
    order(M(200000), M(200001));
    order(M(200001), M(200000));
    UT_EQ(gs_report_count(), 3);
    order(M(200002), M(200003));
    order(M(200003), M(200002));
    UT_EQ(gs_report_count(), 3);
    return ut_done("lock_order");
}
