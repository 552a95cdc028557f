/* signal_legacy.c - the older ways to install a signal handler: BSD's
 * bsd_signal and SVID's ssignal (both glibc's signal()), System V's
 * sysv_signal (and __sysv_signal, what signal() is under _XOPEN_SOURCE
 * without _GNU_SOURCE or _DEFAULT_SOURCE) and sigset.
 *
 * glibc implements each with its internal sigaction, which the checker
 * does not see, so each is intercepted here and installs through
 * signal_handlers.c's sigaction path with the flags and mask glibc would
 * use: the install releases the signal's sync object and the handler
 * acquires it when it starts, as for sigaction and signal.  Without them, a
 * handler installed this way was not ordered after its install (a false
 * report on data set up before it).
 *
 * Calls from gosan's own code pass through to libc untouched.
 */
#include <dlfcn.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>

#include "signal_handlers.h"

/* Not declared by <signal.h> under _GNU_SOURCE (an X/Open legacy name). */
sighandler_t bsd_signal(int sig, sighandler_t handler);

typedef sighandler_t (*sl_installer)(int, sighandler_t);

/* libc's definition of name: the pass-through for gosan's own calls. */
static sighandler_t sl_forward(const char *name, int sig, sighandler_t handler)
{
    sl_installer real = (sl_installer)dlsym(RTLD_NEXT, name);
    return real ? real(sig, handler) : SIG_ERR;
}

/* Installs handler for sig with sa_flags flags, masking sig itself in the
 * handler if mask_self; returns the previous handler, or SIG_ERR. */
static sighandler_t sl_install(int sig, sighandler_t handler, int flags, bool mask_self)
{
    struct sigaction act, old;
    memset(&act, 0, sizeof act);
    memset(&old, 0, sizeof old);
    act.sa_handler = handler;
    sigemptyset(&act.sa_mask);
    if (mask_self && sig > 0 && sig < NSIG)
        sigaddset(&act.sa_mask, sig);
    act.sa_flags = flags;
    if (gs_sig_action(sig, &act, &old, true) != 0)
        return SIG_ERR;
    return old.sa_handler;
}

/* BSD semantics, as glibc's signal(): restarted calls, sig masked while
 * its handler runs. */
sighandler_t bsd_signal(int sig, sighandler_t handler)
{
    if (gs_sig_caller_is_gosan(__builtin_return_address(0)))
        return sl_forward("bsd_signal", sig, handler);
    return sl_install(sig, handler, SA_RESTART, true);
}

sighandler_t ssignal(int sig, sighandler_t handler)
{
    if (gs_sig_caller_is_gosan(__builtin_return_address(0)))
        return sl_forward("ssignal", sig, handler);
    return sl_install(sig, handler, SA_RESTART, true);
}

/* System V semantics: the handler is reset to SIG_DFL when it runs and
 * does not mask its signal; calls are not restarted. */
sighandler_t sysv_signal(int sig, sighandler_t handler)
{
    if (gs_sig_caller_is_gosan(__builtin_return_address(0)))
        return sl_forward("sysv_signal", sig, handler);
    return sl_install(sig, handler, SA_RESETHAND | SA_NODEFER, false);
}

sighandler_t __sysv_signal(int sig, sighandler_t handler)
{
    if (gs_sig_caller_is_gosan(__builtin_return_address(0)))
        return sl_forward("__sysv_signal", sig, handler);
    return sl_install(sig, handler, SA_RESETHAND | SA_NODEFER, false);
}

/* X/Open's sigset: SIG_HOLD only blocks sig (libc's own, no handler
 * installed); any other disposition is installed with no flags and an
 * empty mask, then sig is unblocked.  Returns SIG_HOLD if sig was blocked
 * before, else the previous disposition. */
sighandler_t sigset(int sig, sighandler_t disp)
{
    if (disp == SIG_HOLD || gs_sig_caller_is_gosan(__builtin_return_address(0)))
        return sl_forward("sigset", sig, disp);
    sighandler_t prev = sl_install(sig, disp, 0, false);
    if (prev == SIG_ERR)
        return SIG_ERR;
    sigset_t one, before;
    sigemptyset(&one);
    sigaddset(&one, sig);
    if (pthread_sigmask(SIG_UNBLOCK, &one, &before) != 0)
        return SIG_ERR;
    return sigismember(&before, sig) ? SIG_HOLD : prev;
}
