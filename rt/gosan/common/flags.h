/* flags.h - GOSAN_OPTIONS.
 *
 * gs_flags holds defaults until gs_flags_init() parses the program's
 * __gosan_default_options() then the environment (which overrides it); the
 * parse happens once (gs_flags_init is idempotent and thread-safe), so any
 * module may call it first thing, even from a constructor that runs before
 * the runtime's own.  Syntax: key=value pairs separated by ':', ',', spaces,
 * tabs or newlines (docs/usage.md).
 */
#ifndef GOSAN_FLAGS_H
#define GOSAN_FLAGS_H

#include <stdbool.h>

struct gs_flags {
    bool halt_on_error;        /* exit after the first report */
    int exitcode;              /* exit status when any report was printed (66) */
    const char *log_path;      /* reports go to PATH.PID instead of stderr */
    const char *suppressions;  /* suppressions file */
    int verbosity;             /* 0 quiet; 1 and more: runtime diagnostics */
    const char *strip_path_prefix; /* removed from file names in reports */
    bool report_dedup;         /* one report per pc pair and per racy address */
    int history_size;          /* engine: per-goroutine history depth (0..7) */
    int goroutine_records;     /* finished goroutines reports can still describe (65536) */
    bool detect_leaks;         /* goroutine-leak check at exit */
    int leak_grace_ms;         /* gosan_leakcheck's grace period (500) */
    int deadlock_timeout;      /* seconds a goroutine may wait on a cycle; 0 off */
    int deadlock_scan_ms;      /* period of the reachability scan; 0 off */
    bool dump_on_sigquit;      /* SIGQUIT dumps every goroutine */
    bool detect_deadlocks;     /* lock-order inversion + wait cycles (1) */
    bool halt_on_deadlock;     /* exit (exitcode) after a wait-cycle deadlock report (1) */
    bool detect_recursive_lock; /* the locker of a mutex is its unlocker: relocks and every wait cycle reported at once (0) */
    bool symbolize;            /* run llvm-symbolizer for reports (1) */
    bool symbolizer_at_start;  /* start it at start-up, not when first needed (0) */
    bool print_summary;        /* the SUMMARY line of each report (1) */
    int exit_wait_timeout;     /* seconds an exit waits for reports in flight (30) */
    const char *report_format; /* text (default), json or sarif (report_json.h) */
    const char *source_root;   /* json/sarif file names are relative to it */
    const char *sarif_path;    /* the SARIF log goes to PATH.PID.sarif */
};

extern struct gs_flags gs_flags;

/* Parses GOSAN_OPTIONS once; later calls return immediately.  help=1 prints
 * every flag and exits 0. */
void gs_flags_init(void);

#endif
