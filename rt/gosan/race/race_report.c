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
 * Both stacks come from call nodes (the previous one from its shadow cell),
 * so they are always complete; the previous goroutine comes from the owner
 * log of the cell's slot.  A pair of access pcs, and a racy byte, is
 * reported once; a `race:` suppression matching either stack drops the
 * report.
 */
#include <unistd.h>

#include "access.h"
#include "callnode.h"
#include "range_layout.h"
#include "engine.h"
#include "internal_alloc.h"
#include "location.h"
#include "out.h"
#include "quote.h"
#include "stackdepot.h"
#include "suppress.h"

#pragma weak go_hooks_self
#pragma weak go_hooks_foreach_g

uint32_t gs_current_node(gs_thr *t, uintptr_t pc)
{
    uint32_t frames = t ? gs_thr_stack_node(t) : 0;
    return pc ? gs_node_intern(frames, pc) : frames;
}

gs_stack_id gs_node_to_stack(uint32_t node)
{
    uintptr_t pcs[GS_STACK_MAX_DEPTH];
    size_t n = gs_node_stack(node, pcs, GS_STACK_MAX_DEPTH);
    return n ? gs_stack_save(pcs, n) : 0;
}

static const char *access_name(uint64_t acc, bool previous)
{
    bool rd = acc & GS_ACC_READ, at = acc & GS_ACC_ATOMIC;
    if (previous)
        return at ? (rd ? "Previous atomic read" : "Previous atomic write") : (rd ? "Previous read" : "Previous write");
    return at ? (rd ? "Atomic read" : "Atomic write") : (rd ? "Read" : "Write");
}

/* ---- labels: copied out of the library's snapshot into a buffer */
typedef struct label_req {
    uint64_t goid;
    char buf[512];
    bool found;
} label_req;

/* Escaped and bounded (quote.h): a label cannot forge report lines. */
static void fmt_labels(const go_ginfo *g, label_req *r)
{
    r->found = true;
    gs_labels_out o;
    gs_labels_begin(&o, r->buf, sizeof r->buf, false);
    for (size_t i = 0; i < g->nlabels; i++)
        gs_labels_add_str(&o, g->labels[i].key, g->labels[i].value);
    gs_labels_end(&o);
}

static void label_self(const go_ginfo *g, void *arg)
{
    label_req *r = arg;
    if (g && g->id == r->goid)
        fmt_labels(g, r);
}

static void label_each(const go_ginfo *g, void *arg)
{
    label_req *r = arg;
    if (!r->found && g->id == r->goid)
        fmt_labels(g, r);
}

void gs_print_labels(uint64_t goid)
{
    if (goid == GS_GOID_UNKNOWN || goid == GS_GOID_RECYCLED)
        return;
    label_req r;
    r.goid = goid;
    r.found = false;
    r.buf[0] = 0;
    gs_thr *t = gs_cur;
    if (t && t->goid == goid && go_hooks_self)
        go_hooks_self(label_self, &r);
    if (!r.found && go_hooks_foreach_g)
        go_hooks_foreach_g(label_each, &r);
    if (r.found && r.buf[0]) {
        gs_printf(" [%s]", r.buf);
        return;
    }
    /* gone: the previous access's goroutine often is, by report time */
    gs_grec rec;
    char kept[sizeof r.buf];
    if (!r.found && gs_grec_lookup(goid, &rec, kept, sizeof kept) == GS_GREC_FOUND && kept[0])
        gs_printf(" [%s]", kept);
}

void gs_labels_remember(gs_thr *t)
{
    if (!t || !go_hooks_self) /* runs on t itself: label_self checks the id */
        return;
    label_req r;
    r.goid = t->goid;
    r.found = false;
    r.buf[0] = 0;
    go_hooks_self(label_self, &r);
    gs_grec_set_labels(t->goid, r.buf);
}

void gs_print_who_at(uint64_t goid, bool starts_line)
{
    if (goid == GS_GOID_UNKNOWN)
        gs_printf("%s goroutine forgotten by a reset", starts_line ? "A" : "a");
    else if (goid == GS_GOID_RECYCLED)
        gs_printf("%s finished goroutine whose record was recycled", starts_line ? "A" : "a");
    else if (gs_goid_is_thread(goid))
        gs_printf("%s T%llu", starts_line ? "Thread" : "thread", (unsigned long long)(goid & ~GS_THREAD_ID_BIT));
    else
        gs_printf("%s %llu", starts_line ? "Goroutine" : "goroutine", (unsigned long long)goid);
}

void gs_print_who(uint64_t goid)
{
    gs_print_who_at(goid, false);
}

void gs_print_goroutine(uint64_t goid)
{
    gs_grec rec;
    gs_grec_lookup_result found = gs_grec_lookup(goid, &rec, NULL, 0);
    const gs_grec *r = found == GS_GREC_FOUND ? &rec : NULL;
    const char *st = found == GS_GREC_RECYCLED ? "finished"
                     : !r ? "unknown"
                     : r->state == GS_GREC_FINISHED ? "finished"
                                                    : "running";
    if (gs_goid_is_thread(goid)) {
        gs_printf("  Thread T%llu (", (unsigned long long)(goid & ~GS_THREAD_ID_BIT));
        if (found == GS_GREC_RECYCLED) {
            gs_printf("finished; its record was recycled)\n");
            return;
        }
        if (!r || !r->create_node) {
            gs_printf("not a goroutine)\n");
            return;
        }
        gs_printf("%s, not a goroutine) created by ", st);
        gs_print_who(r->parent);
        gs_printf(" at:\n");
        gs_print_stack(gs_node_to_stack(r->create_node));
        return;
    }
    if (goid == 1 || (r && r->is_main)) {
        gs_printf("  Goroutine %llu (main)\n", (unsigned long long)goid);
        return;
    }
    if (found == GS_GREC_RECYCLED) {
        /* `goroutine_records` newer goroutines took its place */
        gs_printf("  Goroutine %llu (finished; its record was recycled)\n", (unsigned long long)goid);
        return;
    }
    gs_printf("  Goroutine %llu (%s) created at:\n", (unsigned long long)goid, st);
    gs_print_stack(r ? gs_node_to_stack(r->create_node) : 0);
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
    gs_stack_id stacks[2] = {gs_node_to_stack(cur_node), gs_node_to_stack(old.node)};
    uint64_t a = pc < old_pc ? pc : old_pc, b = pc < old_pc ? old_pc : pc;
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
    gs_printf("\n  %s of size %u at %p by ", access_name(old.acc, true), old_size, (void *)old_at);
    gs_print_who(old_goid);
    gs_print_labels(old_goid);
    gs_printf(":\n");
    gs_print_stack(stacks[1]);
    gs_printf("\n");
    gs_print_location(addr);
    gs_printf("\n");
    gs_print_goroutine(t->goid);
    if (old_goid != t->goid && old_goid != GS_GOID_UNKNOWN && old_goid != GS_GOID_RECYCLED) {
        gs_printf("\n");
        gs_print_goroutine(old_goid);
    }
    gs_printf("\n");
    gs_report_end("data race", pc);
}
