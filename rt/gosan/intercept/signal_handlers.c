/* signal_handlers.c - the program's signal handlers run after the
 * sigaction (or signal) that installed them.
 *
 * The model is TSan's (and Go's: a signal is delivered after
 * signal.Notify): installing a handler releases on the signal's sync
 * object, and the handler acquires it when it starts.  So what the
 * installer did before (a pipe created, a global set) is no race with the
 * handler, wherever the kernel runs it; a global nothing orders with the
 * handler still is.
 *
 * Who the handler runs as:
 *  - a goroutine (or plain thread) it interrupted: as that goroutine, after
 *    everything it did;
 *  - a library worker between goroutines (no goroutine: the scheduler), or
 *    the main thread there after it became goroutine 1: as a state of its
 *    own for that thread, named as a thread, so its accesses are neither
 *    the scheduler's (unchecked) nor a stale goroutine 1's.
 *
 * Invariants:
 *  - A program's handler is installed as gs_sig_trampoline with the
 *    program's flags plus SA_SIGINFO; the program's handler and flags are
 *    in gs_sig_user[sig].  sigaction's old action reports the program's
 *    handler, never the trampoline.
 *  - Calls from gosan's own code (the library's guard, world stop and
 *    profiler, the checker's fatal-signal handler) pass through untouched.
 *  - The release and the install happen with every signal blocked on the
 *    calling thread, so a handler never interrupts its own release.
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>

#include "goroutine_record.h"
#include "signal_handlers.h"
#include "own_code.h"
#include "syncobj.h"
#include "thread_hb.h"
#include "thread_state.h"

typedef struct gs_sig_user {
    void *handler; /* sa_handler or sa_sigaction; NULL: not ours */
    int flags;     /* the program's sa_flags */
} gs_sig_user;

static gs_sig_user gs_sig_user_tab[NSIG];

/* The handler's own state on a thread that was running no goroutine. */
static __thread gs_thr *gs_sig_own_state;

