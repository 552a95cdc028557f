/* trace_signals.c - a trace outlives the signal that ends its program.
 *
 * A traced program ended by a signal would lose the events still in its
 * workers' buffers (up to 64 KiB each), and Go's viewer refuses a trace in
 * which a goroutine's wake-up survived but its block did not.  So from the
 * first trace start on, the signals whose default action ends the process
 * -- SIGINT (Ctrl-C), SIGTERM (kill, timeout(1), a CI runner's cancel),
 * SIGHUP, SIGPIPE, SIGXCPU, and the faults SIGSEGV, SIGBUS, SIGFPE, SIGILL,
 * SIGABRT -- write every buffer out, then take their default action: the
 * process ends as it would have, with the same signal (and core dump).
 *
 * Invariants: a handler goes only where the default action is (a handler
 * the program installed, or an inherited "ignore", is left alone; one the
 * program installs later replaces ours); with no trace on it only
 * re-raises.  The handler is async-signal-safe: the flush writes the
 * buffers with write(2), drops the event the interrupted thread was in the
 * middle of, and gives up on a buffer whose thread stays inside an event
 * (go_trace_flush_at_death).  SIGKILL cannot be caught: a killed program's
 * trace keeps only the batches written before.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>

#include "trace.h"

static const int ending_signals[] = {
    SIGHUP, SIGINT, SIGTERM, SIGPIPE, SIGXCPU, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT,
};

static void flush_then_default(int sig)
{
    int saved = errno;
    if (go_trace_on())
        go_trace_flush_at_death();
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    /* Blocked until this handler returns; a fault returns to re-execute its
     * instruction, which raises it again: either way the default action. */
    raise(sig);
    errno = saved;
}

static void install_over_default(int sig)
{
    struct sigaction cur;
    if (sigaction(sig, NULL, &cur) != 0 || (cur.sa_flags & SA_SIGINFO) || cur.sa_handler != SIG_DFL)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = flush_then_default;
    sa.sa_flags = SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* Called under the trace's control lock, at every start. */
void go_trace_signals_install(void)
{
    static bool installed;
    if (installed)
        return;
    installed = true;
    for (size_t i = 0; i < sizeof ending_signals / sizeof ending_signals[0]; i++)
        install_over_default(ending_signals[i]);
}
