/* fork.c - the scheduler across fork() (pthread_atfork).
 *
 * Only the forking thread exists in the child, so the child keeps only the
 * goroutine that called fork (Go's rule for what survives a fork: the
 * calling goroutine), running on that thread as the child's main flow:
 * when its function returns the child exits with status 0, as when main
 * returns.  Every other goroutine is gone: out of the goroutine list and the
 * counts, its status G_GONE so that a timer or a channel operation that
 * still names it (it may be queued on a channel or a mutex) readies nothing.
 * Their stacks stay mapped and are never reused, since timers and wait
 * queues may still point into them.  The other workers and the monitor are
 * gone too: the child keeps one worker (the forking thread's), a fresh
 * monitor, empty run queues and all processor tokens but the one it holds.
 *
 * Invariant: the prepare handler takes the scheduler's global locks (run
 * queue and idle list, goroutine list, timer heap, stack pools) in the
 * library's lock order, so the child never inherits one held by a thread
 * that no longer exists; the parent and child handlers release them.
 * Locks of objects (a channel, a mutex's queue) held by another goroutine
 * at the instant of the fork stay held in the child: docs/library.md.
 */
#include <pthread.h>
#include <stdio.h>

#include "g.h"
#include "netpoll.h"
#include "trace.h"

enum { FORK_PREPARE, FORK_PARENT, FORK_CHILD };

static void fork_prepare(void)
{
    golock_lock(&go_sched.lock);
    golock_lock(&go_sched.all_lock);
    go_timers_fork(FORK_PREPARE);
    go_stacks_fork(FORK_PREPARE);
}

static void fork_parent(void)
{
    go_stacks_fork(FORK_PARENT);
    go_timers_fork(FORK_PARENT);
    golock_unlock(&go_sched.all_lock);
    golock_unlock(&go_sched.lock);
}

/* Every goroutine but self leaves the list for good. */
static void keep_only(go_g *self)
{
    for (go_g *g = go_sched.all, *next; g; g = next) {
        next = g->all_next;
        if (g != self)
            atomic_store(&g->status, G_GONE);
    }
    go_sched.all = self;
    if (self)
        self->all_next = self->all_prev = NULL;
}

/* The forking thread's worker is the only one; the counters say one live
 * goroutine (or none when the thread is not one of ours). */
static void keep_only_worker(go_m *self, go_g *g)
{
    int nm = atomic_load(&go_sched.nm);
    for (int i = 0; i < nm && i < GO_MAX_M; i++)
        atomic_store(&go_sched.ms[i], NULL);
    atomic_store(&go_sched.nm, 0);
    if (self) {
        atomic_store(&go_sched.ms[0], self);
        atomic_store(&go_sched.nm, 1);
        self->id = 0;
        self->idle_next = NULL;
        atomic_store(&self->nlive, g ? 1 : 0);
        atomic_store(&self->nparked, 0);
        atomic_store(&self->runq_head, atomic_load(&self->runq_tail));
        atomic_store(&self->runnext, NULL);
    }
    atomic_store(&go_sched.ext_live, 0);
    atomic_store(&go_sched.ext_parked, 0);
    go_sched.runq_head = go_sched.runq_tail = NULL;
    atomic_store(&go_sched.runq_size, 0);
    go_sched.idle = NULL;
    atomic_store(&go_sched.nspinning, 0);
    int held = self && !self->foreign && atomic_load(&self->token) ? 1 : 0;
    atomic_store(&go_sched.tokens_free, atomic_load(&go_sched.maxprocs) - held);
    atomic_store(&go_sched.world_stopped, 0);
}

static void fork_child(void)
{
    go_m *m = go_cur_m();
    go_g *g = go_cur_g();
    keep_only(g);
    keep_only_worker(m, g);
    go_sched.fork_main = g;
    go_trace_fork_child();
    go_sched_fork_child();
    go_stacks_fork(FORK_CHILD);
    go_timers_fork(FORK_CHILD);
    go_foreign_fork_child();
    go_adopt_fork_child(m);
    go_netpoll_fork_child();
    if (m)
        atomic_store(&m->tid, go_gettid());
    golock_unlock(&go_sched.all_lock);
    golock_unlock(&go_sched.lock);
    go_monitor_fork_child();
}

void go_fork_init(void)
{
    if (pthread_atfork(fork_prepare, fork_parent, fork_child) != 0)
        fprintf(stderr, "gosan: cannot register the fork handlers: a child of fork() may hang\n");
}
