/* uaf_report.c - the heap-use-after-free report.
 *
 *   WARNING: gosan: heap-use-after-free (pid=N)
 *     Write of size 4 at 0x... by goroutine 7:
 *       #0 func file:line:col
 *
 *     Previous free of size 16 at 0x... by thread T1:
 *       #0 ...
 *
 *     Location is heap block of size 16 at 0x... (freed) allocated by goroutine 1:
 *       #0 ...
 *
 *     Goroutine 7 (running) created at:
 *       ...
 *     Thread T1 (finished, not a goroutine) created by goroutine 1 at:
 *       ...
 *   SUMMARY: gosan: heap-use-after-free file:line in func
 *
 * Every stack comes from a call node kept in the freed granule's shadow
 * (heap_shadow.h), so the free's and the allocation's stacks are complete
 * however long ago they were; the freeing goroutine comes from the owner log
 * of the free's slot, like a race's previous access.  A pair (access pc,
 * free pc) is reported once, and so is one free (a loop over a freed array
 * is one report).  `race:` suppressions apply, matched against the access's
 * and the free's stacks, as TSan does.
 */
#include "access.h"
#include "call_stack.h"
#include "heap_shadow.h"
#include "report.h"
#include "report_dedup.h"
#include "report_names.h"
#include "suppress.h"
#include "uaf_report.h"

#define UAF_KIND "heap-use-after-free"

static uint64_t uaf_mix(uint64_t x)
{
    x ^= x >> 31;
    x *= 0xbf58476d1ce4e5b9ull;
    return x ^ (x >> 29);
}

static const char *uaf_access_name(uint64_t acc)
{
    bool rd = acc & GS_ACC_READ, at = acc & GS_ACC_ATOMIC;
    return at ? (rd ? "Atomic read" : "Atomic write") : (rd ? "Read" : "Write");
}

static void uaf_print_location(const gs_heap_freed *f)
{
    if (!f->known) {
        gs_printf("  Location is a freed heap block.\n");
        return;
    }
    gs_printf("  Location is heap block of size %zu at %p (freed) allocated by ", f->size, (void *)f->base);
    if (f->alloc.goid)
        gs_print_who(f->alloc.goid);
    else
        gs_printf("a thread outside goroutines");
    gs_printf(":\n");
    gs_print_stack(gs_node_to_stack(f->alloc.node));
}

static void uaf_report(gs_thr *t, const gs_heap_freed *f, uint64_t cur, uintptr_t addr, uintptr_t pc)
{
    uint32_t cur_node = gs_current_node(t, pc);
    uintptr_t free_pc = gs_node_pc(f->free.node);
    gs_stack_id stacks[2] = {gs_node_to_stack(cur_node), gs_node_to_stack(f->free.node)};
    uint64_t free_key = uaf_mix(f->free.acc ^ uaf_mix(f->known ? f->base : addr));
    if (gs_suppressed("race", stacks, 2) || gs_report_seen(uaf_mix(pc) ^ uaf_mix(free_pc + 0x51ed270b)) ||
        gs_report_seen(free_key))
        return;
    if (!gs_report_begin(UAF_KIND))
        return;
    unsigned mask = gs_acc_mask(cur);
    uintptr_t at = (addr & ~(uintptr_t)(GS_GRANULE - 1)) + (unsigned)__builtin_ctz(mask);
    uint64_t free_goid = gs_slot_owner(f->free.acc);

    gs_printf("  %s of size %u at %p by ", uaf_access_name(cur), (unsigned)__builtin_popcount(mask), (void *)at);
    gs_print_who(t->goid);
    gs_print_labels(t->goid);
    gs_printf(":\n");
    gs_print_stack(stacks[0]);
    if (f->known)
        gs_printf("\n  Previous free of size %zu at %p by ", f->size, (void *)f->base);
    else
        gs_printf("\n  Previous free by ");
    gs_print_who(free_goid);
    gs_print_labels(free_goid);
    gs_printf(":\n");
    gs_print_stack(stacks[1]);
    gs_printf("\n");
    uaf_print_location(f);
    gs_printf("\n");
    gs_print_goroutine(t->goid);
    if (free_goid != t->goid && free_goid != GS_GOID_UNKNOWN && free_goid != GS_GOID_RECYCLED) {
        gs_printf("\n");
        gs_print_goroutine(free_goid);
    }
    gs_printf("\n");
    gs_report_end(UAF_KIND, pc);
}

/* In flight from here (exitwait.h), like a race report. */
void gs_heap_uaf_found(gs_thr *t, const gs_cell *c, uint64_t cur, uintptr_t addr, uintptr_t pc)
{
    static __thread int in_report;
    if (in_report)
        return;
    in_report = 1;
    gs_report_enter();
    gs_heap_freed f;
    gs_heap_freed_read(c, addr, &f);
    uaf_report(t, &f, cur, addr, pc);
    gs_report_leave();
    in_report = 0;
}
