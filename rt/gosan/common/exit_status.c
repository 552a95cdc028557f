/* exit_status.c - what a checked program exits with (see exit_status.h):
 * the count of reports this process printed decides it, and the count
 * line says it.
 *
 * Invariants: lock-free and async-signal-safe (atomics and one write), so
 * every way out, signal handlers included, may use it.  The count belongs
 * to the process that printed the reports: a forked child starts at 0.
 * Once an exit has decided the status, no report starts any more
 * (gs_exit_status_decided): a report printed after the decision would not
 * be in the status.  The decision closes that gate first and then waits
 * for the reports in flight; a report enters its flight first and then
 * looks at the gate (both sequentially consistent), so each report is
 * either waited for and counted, or not printed at all.
 */
#include "exit_status.h"

#include <sys/syscall.h>
#include <unistd.h>

#include "exitwait.h"
#include "flags.h"
#include "log.h"
#include "report_json.h"

static unsigned long es_reports;
static pid_t es_reports_pid; /* the process that printed them (not a fork) */
static int es_counted;       /* the count line was printed */
static int es_decided;       /* an exit decided the status: no new reports */

void gs_exit_status_count_report(void)
{
    __atomic_store_n(&es_reports_pid, (pid_t)syscall(SYS_getpid), __ATOMIC_SEQ_CST);
    __atomic_add_fetch(&es_reports, 1, __ATOMIC_SEQ_CST);
}

/* A forked child that printed nothing has nothing to report: its parent's
 * reports are its parent's (and a vfork child must not touch the count). */
unsigned long gs_report_count(void)
{
    unsigned long n = __atomic_load_n(&es_reports, __ATOMIC_SEQ_CST);
    if (n && __atomic_load_n(&es_reports_pid, __ATOMIC_SEQ_CST) != (pid_t)syscall(SYS_getpid))
        return 0;
    return n;
}

bool gs_exit_status_decided(void)
{
    return __atomic_load_n(&es_decided, __ATOMIC_SEQ_CST);
}

int gs_exit_final_status(int status)
{
    __atomic_store_n(&es_decided, 1, __ATOMIC_SEQ_CST);
    gs_exit_wait();
    gs_sarif_finish();
    if (gs_report_count() || gs_exit_wait_lost())
        return gs_flags.exitcode;
    return status;
}

static gs_exit_note_fn es_notes[GS_EXIT_NOTES];

void gs_exit_status_on_count(gs_exit_note_fn fn)
{
    for (int i = 0; i < GS_EXIT_NOTES; i++) {
        gs_exit_note_fn none = NULL;
        if (__atomic_load_n(&es_notes[i], __ATOMIC_ACQUIRE) == fn ||
            __atomic_compare_exchange_n(&es_notes[i], &none, fn, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            return;
    }
}

void gs_exit_print_count(void)
{
    unsigned long n = gs_report_count();
    /* json and sarif output stays machine-readable. */
    if (n == 0 || !gs_report_text_shown() || __atomic_exchange_n(&es_counted, 1, __ATOMIC_SEQ_CST))
        return;
    for (int i = 0; i < GS_EXIT_NOTES; i++) {
        gs_exit_note_fn fn = __atomic_load_n(&es_notes[i], __ATOMIC_ACQUIRE);
        if (fn)
            fn(gs_report_fd());
    }
    gs_fdprintf(gs_report_fd(), "gosan: reported %lu warning%s\n", n, n == 1 ? "" : "s");
}
