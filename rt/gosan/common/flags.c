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

#include "log.h"
#include "printf.h"
#include "report_json.h"
#include "str.h"
#include "internal_alloc.h"

struct gs_flags gs_flags = {
    .halt_on_error = false,
    .exitcode = 66,
    .log_path = NULL,
    .suppressions = NULL,
    .verbosity = 0,
    .strip_path_prefix = NULL,
    .report_dedup = true,
    .history_size = 2,
    .goroutine_records = 65536,
    .detect_leaks = false,
    .leak_grace_ms = 500,
    .deadlock_timeout = 0,
    .deadlock_scan_ms = 0,
    .dump_on_sigquit = false,
    .detect_deadlocks = true,
    .halt_on_deadlock = true,
    .detect_recursive_lock = false,
    .symbolize = true,
    .print_summary = true,
    .exit_wait_timeout = 30,
    .report_format = NULL,
    .source_root = NULL,
    .sarif_path = NULL,
};

typedef enum { FL_BOOL, FL_INT, FL_STR } fl_type;

/* help is the text of the flag's row in docs/usage.md's table, word for
 * word (test/report/flags_docs.c compares them); unset names an unset
 * string flag there, as the docs' default column does. */
typedef struct fl_desc {
    const char *name;
    fl_type type;
    void *ptr;
    int min, max; /* FL_INT range */
    const char *unset;
    const char *help;
} fl_desc;

static bool fl_help;

