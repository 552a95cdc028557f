/* report.c - a report's framing and text (see report.h): the report
 * lock, the buffered text, the count of reports in flight, and
 * begin/end with the SUMMARY line.
 *
 * Invariants: nothing here allocates or uses stdio; text of a report
 * accumulates in one static buffer owned by the report lock's holder and
 * is written when full and at gs_report_end; text printed outside a report
 * goes straight to the fd, one call per line.  A report is "in flight"
 * from its detection (gs_report_enter, before its stacks are symbolized
 * for suppressions) to its last line: rp_in_flight counts the threads
 * inside one, which is what every exit waits for (exitwait.c).  Called by
 * every detector; the report lock is a raw spin lock no user code can
 * hold.
 */
#include "report.h"

#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "exit_status.h"
#include "exitwait.h"
#include "flags.h"
#include "log.h"
#include "printf.h"
#include "report_history.h"
#include "report_json.h"
#include "report_record.h"
#include "spinlock.h"
#include "symbolize.h"

static gs_splock rp_report_lock = GS_SPLOCK_INIT;
static __thread int rp_in_report;
static __thread int rp_depth;   /* this thread's nesting of enter/leave */
static int rp_in_flight;        /* threads with rp_depth > 0 */
static gs_report_leave_fn rp_leave_cb;
static char rp_buf[16384];
static size_t rp_len;

/* A report the exit gave up waiting for (exit_wait_timeout) is not written
 * when it finishes after all: the exit has said it is lost, and its text
 * would land after that line, racing with the end of the process. */
static void rp_write(const char *s, size_t n)
{
    if (!gs_exit_wait_lost())
        gs_write_all(gs_report_fd(), s, n);
}

void gs_flush(void)
{
    if (rp_len) {
        rp_write(rp_buf, rp_len);
        rp_len = 0;
    }
}

static void rp_emit(const char *s, size_t n)
{
    if (!rp_in_report) {
        gs_write_all(gs_report_fd(), s, n);
        return;
    }
    gs_rec_text(s, n);
    if (!gs_report_text_shown())
        return; /* the record carries it to the json or sarif output */
    if (rp_len + n > sizeof rp_buf)
        gs_flush();
    if (n > sizeof rp_buf) {
        rp_write(s, n);
        return;
    }
    for (size_t i = 0; i < n; i++)
        rp_buf[rp_len + i] = s[i];
    rp_len += n;
}

void gs_vprintf(const char *fmt, va_list ap)
{
    char tmp[2048];
    va_list aq;
    va_copy(aq, ap);
    int n = gs_vsnprintf(tmp, sizeof tmp, fmt, aq);
    va_end(aq);
    if ((size_t)n < sizeof tmp) {
        rp_emit(tmp, (size_t)n);
        return;
    }
    /* Rare: a line longer than tmp (a huge path); print it truncated. */
    rp_emit(tmp, sizeof tmp - 1);
    rp_emit("...\n", 4);
}

void gs_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gs_vprintf(fmt, ap);
    va_end(ap);
}

/* ---- reports in flight */

void gs_report_enter(void)
{
    if (rp_depth++ == 0)
        __atomic_add_fetch(&rp_in_flight, 1, __ATOMIC_SEQ_CST);
}

void gs_report_leave(void)
{
    if (rp_depth <= 0 || --rp_depth > 0)
        return;
    __atomic_sub_fetch(&rp_in_flight, 1, __ATOMIC_SEQ_CST);
    gs_report_leave_fn cb = __atomic_load_n(&rp_leave_cb, __ATOMIC_ACQUIRE);
    if (cb)
        cb();
}

int gs_reports_in_flight_elsewhere(void)
{
    return __atomic_load_n(&rp_in_flight, __ATOMIC_SEQ_CST) - (rp_depth > 0);
}

bool gs_report_in_flight_here(void)
{
    return rp_depth > 0;
}

void gs_report_on_leave(gs_report_leave_fn fn)
{
    __atomic_store_n(&rp_leave_cb, fn, __ATOMIC_RELEASE);
}

/* The threads of the parent that were inside a report do not exist in a
 * forked child: its exits must not wait for them. */
void gs_report_fork_child(void)
{
    __atomic_store_n(&rp_in_flight, rp_depth > 0, __ATOMIC_SEQ_CST);
}

/* ---- reports */

#define RP_SEPARATOR "==================\n"

/* Not analysed: the report lock is held from here to gs_report_end. */
GS_NO_THREAD_SAFETY_ANALYSIS bool gs_report_begin(const char *kind)
{
    if (rp_in_report)
        return false;
    gs_flags_init();
    gs_report_enter();
    if (gs_exit_status_decided()) { /* after the enter: see exit_status.c */
        gs_report_leave();
        return false;
    }
    gs_splock_lock(&rp_report_lock);
    rp_in_report = 1;
    rp_len = 0;
    gs_rec_begin(kind, (int)syscall(SYS_getpid));
    gs_printf(RP_SEPARATOR);
    gs_printf("WARNING: gosan: %s (pid=%d)\n", kind, (int)syscall(SYS_getpid));
    return true;
}

static void rp_summary(const char *kind, uintptr_t pc)
{
    gs_frame f;
    if (pc && gs_symbolize(pc, &f))
        gs_rec_summary(&f);
    if (!gs_flags.print_summary)
        return;
    if (pc && gs_symbolize(pc, &f) && f.file)
        gs_printf("SUMMARY: gosan: %s %s:%d in %s\n", kind, f.file, f.line, f.function);
    else if (pc && gs_symbolize(pc, &f) && f.function[0] != '?')
        gs_printf("SUMMARY: gosan: %s (%s+0x%lx) in %s\n", kind, f.module ? f.module : "<unknown module>",
                  (unsigned long)f.module_offset, f.function);
    else
        gs_printf("SUMMARY: gosan: %s\n", kind);
}

GS_NO_THREAD_SAFETY_ANALYSIS static void rp_finish(void) /* releases gs_report_begin's lock */
{
    gs_printf(RP_SEPARATOR);
    gs_flush();
    if (gs_report_format() == GS_FORMAT_JSON)
        gs_report_json_emit(gs_rec_current());
    else if (gs_report_format() == GS_FORMAT_SARIF)
        gs_sarif_add(gs_rec_current());
    gs_report_history_add(gs_rec_current());
    gs_rec_end();
    gs_exit_status_count_report();
    rp_in_report = 0;
    gs_splock_unlock(&rp_report_lock);
    gs_report_leave();
    /* halt_on_error leaves through _exit, which waits for the reports
     * other threads still have in flight (exitwait.c). */
    if (gs_flags.halt_on_error)
        _exit(gs_flags.exitcode);
}

void gs_report_end(const char *kind, uintptr_t top_pc)
{
    if (!rp_in_report)
        return;
    rp_summary(kind, top_pc);
    rp_finish();
}

void gs_report_end_ret(const char *kind, uintptr_t ret_pc)
{
    gs_report_end(kind, ret_pc ? ret_pc - 1 : 0);
}

void gs_report_end_stack(const char *kind, gs_stack_id top)
{
    bool ret = false;
    uintptr_t pc = gs_stack_top_pc(top, &ret);
    if (ret)
        gs_report_end_ret(kind, pc);
    else
        gs_report_end(kind, pc);
}
