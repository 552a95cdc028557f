/* pprof_sigquit.c - SIGQUIT in a production (--plain) build, as in Go:
 * print every goroutine in the debug=2 traceback format to stderr and exit
 * with status 2.
 *
 * Installed at start-up only when no checker is linked (the checker keeps
 * its own SIGQUIT behaviour, dump_on_sigquit), SIGQUIT still has its
 * default action, and GOSAN_SIGQUIT is not "off" (then SIGQUIT keeps its
 * default action: the process ends with a core dump).  A handler the
 * program installs later replaces ours.
 *
 * The dump runs in the handler, since the process ends right after it:
 * snapshots of one goroutine at a time into static memory, written with
 * write(2).  The goroutine the signal interrupted is walked from the
 * signal's registers; goroutines running on other threads have no stack
 * ("stack unavailable").  Names and lines come from tables built on first
 * use; if the signal interrupted the C library in a state that deadlocks
 * that (malloc inside qsort, the loader's lock in dladdr), an alarm ends
 * the process after 10 seconds.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include "pprof.h"

static pp_gsnap quit_snap;
static pp_out quit_out;

static void dump_one(go_g *g, go_g *self, ucontext_t *uc, int64_t now)
{
    void *fp = NULL, *pc = NULL;
    const void *lo = NULL;
    int st = atomic_load(&g->status);
    bool running = st == G_RUNNING || st == G_RUNNING_WOKEN;
    if (g == self && uc) {
        const char *sp = (const char *)uc->uc_mcontext.gregs[REG_RSP];
        if (g->stack_hi && sp < g->stack_hi && (!g->stack_lo || sp >= g->stack_lo)) {
            fp = (void *)uc->uc_mcontext.gregs[REG_RBP];
            pc = (void *)uc->uc_mcontext.gregs[REG_RIP];
            lo = sp;
        }
    }
    go_pprof_snap_g(g, &quit_snap, false, fp, pc, lo);
    if (g == self)
        quit_snap.status = G_RUNNING;
    if (running && !fp)
        quit_snap.stack_known = false, quit_snap.npcs = 0;
    go_pp_traceback(&quit_out, &quit_snap, now);
}

static void quit_handler(int sig, siginfo_t *si, void *uctx)
{
    (void)sig;
    (void)si;
    alarm(10);
    quit_out.fd = 2;
    quit_out.len = 0;
    quit_out.failed = false;
    go_pp_printf(&quit_out, "SIGQUIT: quit\n\n");
    go_g *self = go_cur_g();
    int64_t now = go_now_coarse();
    /* The interrupted thread may hold the list lock: then walk unlocked. */
    bool locked = false;
    for (int i = 0; i < 1000 && !(locked = golock_trylock(&go_sched.all_lock)); i++)
        usleep(100);
    if (self)
        dump_one(self, self, uctx, now);
    go_g *g = go_sched.all;
    while (g && g->all_next)
        g = g->all_next;
    for (; g; g = g->all_prev)
        if (g != self)
            dump_one(g, self, NULL, now);
    go_pp_flush(&quit_out);
    _exit(2);
}

__attribute__((constructor(204))) static void sigquit_init(void)
{
    if (go_hooks_active)
        return; /* the checker's SIGQUIT (dump_on_sigquit) */
    const char *opt = getenv("GOSAN_SIGQUIT");
    if (opt && (strcmp(opt, "off") == 0 || strcmp(opt, "0") == 0))
        return;
    struct sigaction cur;
    if (sigaction(SIGQUIT, NULL, &cur) != 0 || (cur.sa_flags & SA_SIGINFO) || cur.sa_handler != SIG_DFL)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = quit_handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask); /* not SIGALRM: the alarm must end a stuck dump */
    sigaction(SIGQUIT, &sa, NULL);
}
