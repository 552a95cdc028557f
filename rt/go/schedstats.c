/* schedstats.c - GOSAN_SCHEDSTATS=1: per-worker scheduler event counts,
 * printed to stderr when the program exits (Go's GODEBUG=schedtrace, in
 * spirit): how often goroutines parked and were readied, how often a worker
 * stole work, waited for or took another worker's run-next goroutine, went
 * to sleep and was woken.  They explain throughput that depends on where
 * goroutines run (a producer and a consumer on one worker, or on two).
 *
 * Each worker bumps only its own counters (go_m.stats, relaxed atomics, no
 * locked instruction), so they cost next to nothing when nobody reads them;
 * the exit handler reads them while other workers may still run, so the
 * totals are a snapshot, not exact to the event.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "g.h"

static const char *const stat_names[GO_NSTATS] = {
    [GO_STAT_PARK] = "parks",
    [GO_STAT_READY] = "readies",
    [GO_STAT_STEAL] = "steals",
    [GO_STAT_RUNNEXT_WAIT] = "runnext-waits",
    [GO_STAT_RUNNEXT_STEAL] = "runnext-steals",
    [GO_STAT_SLEEP] = "sleeps",
    [GO_STAT_WAKE] = "wakes",
};

static void put(const char *s)
{
    size_t n = strlen(s);
    while (n) {
        ssize_t w = write(2, s, n);
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

static void print_row(const char *label, const uint64_t v[GO_NSTATS])
{
    char line[256];
    int len = snprintf(line, sizeof line, "  %-8s", label);
    for (int k = 0; k < GO_NSTATS && len > 0 && (size_t)len < sizeof line; k++)
        len += snprintf(line + len, sizeof line - (size_t)len, " %*llu", (int)strlen(stat_names[k]),
                        (unsigned long long)v[k]);
    put(line);
    put("\n");
}

static void schedstats_print(void)
{
    char line[256];
    int nm = atomic_load(&go_sched.nm);
    snprintf(line, sizeof line, "gosan: scheduler statistics (GOSAN_SCHEDSTATS), %d workers, maxprocs %d\n",
             nm, atomic_load(&go_sched.maxprocs));
    put(line);
    int len = snprintf(line, sizeof line, "  %-8s", "worker");
    for (int k = 0; k < GO_NSTATS && (size_t)len < sizeof line; k++)
        len += snprintf(line + len, sizeof line - (size_t)len, " %s", stat_names[k]);
    put(line);
    put("\n");
    uint64_t total[GO_NSTATS] = {0};
    bool any_foreign = false;
    for (int i = 0; i < nm && i < GO_MAX_M; i++) {
        go_m *m = atomic_load(&go_sched.ms[i]);
        if (!m)
            continue;
        uint64_t v[GO_NSTATS];
        for (int k = 0; k < GO_NSTATS; k++) {
            v[k] = atomic_load_explicit(&m->stats[k], memory_order_relaxed);
            total[k] += v[k];
        }
        any_foreign |= m->foreign;
        char label[16];
        snprintf(label, sizeof label, "%d%s", m->id, m->foreign ? "*" : "");
        print_row(label, v);
    }
    print_row("total", total);
    if (any_foreign)
        put("  (* an adopted thread)\n");
}

void go_schedstats_init(void)
{
    const char *env = getenv("GOSAN_SCHEDSTATS");
    if (!env || !*env || strcmp(env, "0") == 0)
        return;
    if (strcmp(env, "1") != 0) {
        fprintf(stderr, "gosan: ignoring GOSAN_SCHEDSTATS=%s (want 0 or 1)\n", env);
        return;
    }
    if (atexit(schedstats_print) != 0)
        fprintf(stderr, "gosan: GOSAN_SCHEDSTATS: cannot register the exit handler\n");
}
