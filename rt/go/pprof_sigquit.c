/* pprof_sigquit.c - SIGQUIT in a production (--plain) build, as in Go:
 * print every goroutine in the debug=2 traceback format to stderr and exit
 * with status 2.
 *
 * Installed at start-up only when no checker is linked (the checker keeps
 * its own SIGQUIT behaviour, dump_on_sigquit), SIGQUIT has no handler yet
 * (its default action, or ignored as inherited), and GOSAN_SIGQUIT is not "off" (then SIGQUIT keeps its
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
#include <link.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include "pprof.h"
#include "trace.h"

static pp_gsnap quit_snap;
static pp_out quit_out;
static uintptr_t exe_text_lo, exe_text_hi;

static int text_cb(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    (void)arg;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
            continue;
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;
        if (!exe_text_lo || lo < exe_text_lo)
            exe_text_lo = lo;
        if (hi > exe_text_hi)
            exe_text_hi = hi;
    }
    return 1; /* the first object is the executable */
}

/* Does ret follow a call instruction of the executable's own code? */
static bool is_return_address(uintptr_t ret)
{
    if (ret < exe_text_lo + 8 || ret >= exe_text_hi || go_pprof_in_library(ret))
        return false;
    const uint8_t *p = (const uint8_t *)ret;
    return p[-5] == 0xe8 || p[-2] == 0xff || p[-3] == 0xff || p[-6] == 0xff || p[-7] == 0xff;
}

/* A thread interrupted in the C library (built without frame pointers: a
 * system call, raise) has its caller's frame pointer still in rbp but the
 * caller's own pc only on the stack: the first word above sp that is a
 * return address into the program's code is taken as it. */
static uintptr_t scan_caller(const uintptr_t *sp, const void *fp, const char *hi)
{
    const uintptr_t *end = (const uintptr_t *)(fp && (const char *)fp < hi ? fp : hi);
    for (int i = 0; sp + i < end && i < 2048; i++)
        if (is_return_address(sp[i]))
            return sp[i];
    return 0;
}

static void dump_one(go_g *g, go_g *self, ucontext_t *uc, int64_t now)
{
    void *fp = NULL, *pre[2];
    size_t npre = 0;
    const void *lo = NULL;
    int st = atomic_load(&g->status);
    bool running = st == G_RUNNING || st == G_RUNNING_WOKEN;
    if (g == self && uc) {
        const char *sp = (const char *)uc->uc_mcontext.gregs[REG_RSP];
        if (g->stack_hi && sp < g->stack_hi && (!g->stack_lo || sp >= g->stack_lo)) {
            fp = (void *)uc->uc_mcontext.gregs[REG_RBP];
            uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
            pre[npre++] = (void *)pc;
            lo = sp;
            if (pc < exe_text_lo || pc >= exe_text_hi) {
                uintptr_t ret = scan_caller((const uintptr_t *)sp, fp, g->stack_hi);
                if (ret)
                    pre[npre++] = (void *)ret;
            }
        }
    }
    go_pprof_snap_g(g, &quit_snap, false, fp, pre, npre, lo);
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
    if (go_trace_on())
        go_trace_flush_at_death();
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
    /* An inherited "ignore" (a shell's background job) is overridden, as
     * Go overrides it for SIGQUIT; a handler installed before us is kept. */
    if (sigaction(SIGQUIT, NULL, &cur) != 0 || (cur.sa_flags & SA_SIGINFO) ||
        (cur.sa_handler != SIG_DFL && cur.sa_handler != SIG_IGN))
        return;
    dl_iterate_phdr(text_cb, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = quit_handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask); /* not SIGALRM: the alarm must end a stuck dump */
    sigaction(SIGQUIT, &sa, NULL);
}
