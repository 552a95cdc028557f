/* fatalsig.c - a fatal signal waits for the reports in flight before it
 * ends the program (see exitwait.h).
 *
 * For SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGINT and SIGTERM, a
 * handler installed at start-up waits (gs_exit_wait: async-signal-safe,
 * bounded) and then hands the signal on: to the handler that was there
 * before (the library's stack-overflow guard, or a handler the program set
 * in a constructor), or to the default action, so the program still dies
 * by that signal.  It is installed after the library's constructor (200),
 * so the guard's handler is the one it chains to.  Signals ignored at
 * start-up are left alone; a handler the program installs later replaces
 * this one.
 *
 * A signal sent (kill, SIGINT, abort) to a thread that is itself inside a
 * report would kill it mid-report: it is deferred until that thread leaves
 * the report and then sent again.  A fault (SIGSEGV, ...) raised by an
 * instruction returns to it and happens again under the default action.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "exitwait.h"
#include "report_json.h"
#include "flags.h"
#include "report.h"
#include "symbolize.h"

static const int fs_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGINT, SIGTERM};
#define FS_COUNT (sizeof fs_signals / sizeof fs_signals[0])

static struct sigaction fs_old[FS_COUNT];
static int fs_deferred; /* a sent signal that arrived inside a report */

static int fs_index(int sig)
{
    for (size_t i = 0; i < FS_COUNT; i++)
        if (fs_signals[i] == sig)
            return (int)i;
    return -1;
}

/* Sent by someone (kill, tgkill, abort, the terminal), not raised by the
 * instruction the thread was executing. */
static bool fs_is_sent(int sig, const siginfo_t *si)
{
    return sig == SIGINT || sig == SIGTERM || sig == SIGABRT || !si || si->si_code <= 0;
}

static void fs_resend(int sig)
{
    syscall(SYS_tgkill, (pid_t)syscall(SYS_getpid), (pid_t)syscall(SYS_gettid), sig);
}

/* What would have happened without us. */
static void fs_pass_on(int sig, siginfo_t *si, void *uc)
{
    const struct sigaction *old = &fs_old[fs_index(sig)];
    if (old->sa_flags & SA_SIGINFO) {
        old->sa_sigaction(sig, si, uc);
        return;
    }
    if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN) {
        old->sa_handler(sig);
        return;
    }
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(sig, &dfl, NULL);
    gs_sarif_finish(); /* the default action ends the process: its run is complete */
    gs_symbolize_exit();
    /* Blocked while we run: delivered, with the default action, on return.
     * A fault instead happens again when the instruction is retried. */
    if (fs_is_sent(sig, si))
        fs_resend(sig);
}

static void fs_handler(int sig, siginfo_t *si, void *uc)
{
    int saved_errno = errno;
    if (gs_report_in_flight_here() && fs_is_sent(sig, si)) {
        __atomic_store_n(&fs_deferred, sig, __ATOMIC_SEQ_CST);
        errno = saved_errno;
        return;
    }
    gs_exit_wait();
    fs_pass_on(sig, si, uc);
    errno = saved_errno;
}

/* Only the signals in m: glibc copies sa_mask's full 128 bytes out of its
 * own stack frame, of which the kernel filled 8, and the rest kept in
 * fs_old would look like pointers to the reachability scan (a stuck
 * goroutine's object found "reachable" from them). */
static sigset_t fs_kernel_signals(const sigset_t *m)
{
    sigset_t clean;
    sigemptyset(&clean);
    for (int sig = 1; sig < NSIG; sig++)
        if (sigismember(m, sig) == 1)
            sigaddset(&clean, sig);
    return clean;
}

/* A thread left its report: a signal deferred meanwhile is sent again. */
static void fs_on_leave(void)
{
    int sig = __atomic_exchange_n(&fs_deferred, 0, __ATOMIC_SEQ_CST);
    if (sig)
        fs_resend(sig);
}

/* A constructor of its own, not a step of init.c's start-up sequence: it
 * must run after the library's constructor (200) installed the guard. */
__attribute__((constructor(210))) static void fs_install(void)
{
    gs_flags_init();
    gs_report_on_leave(fs_on_leave);
    for (size_t i = 0; i < FS_COUNT; i++) {
        struct sigaction cur;
        if (sigaction(fs_signals[i], NULL, &cur) != 0)
            continue;
        cur.sa_mask = fs_kernel_signals(&cur.sa_mask);
        if (!(cur.sa_flags & SA_SIGINFO) && cur.sa_handler == SIG_IGN)
            continue;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = fs_handler;
        /* SA_ONSTACK: a stack overflow must reach the guard on the
         * worker's alternate stack; the previous handler keeps its mask. */
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK | (cur.sa_flags & (SA_RESTART | SA_NODEFER));
        sa.sa_mask = cur.sa_mask;
        fs_old[i] = cur;
        if (sigaction(fs_signals[i], &sa, NULL) != 0)
            fs_old[i].sa_handler = SIG_DFL;
    }
}
