/* adopt.c - threads the library did not create.  The first library call on
 * such a thread adopts it for the rest of its life: it gets a go_g (an id,
 * labels, a place in dumps) bound to the thread, and blocking calls park the
 * thread itself on a futex instead of switching stacks, since the thread
 * and its stack belong to the program.  An adopted thread counts as a live
 * goroutine that is running whenever it is outside a blocking call, so the
 * all-asleep check never fires while it might still send or unlock.  When
 * the thread exits, a pthread key destructor retires its goroutine.
 *
 * An adopted thread also gets a go_m (an id in go_sched.ms, its asleep
 * counters, its trace buffer, its CPU-profile table, its signal stack).
 * GO_MAX_M bounds the threads alive at once, not over the program's life:
 * a retired thread's m goes on a free list here and the next adoption takes
 * it whole (same id and slot, counters and buffers kept).
 *
 * Invariant: an m on the free list is taken only once its thread is gone
 * (tgkill(pid, tid, 0) says ESRCH: the thread ran its last instruction;
 * a tid reused by a new thread of ours only delays the reuse).  Until then
 * the dying thread may still run (other key destructors, a signal handler
 * on the m's signal stack); after it, nothing reads the m as that thread's:
 *  - retire removes the goroutine from the list of goroutines (dumps, the
 *    leak check) and clears thread_set and w_g under all_lock, so a world
 *    stop (world.c) never signals the dead thread, and clears m->curg and
 *    the thread's go_tls_m/go_tls_g, so a late SIGPROF or a later library
 *    call on the dying thread does not see the retired goroutine (such a
 *    call adopts the thread again, with another m);
 *  - it deletes the thread's CPU-profile timer (pprof_cpu.c) and ends its
 *    goroutine and processor in a running trace (the buffer's next events
 *    are the next thread's, the buffer handed over through adopt_lock like
 *    the asleep counters, each written by one thread at a time);
 *  - m->tid is 0 from retire on, so foreign.c counts the dying thread as
 *    the program's until it is gone;
 *  - the loops over ms that skip m->foreign (monitor, work stealing) never
 *    touch it; the others (asleep counts, trace flush, schedstats, CPU
 *    profile start) read fields that stay valid across the hand-over.
 * Workers never take a retired m (their m is never freed either).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "g.h"
#include "hb.h"
#include "pprof.h"
#include "trace.h"

static pthread_key_t adopt_key;
static pthread_once_t adopt_once = PTHREAD_ONCE_INIT;

/* The free list, oldest first (the oldest is the likeliest gone). */
static golock adopt_lock;
static go_m *retired_head, *retired_tail;
static int nretired;            /* on the list (adopt_lock) */
static _Atomic int nadopted_ms; /* ms ever given to adopted threads, reused or not */

/* How many retired ms an adoption asks the kernel about before it takes a
 * new id instead: each is a system call. */
#define ADOPT_PROBES 4
/* At the limit, how long an adoption waits for a retired thread to go. */
#define ADOPT_WAIT_NS (2 * 1000 * 1000 * 1000LL)

void go_adopt_counts(int *adopted_ms, int *retired)
{
    *adopted_ms = atomic_load(&nadopted_ms);
    *retired = __atomic_load_n(&nretired, __ATOMIC_RELAXED);
}

static bool thread_gone(pid_t tid)
{
    return syscall(SYS_tgkill, (long)getpid(), (long)tid, 0L) != 0 && errno == ESRCH;
}

/* Takes a retired m whose thread is gone, asking about at most max of
 * them; NULL if none. */
static go_m *take_retired(int max)
{
    golock_lock(&adopt_lock);
    go_m *prev = NULL, *m = retired_head, *found = NULL;
    int saved_errno = errno;
    for (int n = 0; m && n < max; n++, prev = m, m = m->retired_next)
        if (thread_gone(m->retired_tid)) {
            found = m;
            break;
        }
    errno = saved_errno;
    if (found) {
        if (prev)
            prev->retired_next = found->retired_next;
        else
            retired_head = found->retired_next;
        if (retired_tail == found)
            retired_tail = prev;
        found->retired_next = NULL;
        nretired--;
    }
    golock_unlock(&adopt_lock);
    return found;
}

