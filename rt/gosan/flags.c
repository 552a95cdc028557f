/* flags.c - GOSAN_OPTIONS parsing (see flags.h).
 *
 * One table describes every flag (name, type, where it lives, what it does);
 * parsing, help=1 and the docs all follow it.  The parse runs once: the
 * first caller parses, concurrent callers wait for it.  String values point
 * into a private copy of the environment variable, so they live forever.
 */
#include "flags.h"

#include <sched.h>
#include <stdlib.h>

#include "gs_str.h"
#include "ialloc.h"
#include "out.h"

struct gs_flags gs_flags = {
    .halt_on_error = false,
    .exitcode = 66,
    .log_path = NULL,
    .suppressions = NULL,
    .verbosity = 0,
    .strip_path_prefix = NULL,
    .report_dedup = true,
    .history_size = 2,
    .detect_leaks = false,
    .leak_grace_ms = 500,
    .deadlock_timeout = 0,
    .deadlock_scan_ms = 0,
    .dump_on_sigquit = false,
    .detect_deadlocks = true,
    .halt_on_deadlock = true,
    .symbolize = true,
    .print_summary = true,
    .exit_wait_timeout = 30,
};

typedef enum { FL_BOOL, FL_INT, FL_STR } fl_type;

typedef struct fl_desc {
    const char *name;
    fl_type type;
    void *ptr;
    int min, max; /* FL_INT range */
    const char *help;
} fl_desc;

static bool fl_help;

static const fl_desc fl_table[] = {
    {"halt_on_error", FL_BOOL, &gs_flags.halt_on_error, 0, 0, "exit after the first report"},
    {"exitcode", FL_INT, &gs_flags.exitcode, 0, 255, "exit status of a program that printed any report"},
    {"log_path", FL_STR, &gs_flags.log_path, 0, 0,
     "write reports to PATH.PID instead of stderr ('stderr', 'stdout' also accepted)"},
    {"suppressions", FL_STR, &gs_flags.suppressions, 0, 0, "file of race:/deadlock:/leak:/misuse: patterns"},
    {"verbosity", FL_INT, &gs_flags.verbosity, 0, 10, "0 quiet; higher prints runtime diagnostics"},
    {"strip_path_prefix", FL_STR, &gs_flags.strip_path_prefix, 0, 0,
     "remove this prefix from file names in reports"},
    {"report_dedup", FL_BOOL, &gs_flags.report_dedup, 0, 0,
     "report each pair of code locations, and each racy address, once"},
    {"history_size", FL_INT, &gs_flags.history_size, 0, 7,
     "how much access history the race detector keeps per goroutine (0..7)"},
    {"detect_leaks", FL_BOOL, &gs_flags.detect_leaks, 0, 0, "at exit, report goroutines still alive"},
    {"leak_grace_ms", FL_INT, &gs_flags.leak_grace_ms, 0, 3600000,
     "how long gosan_leakcheck waits for goroutines that are still finishing"},
    {"deadlock_timeout", FL_INT, &gs_flags.deadlock_timeout, 0, 86400,
     "seconds a goroutine may wait in a wait-for cycle before a deadlock report; 0 off"},
    {"deadlock_scan_ms", FL_INT, &gs_flags.deadlock_scan_ms, 0, 3600000,
     "period of the scan for goroutines blocked for good (unreachable); 0 off"},
    {"dump_on_sigquit", FL_BOOL, &gs_flags.dump_on_sigquit, 0, 0, "SIGQUIT prints every goroutine"},
    {"detect_deadlocks", FL_BOOL, &gs_flags.detect_deadlocks, 0, 0,
     "report lock-order inversions and wait cycles"},
    {"halt_on_deadlock", FL_BOOL, &gs_flags.halt_on_deadlock, 0, 0,
     "exit with exitcode after reporting a mutex wait cycle (its goroutines can never go on)"},
    {"symbolize", FL_BOOL, &gs_flags.symbolize, 0, 0, "use llvm-symbolizer for function/file/line"},
    {"print_summary", FL_BOOL, &gs_flags.print_summary, 0, 0, "end each report with a SUMMARY line"},
    {"exit_wait_timeout", FL_INT, &gs_flags.exit_wait_timeout, 0, 86400,
     "seconds any exit (return from main, exit, _exit, a fatal signal) waits for reports still being written"},
    {"help", FL_BOOL, &fl_help, 0, 0, "print this list of flags"},
};
#define FL_COUNT (sizeof fl_table / sizeof fl_table[0])

static bool fl_is_sep(char c)
{
    return c == ':' || c == ' ' || c == '\t' || c == '\n' || c == ',';
}

