/* report_names.c - how reports name goroutines and threads (see
 * report_names.h).  Labels come from the library's goroutine list while
 * the goroutine lives and from its goroutine record after it exits
 * (gs_labels_remember, at its exit); states and creation stacks come from
 * the goroutine records (goroutine_record.h).  Takes no lock of its own.
 */
#include "report_names.h"

#include "call_stack.h"
#include "go_hooks.h"
#include "goroutine_record.h"
#include "quote.h"
#include "report.h"
#include "report_record.h"
#include "stackdepot.h"

/* The library's queries, weak so that the runtime links on its own. */
#pragma weak go_hooks_self
#pragma weak go_hooks_foreach_g

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
        gs_rec_labels(r.buf);
        gs_printf(" [%s]", r.buf);
        return;
    }
    /* gone: the previous access's goroutine often is, by report time */
    gs_grec rec;
    char kept[sizeof r.buf];
    if (!r.found && gs_grec_lookup(goid, &rec, kept, sizeof kept) == GS_GREC_FOUND && kept[0])
    {
        gs_rec_labels(kept);
        gs_printf(" [%s]", kept);
    }
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
    if (gs_goid_is_thread(goid))
        gs_rec_who(0, goid & ~GS_THREAD_ID_BIT);
    else if (goid != GS_GOID_UNKNOWN && goid != GS_GOID_RECYCLED)
        gs_rec_who(goid, 0);
    else
        gs_rec_who(0, 0);
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
