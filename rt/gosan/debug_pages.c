/* debug_pages.c - the checker's pages of the library's debug endpoint
 * (/debug/gosan/NAME, the debug_page hook of go_hooks.h):
 *
 *   reports    the reports printed so far: a count per kind, then the
 *              text of the last ones kept (report_history.h)
 *   lockorder  the lock-order graph (lock_order.h): every order "goroutine
 *              G waited for B while holding A", with where each was taken
 *
 * Runs on one of the endpoint's threads, a thread that runs no goroutine,
 * at any moment; the C library's string functions are the checker's
 * interceptors, so this file uses str.h's.  Invariants: the history and the graph are copied out in
 * small batches under their own locks, and nothing is symbolized or
 * written while one is held; the output goes to a memory file, so a write
 * never waits for a client.
 */
#include "debug_pages.h"

#include <unistd.h>

#include "go_hooks.h"
#include "lock_order.h"
#include "log.h"
#include "report_history.h"
#include "str.h"
#include "symbolize.h"
#include "user_stack.h"

#define DP_FRAMES 4      /* frames shown per side of an order */
#define DP_BATCH 64      /* edges copied per hold of the graph's lock */

static void dp_reports(int fd)
{
    uint64_t total = gs_report_history_total();
    gs_fdprintf(fd, "gosan: %llu report(s) so far in pid %d\n", (unsigned long long)total, (int)getpid());
    const char *kind;
    uint64_t count;
    for (size_t i = 0; gs_report_history_kind(i, &kind, &count); i++)
        gs_fdprintf(fd, "  %llu %s\n", (unsigned long long)count, kind);
    uint64_t first = total > GS_HIST_KEEP ? total - GS_HIST_KEEP + 1 : 1;
    if (total > GS_HIST_KEEP)
        gs_fdprintf(fd, "\nThe first %llu are not kept; the last %d follow.\n",
                    (unsigned long long)(first - 1), GS_HIST_KEEP);
    char text[GS_HIST_TEXT + 1]; /* the endpoint's threads have 256 KiB stacks */
    for (uint64_t seq = first; seq <= total; seq++) {
        if (!gs_report_history_get(seq, text, sizeof text, &kind))
            continue; /* overwritten by newer reports meanwhile */
        gs_fdprintf(fd, "\n--- report %llu: %s\n", (unsigned long long)seq, kind);
        gs_write_all(fd, text, gs_strlen(text));
        if (gs_strlen(text) == GS_HIST_TEXT)
            gs_fdprintf(fd, "\n[... cut at %d bytes]\n", GS_HIST_TEXT);
    }
}

static void dp_where(int fd, const char *what, uint32_t node)
{
    gs_fdprintf(fd, "    %s\n", what);
    const uintptr_t *pcs;
    size_t n;
    if (!gs_stack_load(gs_node_user_stack(node), &pcs, &n) || n == 0) {
        gs_fdprintf(fd, "      <unknown>\n");
        return;
    }
    for (size_t i = 0; i < n && i < DP_FRAMES; i++) {
        gs_frame f;
        gs_symbolize(i ? pcs[i] - 1 : pcs[i], &f);
        if (f.file)
            gs_fdprintf(fd, "      #%zu %s %s:%d\n", i, f.function, f.file, f.line);
        else
            gs_fdprintf(fd, "      #%zu %s (%s+0x%lx)\n", i, f.function, f.module ? f.module : "?",
                        (unsigned long)f.module_offset);
    }
    if (n > DP_FRAMES)
        gs_fdprintf(fd, "      ... %zu more\n", n - DP_FRAMES);
}

static void dp_lockorder(int fd)
{
    gs_fdprintf(fd, "gosan: the lock-order graph of pid %d: each order says a goroutine waited for the\n"
                    "second mutex while it held the first (a cycle of orders is a potential deadlock)\n",
                (int)getpid());
    gs_lo_edge_view batch[DP_BATCH];
    uint32_t cursor = 0;
    size_t total = 0, n;
    while ((n = gs_lo_edges_snapshot(&cursor, batch, DP_BATCH)) > 0) {
        for (size_t i = 0; i < n; i++) {
            const gs_lo_edge_view *e = &batch[i];
            gs_fdprintf(fd, "\nmutex 0x%lx (%s) -> mutex 0x%lx (%s), goroutine %llu\n", (unsigned long)e->from,
                        e->from_w ? "held" : "read-held", (unsigned long)e->to,
                        e->to_w ? "locked" : "read-locked", (unsigned long long)e->goid);
            dp_where(fd, "first taken at:", e->from_node);
            dp_where(fd, "second taken at:", e->to_node);
        }
        total += n;
    }
    gs_fdprintf(fd, "\n%zu order(s)\n", total);
}

int gs_debug_page(const char *name, int fd)
{
    if (!name[0]) {
        gs_fdprintf(fd, "reports - the reports printed so far (counts per kind, the last %d in full)\n"
                        "lockorder - the lock-order graph: which mutex was held while waiting for which\n",
                    GS_HIST_KEEP);
        return 0;
    }
    void (*page)(int) = gs_strcmp(name, "reports") == 0     ? dp_reports
                        : gs_strcmp(name, "lockorder") == 0 ? dp_lockorder
                                                         : NULL;
    if (!page)
        return -1;
    page(fd);
    return 0;
}
