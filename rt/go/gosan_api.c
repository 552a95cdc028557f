/* gosan_api.c - <gosan/gosan.h> in the library: every function works in
 * uninstrumented builds.  With the checker linked they forward to its hooks;
 * without it, annotations are free no-ops and dump/leakcheck use what the
 * library itself knows (states, wait reasons, labels, saved frames).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* The checker's leak_grace_ms flag and default (docs/leaks.md), so that a
 * program behaves alike with and without the checker. */
#define LEAK_GRACE_FLAG "leak_grace_ms"
#define LEAK_GRACE_DEFAULT_MS 500
#define LEAK_GRACE_MAX_MS 3600000

static bool options_sep(char c) { return c == ':' || c == ',' || c == ' ' || c == '\t' || c == '\n'; }

/* A decimal in 0..LEAK_GRACE_MAX_MS spanning [p, end), or -1. */
static long grace_value(const char *p, const char *end)
{
    long v = 0;
    if (p == end)
        return -1;
    for (; p < end; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        v = v * 10 + (*p - '0');
        if (v > LEAK_GRACE_MAX_MS)
            return -1;
    }
    return v;
}

/* leak_grace_ms from one options string, read as the checker's flags.c
 * reads it: key=value pairs separated by ':', ',', spaces, tabs or
 * newlines, the last setting wins.  A malformed value (which the checker
 * would reject) leaves ms as it was. */
static long leak_grace_from(const char *s, long ms)
{
    while (s && *s) {
        while (options_sep(*s))
            s++;
        const char *key = s;
        while (*s && *s != '=' && !options_sep(*s))
            s++;
        size_t klen = (size_t)(s - key);
        if (*s != '=')
            continue;
        const char *value = ++s;
        while (*s && !options_sep(*s))
            s++;
        long v = grace_value(value, s);
        if (klen == strlen(LEAK_GRACE_FLAG) && strncmp(key, LEAK_GRACE_FLAG, klen) == 0 && v >= 0)
            ms = v;
    }
    return ms;
}

static int64_t leak_grace_ns(void)
{
    /* Not __gosan_default_options: a plain build names no __gosan_ symbol
     * (test/driver/plain.c). */
    long ms = leak_grace_from(getenv("GOSAN_OPTIONS"), LEAK_GRACE_DEFAULT_MS);
    return (int64_t)ms * 1000000;
}

/* Not the caller, nor ignored (gosan_leak_ignore_*, leaktest.c).
 * Called with go_sched.all_lock held. */
static bool is_leak(const go_g *g, const go_g *self)
{
    const char *fns[64];
    if (g == self)
        return false;
    size_t n = go_leak_functions((go_g *)g, fns, sizeof fns / sizeof fns[0]);
    return !go_leak_ignored(g->id, fns, n);
}

/* Live goroutines other than the caller that are not ignored. */
static int others(const go_g *self)
{
    if (go_count_sum(GO_COUNT_LIVE) <= 1)
        return 0;
    int n = 0;
    golock_lock(&go_sched.all_lock);
    for (go_g *g = go_sched.all; g; g = g->all_next)
        n += is_leak(g, self);
    golock_unlock(&go_sched.all_lock);
    return n;
}

int gosan_leakcheck(void)
{
    go_g *self = go_self();
    if (GO_CHECKER_ON() && go_hooks_active->leakcheck)
        return go_hooks_active->leakcheck();
    /* goleak's VerifyNone: give finishing goroutines a grace period. */
    int64_t deadline = go_now() + leak_grace_ns();
    int64_t nap = 1000 * 1000;
    while (others(self) > 0 && go_now() < deadline) {
        go_sleep(nap);
        if (nap < 50 * 1000 * 1000)
            nap *= 2;
    }
    int n = others(self);
    if (n <= 0)
        return 0;
    golock_lock(&go_sched.all_lock);
    int count = 0;
    for (go_g *g = go_sched.all; g; g = g->all_next) {
        if (!is_leak(g, self))
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
