/* guard.c - turns a goroutine stack overflow into a clear message.
 *
 * Guarded stacks (stacks.c) have a PROT_NONE page below them; running into
 * it raises SIGSEGV on the goroutine's exhausted stack, so the handler runs
 * on a per-worker alternate signal stack.  A fault in the guard page, or
 * anywhere below the running goroutine's stack at its stack pointer (a frame
 * that jumped the guard, an unguarded stack that ran through the slots
 * below it), prints "fatal error: stack overflow" naming the goroutine and
 * the stack size and exits with status 2, as Go does; any other fault goes
 * to the handler that was there before us (or the default action).  The
 * handler is installed only when SIGSEGV has its default action: a
 * sanitizer's or the program's own handler is left alone.  The other two
 * detectors (the frame check, the check at a switch: stacks.c) print the
 * same message through go_stack_overflow_die.
 */
#include <signal.h>
#include <ucontext.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "g.h"
#include "pprof.h"
#include "trace.h"

#define ALTSTACK_SIZE (64 * 1024)

static struct sigaction old_segv;
static bool installed;

_Noreturn void go_stack_overflow_die(const go_g *g, const char *what)
{
    char msg[320];
    int n;
    if (g)
        n = snprintf(msg, sizeof msg,
                     "fatal error: stack overflow\n\ngoroutine %llu overflowed its %zu KiB stack "
                     "%s; raise GOSAN_STACK_SIZE, e.g. GOSAN_STACK_SIZE=1m\n",
                     (unsigned long long)g->id, go_sched.stack_size / 1024, what);
    else
        n = snprintf(msg, sizeof msg, "fatal error: stack overflow\n\n%s\n", what);
    if (n > 0 && write(2, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1) < 0) {
    }
    if (go_trace_on())
        go_trace_flush_at_death();
    _exit(2);
}

static void segv_handler(int sig, siginfo_t *si, void *uctx)
{
    const char *sp = (const char *)((ucontext_t *)uctx)->uc_mcontext.gregs[REG_RSP];
    go_g *g = go_cur_g();
    if (go_stack_fault_is_overflow(g, si->si_addr, sp)) {
        char what[64];
        snprintf(what, sizeof what, "(fault at %p)", si->si_addr);
        go_stack_overflow_die(g, what);
    }
    if (old_segv.sa_flags & SA_SIGINFO) {
        old_segv.sa_sigaction(sig, si, uctx);
        return;
    }
    if (old_segv.sa_handler != SIG_DFL && old_segv.sa_handler != SIG_IGN) {
        old_segv.sa_handler(sig);
        return;
    }
    if (go_trace_on())
        go_trace_flush_at_death(); /* the process ends: keep the trace (trace_signals.c) */
    signal(SIGSEGV, SIG_DFL); /* returning re-executes the fault: default action */
}

void go_signals_init(void)
{
    struct sigaction cur;
    if (sigaction(SIGSEGV, NULL, &cur) != 0 || (cur.sa_flags & SA_SIGINFO) || cur.sa_handler != SIG_DFL)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = segv_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSEGV, &sa, &old_segv) == 0)
        installed = true;
    /* glibc copies sa_mask's 128 bytes from its own frame, of which the
     * kernel filled 8; old_segv's mask is never used, and the rest kept in
     * a global would be read as pointers by the checker's reachability
     * scan. */
    sigemptyset(&old_segv.sa_mask);
}

void go_signals_init_thread(go_m *m)
{
    m->thread = pthread_self();
    m->thread_set = true;
    go_pprof_cpu_thread_start(m);
    if (!installed)
        return;
    stack_t cur;
    if (sigaltstack(NULL, &cur) == 0 && !(cur.ss_flags & SS_DISABLE))
        return; /* the thread has one already */
    /* An adopted thread's m may be a retired one's (adopt.c): its stack,
     * whose thread is gone, serves again. */
    void *p = m->altstack;
    if (!p) {
        p = mmap(NULL, ALTSTACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return;
        m->altstack = p;
    }
    stack_t ss = {.ss_sp = p, .ss_size = ALTSTACK_SIZE, .ss_flags = 0};
    sigaltstack(&ss, NULL);
}