static void fl_bad_value(const fl_desc *d, const char *value, const char *expected)
{
    gs_die("GOSAN_OPTIONS: bad value '%s' for flag '%s' (expected %s)", value, d->name, expected);
}

static void fl_set(const fl_desc *d, char *value)
{
    switch (d->type) {
    case FL_BOOL:
        if (!gs_strcmp(value, "1") || !gs_strcmp(value, "true") || !gs_strcmp(value, "yes"))
            *(bool *)d->ptr = true;
        else if (!gs_strcmp(value, "0") || !gs_strcmp(value, "false") || !gs_strcmp(value, "no"))
            *(bool *)d->ptr = false;
        else
            fl_bad_value(d, value, "0 or 1");
        return;
    case FL_INT: {
        const char *p = value;
        bool neg = *p == '-';
        if (neg)
            p++;
        if (!*p)
            fl_bad_value(d, value, "an integer");
        long v = 0;
        for (; *p; p++) {
            if (*p < '0' || *p > '9' || v > 1000000000L)
                fl_bad_value(d, value, "an integer");
            v = v * 10 + (*p - '0');
        }
        if (neg)
            v = -v;
        if (v < d->min || v > d->max) {
            char range[64];
            gs_snprintf(range, sizeof range, "an integer in %d..%d", d->min, d->max);
            fl_bad_value(d, value, range);
        }
        *(int *)d->ptr = (int)v;
        return;
    }
    case FL_STR:
        *(const char **)d->ptr = value;
        return;
    }
}

static const fl_desc *fl_find(const char *name)
{
    for (size_t i = 0; i < FL_COUNT; i++)
        if (!gs_strcmp(fl_table[i].name, name))
            return &fl_table[i];
    return NULL;
}

/* Parses a private, writable copy of the options: separators become NULs. */
static void fl_parse(char *s)
{
    while (*s) {
        while (fl_is_sep(*s))
            s++;
        if (!*s)
            break;
        char *key = s;
        while (*s && *s != '=' && !fl_is_sep(*s))
            s++;
        if (*s != '=') {
            *s = 0;
            gs_die("GOSAN_OPTIONS: '%s' has no value (write %s=VALUE)", key, key);
        }
        *s++ = 0;
        char *value = s;
        while (*s && !fl_is_sep(*s))
            s++;
        if (*s)
            *s++ = 0;
        const fl_desc *d = fl_find(key);
        if (!d) {
            gs_warn("GOSAN_OPTIONS: unknown flag '%s' ignored (GOSAN_OPTIONS=help=1 lists the flags)", key);
            continue;
        }
        fl_set(d, value);
    }
}

static void fl_print_help(void)
{
    gs_fdprintf(2, "gosan: GOSAN_OPTIONS flags (key=value, separated by ':' or spaces):\n");
    for (size_t i = 0; i < FL_COUNT; i++) {
        const fl_desc *d = &fl_table[i];
        char def[64];
        switch (d->type) {
        case FL_BOOL: gs_snprintf(def, sizeof def, "%d", *(bool *)d->ptr); break;
        case FL_INT: gs_snprintf(def, sizeof def, "%d", *(int *)d->ptr); break;
        case FL_STR:
            gs_snprintf(def, sizeof def, "%s", *(const char **)d->ptr ? *(const char **)d->ptr : "");
            break;
        }
        gs_fdprintf(2, "  %-18s (now %s)  %s\n", d->name, def, d->help);
    }
}

static int fl_state; /* 0 not parsed, 1 parsing, 2 done */
static __thread int fl_parsing;

void gs_flags_init(void)
{
    if (__atomic_load_n(&fl_state, __ATOMIC_ACQUIRE) == 2)
        return;
    int expected = 0;
    if (!__atomic_compare_exchange_n(&fl_state, &expected, 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        /* Another thread parses (wait for it), or this one does and got
         * here recursively (then the defaults will do). */
        while (!fl_parsing && __atomic_load_n(&fl_state, __ATOMIC_ACQUIRE) != 2)
            sched_yield();
        return;
    }
    fl_parsing = 1;
    const char *env = getenv("GOSAN_OPTIONS");
    if (env && *env)
        fl_parse(gs_strdup(env));
    fl_parsing = 0;
    __atomic_store_n(&fl_state, 2, __ATOMIC_RELEASE);
    if (fl_help)
        fl_print_help();
}

/* Parse early even in a program with no instrumented module, so a bad
 * GOSAN_OPTIONS is reported before main whatever the link order. */
__attribute__((constructor(101))) static void fl_ctor(void)
{
    gs_flags_init();
}
