/* world.c - stop-the-world for the checker's memory scans
 * (go_hooks_stop_world / go_hooks_start_world).
 *
 * The stopper takes the goroutine-list lock first, so no stopped worker can
 * be holding it, then signals every other worker thread with WORLD_SIGNAL.
 * The handler runs on the interrupted stack (no SA_ONSTACK), so the signal
 * frame with all the goroutine's registers lies inside the goroutine's stack
 * range it reports: [handler's frame, stack top).  It records that range and
 * the interrupted frame pointer and pc, acknowledges, and waits on a futex
 * until the world restarts.  A worker that does not answer within a second
 * makes stop_world fail rather than hang.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>

#include "g.h"

#define WORLD_SIGNAL (SIGRTMIN + 5)

static _Atomic int acks;
static _Atomic uint32_t release_word;
static _Atomic int stopped;
static pthread_t stopper;
static pthread_once_t handler_once = PTHREAD_ONCE_INIT;

static void world_handler(int sig, siginfo_t *si, void *uctx)
{
    (void)sig;
    (void)si;
    int saved_errno = errno;
    go_m *m = go_cur_m();
    if (m) {
        ucontext_t *uc = uctx;
        volatile char here;
        go_g *g = m->curg;
        const char *sp = (const char *)uc->uc_mcontext.gregs[REG_RSP];
        m->w_lo = (const void *)&here;
        m->w_sp = sp;
        m->w_fp = (void *)uc->uc_mcontext.gregs[REG_RBP];
        m->w_pc = (void *)uc->uc_mcontext.gregs[REG_RIP];
        /* Only a thread interrupted on its goroutine's own stack shows that
         * goroutine's registers; one in the scheduler or mid-switch (curg
         * set, another stack in use) has no stack range to report. */
        m->w_g = g && g->stack_hi && sp < g->stack_hi && (!g->stack_lo || sp >= g->stack_lo) ? g : NULL;
    }
    atomic_fetch_add(&acks, 1);
    go_futex_wake((_Atomic uint32_t *)&acks, 1);
    while (!atomic_load(&release_word))
        go_futex_wait(&release_word, 0, -1);
    if (m)
        m->w_g = NULL;
    atomic_fetch_sub(&acks, 1);
    go_futex_wake((_Atomic uint32_t *)&acks, 1);
    errno = saved_errno;
}

static void install_handler(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = world_handler;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigfillset(&sa.sa_mask);
    sigaction(WORLD_SIGNAL, &sa, NULL);
}

bool go_world_stopped_by_me(void)
{
    return atomic_load(&stopped) && pthread_equal(stopper, pthread_self());
}

bool go_world_regs(go_g *g, const void **lo, void **fp, void **pc)
{
    if (!atomic_load(&stopped))
        return false;
    int nm = atomic_load(&go_sched.nm);
    for (int i = 0; i < nm; i++) {
        go_m *m = atomic_load(&go_sched.ms[i]);
        if (m && m->w_g == g) {
            *lo = m->w_lo;
            *fp = m->w_fp;
            *pc = m->w_pc;
            return true;
        }
    }
    return false;
}

const void *go_world_sp(go_g *g)
{
    if (!atomic_load(&stopped))
        return NULL;
    int nm = atomic_load(&go_sched.nm);
    for (int i = 0; i < nm; i++) {
        go_m *m = atomic_load(&go_sched.ms[i]);
        if (m && m->w_g == g)
            return m->w_sp;
    }
    return NULL;
}

static void wait_acks(int want, int64_t deadline)
{
    for (;;) {
        int n = atomic_load(&acks);
        if (n == want || go_now() > deadline)
            return;
        go_futex_wait((_Atomic uint32_t *)&acks, (uint32_t)n, 10 * 1000 * 1000);
    }
}

int go_hooks_stop_world(void)
{
    if (atomic_load(&go_sched.initialized) != 2 || go_world_stopped_by_me())
        return GO_EINVAL;
    pthread_once(&handler_once, install_handler);
    golock_lock(&go_sched.all_lock);
    atomic_store(&release_word, 0);
    int sent = 0;
    pthread_t self = pthread_self();
    int nm = atomic_load(&go_sched.nm);
    for (int i = 0; i < nm; i++) {
        go_m *m = atomic_load(&go_sched.ms[i]);
        if (!m || !m->thread_set || pthread_equal(m->thread, self))
            continue;
        if (pthread_kill(m->thread, WORLD_SIGNAL) == 0)
            sent++;
    }
    wait_acks(sent, go_now() + 1000 * 1000 * 1000);
    if (atomic_load(&acks) != sent) {
        atomic_store(&release_word, 1);
        go_futex_wake(&release_word, 1 << 30);
        wait_acks(0, go_now() + 1000 * 1000 * 1000);
        golock_unlock(&go_sched.all_lock);
        return GO_EINVAL;
    }
    stopper = self;
    atomic_store(&stopped, 1);
    return 0;
}

void go_hooks_start_world(void)
{
    if (!go_world_stopped_by_me())
        return;
    atomic_store(&stopped, 0);
    atomic_store(&release_word, 1);
    go_futex_wake(&release_word, 1 << 30);
    wait_acks(0, go_now() + 1000 * 1000 * 1000);
    golock_unlock(&go_sched.all_lock);
}
