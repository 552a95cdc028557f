/* bench.h - the little shared by every benchmark built against <gosan/go.h>:
 * a monotonic clock, argument parsing, GOMAXPROCS from the environment, and
 * the one result line the runner (bench/measure.py) parses.
 *
 * Result line: "bench: name=NAME ops=N ns_op=X [key=value...]".  ns_op is the
 * program's own timing of its hot loop divided by ops; the runner adds the
 * whole-process wall time and peak RSS.  The Go twins print the same line. */
#ifndef GOSAN_BENCH_H
#define GOSAN_BENCH_H

#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline int64_t bench_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* argv[i] as a positive count, or def when absent; exits on garbage so a
 * typo in run.sh cannot silently measure the wrong size. */
static inline long bench_arg(int argc, char **argv, int i, long def) {
    if (i >= argc) return def;
    char *end;
    long v = strtol(argv[i], &end, 10);
    if (*end || v <= 0) {
        fprintf(stderr, "bench: argument %d: want a positive integer, got '%s'\n", i, argv[i]);
        exit(2);
    }
    return v;
}

/* Go reads GOMAXPROCS itself; the library is told explicitly so both sides of
 * a comparison always run with the same number of workers. */
static inline void bench_maxprocs_from_env(void) {
    const char *s = getenv("GOMAXPROCS");
    if (s && atoi(s) > 0) go_maxprocs(atoi(s));
}

static inline void bench_report(const char *name, long ops, int64_t ns) {
    printf("bench: name=%s ops=%ld ns_op=%.2f procs=%d\n", name, ops, (double)ns / (double)ops,
           go_maxprocs(0));
    fflush(stdout);
}

#endif