static const fl_desc fl_table[] = {
    {"halt_on_error", FL_BOOL, &gs_flags.halt_on_error, 0, 0, NULL,
     "exit (with `exitcode`) after the first report"},
    {"exitcode", FL_INT, &gs_flags.exitcode, 0, 255, NULL,
     "exit status of a program that printed any report (0..255)"},
    {"log_path", FL_STR, &gs_flags.log_path, 0, 0, "stderr",
     "write reports to `PATH.PID` instead of stderr (`stderr` and `stdout` are accepted too); "
     "the file is opened before `main` (if it cannot be, the program stops there with exit status 1 "
     "and the reason), and a forked child opens its own `PATH.CHILDPID`"},
    {"suppressions", FL_STR, &gs_flags.suppressions, 0, 0, "none",
     "file of `race:`, `deadlock:`, `leak:` and `misuse:` patterns (see Suppressions)"},
    {"verbosity", FL_INT, &gs_flags.verbosity, 0, 10, NULL,
     "1 and more: the runtime's own diagnostics (symbolizer choice, suppressions loaded) (0..10)"},
    {"strip_path_prefix", FL_STR, &gs_flags.strip_path_prefix, 0, 0, "none",
     "removed from the start of file names in reports"},
    {"report_dedup", FL_BOOL, &gs_flags.report_dedup, 0, 0, NULL,
     "report each pair of code locations, and each racy address, once (as TSan's "
     "`suppress_equal_addresses`); a lock-order inversion once per set of code locations, with a "
     "count at exit (deadlock.md)"},
    {"history_size", FL_INT, &gs_flags.history_size, 0, 7, NULL,
     "how much access history the race detector keeps per goroutine (0..7)"},
    {"goroutine_records", FL_INT, &gs_flags.goroutine_records, 16, 16777216, NULL,
     "how many of the latest goroutines a report can still describe once they finished: an older one "
     "is named by its id alone, and past about four times as many as `a finished goroutine whose record was "
     "recycled`; memory does not grow with the goroutines ever created (16..16777216)"},
    {"detect_leaks", FL_BOOL, &gs_flags.detect_leaks, 0, 0, NULL,
     "at exit, report goroutines still alive as a `goroutine leak`"},
    {"leak_grace_ms", FL_INT, &gs_flags.leak_grace_ms, 0, 3600000, NULL,
     "how long `gosan_leakcheck` waits for goroutines that are still finishing (0..3600000)"},
    {"deadlock_timeout", FL_INT, &gs_flags.deadlock_timeout, 0, 86400, NULL,
     "seconds a goroutine may wait to lock one mutex before a `deadlock` report naming the holder and "
     "where it locked it (go-deadlock's Opts.DeadlockTimeout); 0 off (0..86400)"},
    {"deadlock_scan_ms", FL_INT, &gs_flags.deadlock_scan_ms, 0, 3600000, NULL,
     "period of the scan for goroutines blocked for good (unreachable), run once more at exit; 0 off (0..3600000)"},
    {"dump_on_sigquit", FL_BOOL, &gs_flags.dump_on_sigquit, 0, 0, NULL,
     "SIGQUIT prints every goroutine, as Go does"},
    {"detect_deadlocks", FL_BOOL, &gs_flags.detect_deadlocks, 0, 0, NULL,
     "lock-order inversions and wait cycles; 0 turns both off"},
    {"halt_on_deadlock", FL_BOOL, &gs_flags.halt_on_deadlock, 0, 0, NULL,
     "exit with `exitcode` right after a wait-cycle report (the goroutines in it never go on)"},
    {"detect_recursive_lock", FL_BOOL, &gs_flags.detect_recursive_lock, 0, 0, NULL,
     "1: a mutex is unlocked by the goroutine that locked it (go-deadlock's rule): a goroutine locking a mutex it holds, and every wait cycle, is reported at once, and hand-off mutexes keep their lock-order edges"},
    {"symbolize", FL_BOOL, &gs_flags.symbolize, 0, 0, NULL,
     "use `llvm-symbolizer`; 0: names from the symbol table only"},
    {"symbolizer_at_start", FL_BOOL, &gs_flags.symbolizer_at_start, 0, 0, NULL,
     "start `llvm-symbolizer` at start-up and have it load the debug info then, not at the first symbol needed: for a program that later cannot start a process (seccomp, chroot, `RLIMIT_NPROC`) or whose first report must not wait for the load"},
    {"print_summary", FL_BOOL, &gs_flags.print_summary, 0, 0, NULL,
     "end every report with the `SUMMARY:` line"},
    {"exit_wait_timeout", FL_INT, &gs_flags.exit_wait_timeout, 0, 86400, NULL,
     "seconds any exit (return from `main`, `exit`, `_exit`, a fatal signal) waits for reports still being written; 0 does not wait (0..86400)"},
    {"report_format", FL_STR, &gs_flags.report_format, 0, 0, "text",
     "`text`, `json` (one JSON object per report, one per line, instead of the text) or `sarif` (one SARIF 2.1.0 log "
     "per process, written at exit; see Machine-readable reports)"},
    {"source_root", FL_STR, &gs_flags.source_root, 0, 0, "none",
     "in `json` and `sarif` reports, file names under this directory are relative to it"},
    {"sarif_path", FL_STR, &gs_flags.sarif_path, 0, 0, "none",
     "with `report_format=sarif`: write the log to `PATH.PID.sarif` and the text reports as usual, instead of the "
     "log replacing the text on the report output"},
    {"help", FL_BOOL, &fl_help, 0, 0, NULL, "print the flags, then run the program"},
};
#define FL_COUNT (sizeof fl_table / sizeof fl_table[0])

/* The separators and boolean spellings, as the docs and help=1 state them. */
#define FL_SEPARATORS "':', ',', spaces, tabs or newlines"
#define FL_BOOL_WORDS "a boolean: 0/1, false/true or no/yes"

static bool fl_is_sep(char c)
{
    return c == ':' || c == ' ' || c == '\t' || c == '\n' || c == ',';
}

/* Where the options being parsed come from: "GOSAN_OPTIONS" or the
 * program's __gosan_default_options(), named in every error. */
static const char *fl_source = "GOSAN_OPTIONS";

