/* race_report.c - the data race report.
 *
 *   WARNING: gosan: data race (pid=N)
 *     Write of size 4 at 0x... by goroutine 7 [k=v]:
 *       #0 func file:line:col
 *     Previous read of size 4 at 0x... by goroutine 6:
 *       #0 ...
 *     Location is global 'counter' of size 4 at file:line
 *     Goroutine 7 (running) created at:
 *       ...
 *     Goroutine 6 (finished) created at:
 *       ...
 *   SUMMARY: gosan: data race file:line in func
 *
 * The previous access may be the allocation of a heap block (malloc and
 * new count as a write of the block): it then says `Previous write
 * (allocation)` and its stack ends at the malloc call.
 *
 * Both stacks come from call nodes (the previous one from its shadow cell),
 * so they are always complete; the previous goroutine comes from the owner
 * log of the cell's slot.  A pair of access pcs, and a racy byte, is
 * reported once; a `race:` suppression matching either stack, or bytes
 * the program declared a benign race (benign_race.h), drop the report.
 */
#include <unistd.h>

#include "access.h"
#include "benign_race.h"
#include "api_frame.h"
#include "callnode.h"
#include "range_layout.h"
#include "report.h"
#include "report_dedup.h"
#include "report_names.h"
#include "internal_alloc.h"
#include "location.h"
#include "heap_map.h"
#include "call_stack.h"
#include "stackdepot.h"
#include "suppress.h"

static const char *access_name(uint64_t acc, bool previous)
{
    bool rd = acc & GS_ACC_READ, at = acc & GS_ACC_ATOMIC;
    if (previous)
        return at ? (rd ? "Previous atomic read" : "Previous atomic write") : (rd ? "Previous read" : "Previous write");
    return at ? (rd ? "Atomic read" : "Atomic write") : (rd ? "Read" : "Write");
}

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    return x ^ (x >> 33);
}

/* The first byte both accesses touch.  Like TSan's suppress_equal_addresses,
 * a second race on the same byte is not reported: `x++` racing with `x++`
 * is one bug, though its load and its store each race. */
static uint64_t race_addr_key(uint64_t cur, uint64_t old, uintptr_t addr)
{
    unsigned both = gs_acc_mask(cur) & gs_acc_mask(old);
    uintptr_t byte = (addr & ~(uintptr_t)(GS_GRANULE - 1)) + (unsigned)__builtin_ctz(both ? both : 1);
    return mix(byte ^ 0x5bd1e9955bd1e995ull);
}

/* What a report shows of one side: the element of a loop-range site that
 * holds the first byte both sides touch, else the access's bytes in the
 * granule. */
static void shown_access(uintptr_t pc, unsigned mask, unsigned other, uintptr_t gran, uintptr_t *at,
                         unsigned *size)
{
    unsigned both = mask & other;
    if (both && gs_elem_site_element(pc, gran + (unsigned)__builtin_ctz(both), at, size))
        return;
    *at = gran + (unsigned)__builtin_ctz(mask);
    *size = (unsigned)__builtin_popcount(mask);
}

static void race_report(gs_thr *t, gs_cell_copy old, uint64_t cur, uintptr_t addr, uintptr_t pc);

/* Whether the previous access is the allocation of the block at addr
 * (heap_shadow.h: written with the allocation's own call node, which no
 * instrumented access can have: its pc is the malloc call). */
static bool old_is_allocation(gs_cell_copy old, uintptr_t addr)
{
    gs_heap_block b;
    return !(old.acc & (GS_ACC_READ | GS_ACC_ATOMIC)) && old.node && gs_heap_find(addr, &b) &&
           b.node == old.node;
}

/* The current access's bytes in the racy granule overlap a range declared
 * benign. */
static bool race_declared_benign(uint64_t cur, uintptr_t addr)
{
    unsigned m = gs_acc_mask(cur);
    if (!m)
        return gs_benign_race_covers(addr, 1);
    uintptr_t gran = addr & ~(uintptr_t)(GS_GRANULE - 1);
    unsigned lo = (unsigned)__builtin_ctz(m), hi = 32 - (unsigned)__builtin_clz(m);
    return gs_benign_race_covers(gran + lo, hi - lo);
}

