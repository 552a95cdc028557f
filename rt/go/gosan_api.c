/* gosan_api.c - <gosan/gosan.h> in the library: every function works in
 * uninstrumented builds.  With the checker linked they forward to its hooks;
 * without it, annotations are free no-ops and dump/leakcheck use what the
 * library itself knows (states, wait reasons, labels, saved frames).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <gosan/gosan.h>

#include "g.h"
#include "hb.h"

void gosan_release(const void *addr)
{
    if (GO_CHECKER_ON())
        go_hooks_active->release(NULL, addr, GO_CALLER_PC());
}

void gosan_acquire(const void *addr)
{
    if (GO_CHECKER_ON())
        go_hooks_active->acquire(NULL, addr, GO_CALLER_PC());
}

void gosan_ignore_begin(void)
{
    if (GO_CHECKER_ON() && go_hooks_active->ignore)
        go_hooks_active->ignore(+1);
}

void gosan_ignore_end(void)
{
    if (GO_CHECKER_ON() && go_hooks_active->ignore)
        go_hooks_active->ignore(-1);
}

void gosan_dump(int fd)
{
    go_self();
    if (GO_CHECKER_ON() && go_hooks_active->dump) {
        go_hooks_active->dump(fd);
        return;
    }
    go_traceback_all(fd, false);
}

static int64_t leak_grace_ns(void)
{
    const char *env = getenv("GOSAN_LEAK_GRACE_MS");
    long ms = env && *env ? strtol(env, NULL, 10) : 1000;
    return (int64_t)(ms < 0 ? 0 : ms) * 1000000;
}

/* Live goroutines other than the caller. */
static int others(void) { return (int)go_count_sum(GO_COUNT_LIVE) - 1; }

int gosan_leakcheck(void)
{
    go_g *self = go_self();
    if (GO_CHECKER_ON() && go_hooks_active->leakcheck)
        return go_hooks_active->leakcheck();
    /* goleak's VerifyNone: give finishing goroutines a grace period. */
    int64_t deadline = go_now() + leak_grace_ns();
    int64_t nap = 1000 * 1000;
    while (others() > 0 && go_now() < deadline) {
        go_sleep(nap);
        if (nap < 50 * 1000 * 1000)
            nap *= 2;
    }
    int n = others();
    if (n <= 0)
        return 0;
    golock_lock(&go_sched.all_lock);
    int count = 0;
    for (go_g *g = go_sched.all; g; g = g->all_next) {
        if (g == self)
            continue;
        count++;
        dprintf(2, "==================\nWARNING: gosan: goroutine leak\n");
        go_traceback_g(2, g, false);
        char where[256] = "?";
        if (g->wait_pc) {
            const char *fn = go_symbol_name(g->wait_pc);
            snprintf(where, sizeof where, "?:0 in %s", fn ? fn : "?");
        }
        dprintf(2, "SUMMARY: gosan: goroutine leak %s\n==================\n", where);
    }
    golock_unlock(&go_sched.all_lock);
    return count;
}