static void fl_bad_value(const fl_desc *d, const char *value, const char *expected)
{
    gs_die("%s: bad value '%s' for flag '%s' (expected %s)", fl_source, value, d->name, expected);
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
            fl_bad_value(d, value, FL_BOOL_WORDS);
        return;
    case FL_INT: {
        char range[64];
        gs_snprintf(range, sizeof range, "an integer in %d..%d", d->min, d->max);
        const char *p = value;
        bool neg = *p == '-';
        if (neg)
            p++;
        if (!*p)
            fl_bad_value(d, value, range);
        long v = 0;
        for (; *p; p++) {
            if (*p < '0' || *p > '9' || v > 1000000000L)
                fl_bad_value(d, value, range);
            v = v * 10 + (*p - '0');
        }
        if (neg)
            v = -v;
        if (v < d->min || v > d->max)
            fl_bad_value(d, value, range);
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
            gs_die("%s: '%s' has no value (write %s=VALUE)", fl_source, key, key);
        }
        *s++ = 0;
        char *value = s;
        while (*s && !fl_is_sep(*s))
            s++;
        if (*s)
            *s++ = 0;
        const fl_desc *d = fl_find(key);
        if (!d) {
            gs_warn("%s: unknown flag '%s' ignored (GOSAN_OPTIONS=help=1 lists the flags)", fl_source, key);
            continue;
        }
        fl_set(d, value);
    }
}

static void fl_value(const fl_desc *d, char *buf, size_t size)
{
    switch (d->type) {
    case FL_BOOL: gs_snprintf(buf, size, "%d", *(bool *)d->ptr); break;
    case FL_INT: gs_snprintf(buf, size, "%d", *(int *)d->ptr); break;
    case FL_STR: {
        const char *v = *(const char **)d->ptr;
        gs_snprintf(buf, size, "%s", v && *v ? v : d->unset);
        break;
    }
    }
}

/* One line per flag: `  NAME  (default D[, now V])  HELP`, D and HELP as
 * in the docs' table. */
static void fl_print_help(const char (*defaults)[64])
{
    gs_fdprintf(2, "gosan: GOSAN_OPTIONS flags (key=value pairs separated by %s; booleans: 0/1, false/true, "
                   "no/yes):\n", FL_SEPARATORS);
    for (size_t i = 0; i < FL_COUNT; i++) {
        const fl_desc *d = &fl_table[i];
        char now[64];
        fl_value(d, now, sizeof now);
        if (gs_strcmp(now, defaults[i]) == 0)
            gs_fdprintf(2, "  %-18s (default %s)  %s\n", d->name, defaults[i], d->help);
        else
            gs_fdprintf(2, "  %-18s (default %s, now %s)  %s\n", d->name, defaults[i], now, d->help);
    }
}

/* A program may build its defaults in (as TSan's __tsan_default_options):
 * a __gosan_* name, so the pass never instruments it. */
extern const char *__gosan_default_options(void) __attribute__((weak));

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
    static char defaults[FL_COUNT][64];
    for (size_t i = 0; i < FL_COUNT; i++)
        fl_value(&fl_table[i], defaults[i], sizeof defaults[i]);
    /* The program's built-in defaults first, so the environment overrides
     * them flag by flag. */
    const char *builtin = __gosan_default_options ? __gosan_default_options() : NULL;
    if (builtin && *builtin) {
        fl_source = "__gosan_default_options()";
        fl_parse(gs_strdup(builtin));
    }
    fl_source = "GOSAN_OPTIONS";
    const char *env = getenv("GOSAN_OPTIONS");
    if (env && *env)
        fl_parse(gs_strdup(env));
    if (!gs_report_format_valid(gs_flags.report_format))
        gs_die("GOSAN_OPTIONS: bad value '%s' for flag 'report_format' (expected text, json or sarif)",
               gs_flags.report_format);
    fl_parsing = 0;
    __atomic_store_n(&fl_state, 2, __ATOMIC_RELEASE);
    if (fl_help)
        fl_print_help(defaults);
}