static void put_retired(go_m *m)
{
    golock_lock(&adopt_lock);
    m->retired_next = NULL;
    if (retired_tail)
        retired_tail->retired_next = m;
    else
        retired_head = m;
    retired_tail = m;
    nretired++;
    golock_unlock(&adopt_lock);
}

static go_m *adopt_m(void)
{
    go_m *m = take_retired(ADOPT_PROBES);
    if (m)
        return m;
    if ((m = go_m_try_alloc())) {
        atomic_fetch_add(&nadopted_ms, 1);
        return m;
    }
    /* GO_MAX_M ms exist: wait a while for a thread that retired to go. */
    int64_t until = go_now() + ADOPT_WAIT_NS;
    for (;;) {
        if ((m = take_retired(GO_MAX_M)))
            return m;
        if (go_now() > until)
            break;
        struct timespec ts = {0, 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    go_m_limit_fatal("join threads that called the library, or use a pool of threads (or goroutines)");
}

static void retire(void *arg)
{
    go_g *g = arg;
    go_m *m = g->bound_m;
    if (go_trace_on()) {
        go_trace_go_end(g);
        go_trace_proc_stop(m);
    }
    pid_t tid = atomic_load(&m->tid);
    atomic_store(&m->tid, 0); /* still alive: foreign.c waits for it to go */
    if (GO_CHECKER_ON())
        go_hooks_active->g_exit(g->checker_ctx);
    go_pprof_cpu_thread_exit(m);
    m->curg = NULL;
    atomic_signal_fence(memory_order_seq_cst); /* a SIGPROF from here on sees no goroutine */
    go_all_remove(g);
    golock_lock(&go_sched.all_lock);
    m->thread_set = false;
    m->w_g = NULL;
    golock_unlock(&go_sched.all_lock);
    go_labels_free(g);
    atomic_store(&g->status, G_DEAD);
    go_count_add(GO_COUNT_LIVE, -1);
    go_count_event();
    go_g_free_static(g);
    go_set_tls_foreign(NULL, NULL);
    m->retired_tid = tid;
    put_retired(m); /* the m is not this thread's any more */
    go_check_all_asleep();
}

static void make_key(void)
{
    if (pthread_key_create(&adopt_key, retire) != 0)
        go_fatal("cannot create the thread key for adopted threads");
}

/* fork.c: the child's ms are new; the forking thread's is the only one. */
void go_adopt_fork_child(go_m *self)
{
    retired_head = retired_tail = NULL;
    nretired = 0;
    atomic_store(&nadopted_ms, self && self->foreign ? 1 : 0);
    atomic_store(&adopt_lock.word, 0);
}

go_g *go_adopt_thread(void)
{
    if (atomic_load(&go_sched.initialized) != 2) {
        go_sched_init_slow();
        go_g *g = go_cur_g();
        if (g)
            return g; /* this was the main thread */
    }
    pthread_once(&adopt_once, make_key);
    go_m *m = adopt_m();
    go_g *g = go_g_alloc_static();
    if (!g)
        go_fatal("out of memory adopting a thread");
    m->foreign = true;
    /* Counted live (and an event) before its tid marks it as the library's:
     * an all-asleep check that finds no unknown thread in /proc then sees
     * this count too (asleep.c), and does not call a deadlock that this
     * thread's first call is about to end. */
    go_count_add(GO_COUNT_LIVE, 1);
    go_count_event();
    atomic_store(&m->tid, go_gettid());
    if (GO_DET_ON())
        go_det_foreign_thread(m->tid);
    go_signals_init_thread(m);
    g->id = atomic_fetch_add(&go_sched.next_goid, 1);
    g->bound_m = m;
    g->m = m;
    go_thread_stack_bounds(&g->stack_lo, &g->stack_hi);
    m->curg = g;
    atomic_store(&g->status, G_RUNNING);
    go_set_tls_foreign(m, g);
    go_all_add(g);
    if (GO_CHECKER_ON()) {
        g->checker_ctx = go_hooks_active->g_create(0, g->id, NULL);
        go_hooks_active->g_switch(g->checker_ctx);
        go_hooks_active->g_start(g->checker_ctx);
    }
    pthread_setspecific(adopt_key, g);
    return g;
}