#define SH_REAL(name)                                                                              \
    static __typeof__(&name) sh_real_##name;                                                       \
    if (!__atomic_load_n(&sh_real_##name, __ATOMIC_ACQUIRE))                                       \
        __atomic_store_n(&sh_real_##name, (__typeof__(&name))dlsym(RTLD_NEXT, #name), __ATOMIC_RELEASE); \
    __typeof__(&name) real = sh_real_##name

static gs_thr *gs_sig_thread_state(void)
{
    gs_thr *t = gs_sig_own_state;
    if (!t) {
        uint64_t id = gs_thr_new_thread_id();
        t = gs_thr_new(id);
        t->is_thread = true;
        t->started = true;
        gs_grec_created(id, 0, 0, GS_GREC_RUNNING, false);
        gs_sig_own_state = t;
    }
    return t;
}

/* The state the handler's accesses belong to (see the file's comment). */
static gs_thr *gs_sig_context(void)
{
    gs_thr *cur = gs_cur;
    if (!gs_thr_runs_goroutines)
        return gs_thr_current();
    /* A worker's fallback (or the main thread's, retired when it became
     * goroutine 1) stands for the scheduler, not for a goroutine. */
    if (cur && !cur->finished && cur != gs_thr_fallback())
        return cur;
    return gs_sig_thread_state();
}

/* Whether the signal interrupted the checker's own code.  That code may
 * hold one of its spin locks (a sync object's stripe, the allocator's), and
 * the acquire below, or a first handler state's allocation, could then wait
 * for ever on this very thread.  The handler runs there as the interrupted
 * state, without the install's edge: at worst a report the edge would have
 * prevented, never a hang. */
static bool gs_sig_interrupted_checker(const void *uc)
{
    const ucontext_t *u = uc;
    return u && gs_pc_in_runtime((uintptr_t)u->uc_mcontext.gregs[REG_RIP]);
}

static void gs_sig_trampoline(int sig, siginfo_t *si, void *uc)
{
    int saved = errno;
    gs_sig_user u;
    u.handler = __atomic_load_n(&gs_sig_user_tab[sig].handler, __ATOMIC_ACQUIRE);
    u.flags = __atomic_load_n(&gs_sig_user_tab[sig].flags, __ATOMIC_RELAXED);
    gs_thr *prev = gs_cur;
    gs_thr *t = gs_engine_ready && !gs_sig_interrupted_checker(uc) ? gs_sig_context() : NULL;
    if (t) {
        gs_cur = t;
        gs_sync_at(t, (uintptr_t)&gs_sig_user_tab[sig], GS_SYNC_PLAIN, GS_SYNC_OP_ACQUIRE, false);
    }
    errno = saved;
    if (u.flags & SA_SIGINFO)
        ((void (*)(int, siginfo_t *, void *))u.handler)(sig, si, uc);
    else if (u.handler)
        ((void (*)(int))u.handler)(sig);
    saved = errno;
    gs_cur = prev;
    errno = saved;
}

static bool gs_sig_is_handler(const struct sigaction *act)
{
    if (act->sa_flags & SA_SIGINFO)
        return act->sa_sigaction != NULL;
    return act->sa_handler != SIG_DFL && act->sa_handler != SIG_IGN;
}

/* The kernel's old action as the program set it. */
static void gs_sig_report_old(struct sigaction *old, const gs_sig_user *prev)
{
    if (!old || old->sa_sigaction != gs_sig_trampoline)
        return;
    old->sa_flags = prev->flags;
    if (prev->flags & SA_SIGINFO)
        old->sa_sigaction = (void (*)(int, siginfo_t *, void *))prev->handler;
    else
        old->sa_handler = (void (*)(int))prev->handler;
}

bool gs_sig_caller_is_gosan(void *ret)
{
    uintptr_t pc = (uintptr_t)ret - 1;
    return gs_pc_in_runtime(pc) || gs_pc_in_library(pc);
}

int gs_sig_action(int sig, const struct sigaction *act, struct sigaction *old, bool program)
{
    SH_REAL(sigaction);
    if (!real || sig <= 0 || sig >= NSIG || !program)
        return real ? real(sig, act, old) : (errno = ENOSYS, -1);
    sigset_t all, mask;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &mask);
    gs_sig_user prev = gs_sig_user_tab[sig];
    int r;
    if (act && gs_sig_is_handler(act)) {
        struct sigaction k = *act;
        k.sa_sigaction = gs_sig_trampoline;
        k.sa_flags |= SA_SIGINFO;
        /* before the table names the handler: another thread may run it
         * as soon as it does */
        gs_pthread_sync(&gs_sig_user_tab[sig], GS_SYNC_PLAIN, GS_SYNC_OP_RELEASE);
        __atomic_store_n(&gs_sig_user_tab[sig].flags, act->sa_flags, __ATOMIC_RELAXED);
        __atomic_store_n(&gs_sig_user_tab[sig].handler,
                         (act->sa_flags & SA_SIGINFO) ? (void *)act->sa_sigaction : (void *)act->sa_handler,
                         __ATOMIC_RELEASE);
        r = real(sig, &k, old);
        if (r != 0) { /* the kernel kept the previous action: so does the table */
            __atomic_store_n(&gs_sig_user_tab[sig].flags, prev.flags, __ATOMIC_RELAXED);
            __atomic_store_n(&gs_sig_user_tab[sig].handler, prev.handler, __ATOMIC_RELEASE);
        }
    } else {
        r = real(sig, act, old);
    }
    int saved = errno;
    if (r == 0)
        gs_sig_report_old(old, &prev);
    pthread_sigmask(SIG_SETMASK, &mask, NULL);
    errno = saved;
    return r;
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    return gs_sig_action(sig, act, old, !gs_sig_caller_is_gosan(__builtin_return_address(0)));
}

/* glibc's signal() calls its internal sigaction, not the one above. */
sighandler_t signal(int sig, sighandler_t handler)
{
    if (gs_sig_caller_is_gosan(__builtin_return_address(0))) {
        SH_REAL(signal);
        return real ? real(sig, handler) : SIG_ERR;
    }
    struct sigaction act, old;
    memset(&act, 0, sizeof act);
    act.sa_handler = handler;
    sigemptyset(&act.sa_mask);
    sigaddset(&act.sa_mask, sig);
    act.sa_flags = SA_RESTART; /* BSD semantics, as glibc's signal() */
    if (gs_sig_action(sig, &act, &old, true) != 0)
        return SIG_ERR;
    return old.sa_handler;
}
