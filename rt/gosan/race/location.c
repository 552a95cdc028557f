/* location.c - describes the memory at an address for a report (see
 * location.h).  Heap first (exact block bounds), then registered globals
 * and the symbol table, then goroutine stacks: the running goroutine's from
 * the engine, parked goroutines' live stack parts from the library.  A
 * running goroutine on another thread has no known bounds, so an address
 * on its stack is left undescribed rather than guessed.
 */
#include "location.h"

#include <stdbool.h>

#include "call_stack.h"
#include "engine.h"
#include "globals.h"
#include "go_hooks.h"
#include "heap_map.h"
#include "report_names.h"
#include "report.h"
#include "report_record.h"
#include "stackdepot.h"

#pragma weak go_hooks_foreach_g

typedef struct loc_query {
    uintptr_t addr;
    uint64_t goid;
} loc_query;

static void loc_stack_cb(const go_ginfo *g, void *arg)
{
    loc_query *q = arg;
    if (q->goid == 0 && g->stack_lo && q->addr >= (uintptr_t)g->stack_lo && q->addr < (uintptr_t)g->stack_hi)
        q->goid = g->id;
}

static uint64_t loc_stack_owner(uintptr_t addr)
{
    uintptr_t lo, hi;
    if (gs_engine_current_stack_range(&lo, &hi) && addr >= lo && addr < hi)
        return gs_engine_current_goid();
    loc_query q = {addr, 0};
    if (go_hooks_foreach_g)
        go_hooks_foreach_g(loc_stack_cb, &q);
    return q.goid;
}

static gs_location_fn loc_extra[GS_LOCATION_EXTRA];

void gs_location_add(gs_location_fn fn)
{
    for (int i = 0; i < GS_LOCATION_EXTRA; i++) {
        gs_location_fn none = NULL;
        if (__atomic_compare_exchange_n(&loc_extra[i], &none, fn, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            return;
    }
}

static bool loc_describe_extra(uintptr_t addr)
{
    for (int i = 0; i < GS_LOCATION_EXTRA; i++) {
        gs_location_fn fn = __atomic_load_n(&loc_extra[i], __ATOMIC_ACQUIRE);
        if (fn && fn(addr))
            return true;
    }
    return false;
}

void gs_print_location(uintptr_t addr)
{
    gs_heap_block b;
    if (gs_heap_find(addr, &b)) {
        gs_rec_object_at(b.base, b.size, "heap block", NULL, NULL, 0, b.goid);
        if (b.goid) {
            gs_printf("  Location is heap block of size %zu at %p allocated by ", b.size, (void *)b.base);
            gs_print_who(b.goid);
            gs_printf(":\n");
        } else
            gs_printf("  Location is heap block of size %zu at %p allocated by a thread outside goroutines:\n",
                      b.size, (void *)b.base);
        gs_print_stack(gs_node_to_stack(b.node));
        return;
    }
    gosan_global g;
    if (gs_global_find(addr, &g)) {
        gs_rec_object_at((uintptr_t)g.addr, g.size, "global", g.name, g.line ? g.file : NULL, (int)g.line, 0);
        if (g.file && g.line)
            gs_printf("  Location is global '%s' of size %zu at %s:%u\n", g.name, g.size, g.file, g.line);
        else
            gs_printf("  Location is global '%s' of size %zu at %p\n", g.name, g.size, g.addr);
        return;
    }
    if (loc_describe_extra(addr))
        return;
    uint64_t goid = loc_stack_owner(addr);
    if (goid) {
        gs_rec_object_at(addr, 0, "stack", NULL, NULL, 0, goid);
        gs_printf("  Location is stack of goroutine %lu.\n", (unsigned long)goid);
    }
}