/* Where in the program an access was made: its pc, or for an access an
 * intercepted call made (api_frame.h) the program's call site, the frame
 * below.  Pairs of sites are what a report is deduplicated by, and the
 * summary names the current one: `pthread_mutex_lock` itself says
 * nothing of where. */
static uintptr_t access_site(uint32_t node)
{
    uintptr_t pcs[2];
    size_t n = gs_node_stack(node, pcs, 2);
    if (n == 0)
        return 0;
    if (n == 2 && gs_api_frame_call(pcs[0]))
        return pcs[1] - 1;
    return pcs[0];
}

/* The kind of object a side's intercepted call acted on, if either side is
 * such a call: a user who sees `Read of size 1` of a mutex learns that its
 * calls read it and its init and destroy write it. */
static void print_api_object(uint32_t cur_node, uint32_t old_node)
{
    const gs_api_call *c = gs_api_frame_call(gs_node_pc(cur_node));
    if (!c || !c->object)
        c = gs_api_frame_call(gs_node_pc(old_node));
    if (c && c->object)
        gs_printf("  The memory is %s: its init and destroy calls write it, its other calls read it.\n",
                  c->object);
}

/* The report is in flight from here (exitwait.h): an exit meanwhile waits
 * for it, through the symbolization of the suppression check too. */
void gs_race_found(gs_thr *t, gs_cell_copy old, uint64_t cur, uintptr_t addr, uintptr_t pc)
{
    static __thread int in_report;
    if (in_report)
        return;
    in_report = 1;
    gs_report_enter();
    race_report(t, old, cur, addr, pc);
    gs_report_leave();
    in_report = 0;
}

static void race_report(gs_thr *t, gs_cell_copy old, uint64_t cur, uintptr_t addr, uintptr_t pc)
{
    uint32_t cur_node = gs_current_node(t, pc);
    uintptr_t old_pc = gs_node_pc(old.node);
    uintptr_t cur_site = access_site(cur_node), old_site = access_site(old.node);
    gs_stack_id stacks[2] = {gs_node_to_stack(cur_node), gs_node_to_stack(old.node)};
    uint64_t a = cur_site < old_site ? cur_site : old_site, b = cur_site < old_site ? old_site : cur_site;
    if (race_declared_benign(cur, addr))
        return;
    if (gs_suppressed("race", stacks, 2) || gs_report_seen(mix(a) ^ mix(b + 0x9e3779b97f4a7c15ull)) ||
        gs_report_seen(race_addr_key(cur, old.acc, addr)))
        return;
    if (!gs_report_begin("data race"))
        return;
    unsigned cm = gs_acc_mask(cur), om = gs_acc_mask(old.acc);
    uintptr_t gran = addr & ~(uintptr_t)(GS_GRANULE - 1);
    uint64_t old_goid = gs_slot_owner(old.acc);

    uintptr_t cur_at, old_at;
    unsigned cur_size, old_size;
    shown_access(pc, cm, om, gran, &cur_at, &cur_size);
    shown_access(old_pc, om, cm, gran, &old_at, &old_size);
    gs_printf("  %s of size %u at %p by ", access_name(cur, false), cur_size, (void *)cur_at);
    gs_print_who(t->goid);
    gs_print_labels(t->goid);
    gs_printf(":\n");
    gs_print_stack(stacks[0]);
    gs_printf("\n  %s%s of size %u at %p by ", access_name(old.acc, true),
              old_is_allocation(old, addr) ? " (allocation)" : "", old_size, (void *)old_at);
    gs_print_who(old_goid);
    gs_print_labels(old_goid);
    gs_printf(":\n");
    gs_print_stack(stacks[1]);
    gs_printf("\n");
    gs_print_location(addr);
    print_api_object(cur_node, old.node);
    gs_printf("\n");
    gs_print_goroutine(t->goid);
    if (old_goid != t->goid && old_goid != GS_GOID_UNKNOWN && old_goid != GS_GOID_RECYCLED) {
        gs_printf("\n");
        gs_print_goroutine(old_goid);
    }
    gs_printf("\n");
    gs_report_end("data race", cur_site);
}
