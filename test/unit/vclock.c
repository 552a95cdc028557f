/* Unit test of race/vclock.c: the limit that bounds clock loops only
 * grows, in multiples of 8, up to GS_SLOTS; join is an element-wise max,
 * copy and zero act on the entries below the limit only.
 *
 * RUN: %unit_bin/unit_vclock
 */
#include <string.h>

#include "unit.h"
#include "vclock.h"

static gs_vclock a, b;

int main(void)
{
    UT_EQ(gs_vc_limit_now(), 8);
    gs_vc_note_slot(3);
    UT_EQ(gs_vc_limit_now(), 8); /* slot 3 is already below the limit */
    gs_vc_note_slot(8);
    UT_EQ(gs_vc_limit_now(), 16);

    /* Entries at or above the limit are zero everywhere (the invariant), so
     * operations never look at them. */
    a.e[1] = 5, a.e[2] = 1, a.e[15] = 2;
    b.e[1] = 3, b.e[2] = 7, b.e[9] = 4, b.e[20] = 99;
    gs_ep_join(a.e, b.e, gs_vc_limit_now()); /* how the engine joins whole clocks */
    UT_EQ(a.e[1], 5);
    UT_EQ(a.e[2], 7);
    UT_EQ(a.e[9], 4);
    UT_EQ(a.e[15], 2);
    UT_EQ(a.e[20], 0); /* beyond the limit: untouched */

    gs_vclock c;
    memset(&c, 0xff, sizeof c);
    gs_vc_copy(&c, &a);
    UT_EQ(c.e[2], 7);
    UT_EQ(c.e[0], 0);
    UT_EQ(c.e[16], 0xffffffffu); /* beyond the limit: untouched */
    gs_vc_zero(&c);
    UT_EQ(c.e[1], 0);
    UT_EQ(c.e[15], 0);

    /* Growing the limit makes the higher entries count. */
    gs_vc_note_slot(20);
    UT_EQ(gs_vc_limit_now(), 24);
    gs_ep_join(a.e, b.e, gs_vc_limit_now()); /* how the engine joins whole clocks */
    UT_EQ(a.e[20], 99);

    /* Clamped at GS_SLOTS, never lowered. */
    gs_vc_note_slot(GS_SLOT_MAX);
    UT_EQ(gs_vc_limit_now(), GS_SLOTS);
    gs_vc_note_slot(1);
    UT_EQ(gs_vc_limit_now(), GS_SLOTS);

    /* The epoch-array forms work on exactly n entries. */
    gs_epoch x[4] = {1, 9, 3, 0}, y[4] = {4, 2, 8, 6};
    gs_ep_join(x, y, 3);
    UT_EQ(x[0], 4);
    UT_EQ(x[1], 9);
    UT_EQ(x[2], 8);
    UT_EQ(x[3], 0);
    gs_ep_copy(x, y, 2);
    UT_EQ(x[1], 2);
    UT_EQ(x[2], 8);
    gs_ep_zero(x, 1);
    UT_EQ(x[0], 0);
    UT_EQ(x[1], 2);
    return ut_done("vclock");
}
