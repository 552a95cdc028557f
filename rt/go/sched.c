/* sched.c - the scheduler's core: workers' scheduling loop, running a
 * goroutine, parking and readying, spawning and exiting, yield and sleep.
 *
 * Every worker thread (go_m) has a scheduler context ("g0": the thread's own
 * stack, or for the main thread a stack of its own, since goroutine 1 owns
 * the process stack).  A goroutine never switches directly to another: it
 * switches to its worker's g0 with a request (park, yield, exit), and g0
 * finishes the request once the goroutine's registers are saved, then picks
 * the next goroutine.  That is what makes go_park's "unlock after switching
 * away" possible (Go's mcall(park_m)).
 *
 * Locking order: object golock (held by a parker) -> go_sched.lock ->
 * go_sched.all_lock.  g0 releases park locks before touching scheduler locks.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "g.h"
#include "hb.h"
#include "netpoll.h"

#include "pprof_hooks.h"
#include "trace.h"

struct go_sched go_sched;

__thread go_m *go_tls_m; /* g.h: go_here_m, go_here_g */
__thread go_g *go_tls_g;

/* The scheduler's counters (g.h).  A worker's own counters have one
 * writer, its thread, so a change is a plain load and a release store: no
 * locked instruction and no cache line shared with another worker.
 * Release suffices for asleep.c's argument: a count changed before a
 * goroutine's status CAS (park, spawn) or after it on the same thread
 * (ready) is visible to a checker that saw the status of that goroutine's
 * (or the spawner's) later park, itself a release.  Other threads share
 * ext_*, with read-modify-writes. */
static _Atomic int64_t *counter_of(go_m *m, enum go_counter which)
{
    switch (which) {
    case GO_COUNT_LIVE: return m ? &m->nlive : &go_sched.ext_live;
    case GO_COUNT_PARKED: return m ? &m->nparked : &go_sched.ext_parked;
    default: return m ? &m->nready : &go_sched.ext_ready;
    }
}

static void count_add_on(go_m *m, enum go_counter which, int64_t delta)
{
    _Atomic int64_t *c = counter_of(m, which);
    if (m)
        atomic_store_explicit(c, atomic_load_explicit(c, memory_order_relaxed) + delta, memory_order_release);
    else
        atomic_fetch_add(c, delta);
}

void go_count_add(enum go_counter which, int64_t delta)
{
    count_add_on(go_tls_m, which, delta);
}

/* The sums over every worker and the shared counters, indexed by enum
 * go_counter, in one pass over the workers.  Counters only ever increase
 * (ready) or are summed whole (live, parked), see asleep.c. */
void go_count_sums(int64_t sums[GO_NCOUNTERS])
{
    for (int k = 0; k < GO_NCOUNTERS; k++)
        sums[k] = atomic_load(counter_of(NULL, (enum go_counter)k));
    int nm = atomic_load(&go_sched.nm);
    for (int i = 0; i < nm && i < GO_MAX_M; i++) {
        go_m *m = atomic_load(&go_sched.ms[i]);
        for (int k = 0; m && k < GO_NCOUNTERS; k++)
            sums[k] += atomic_load(counter_of(m, (enum go_counter)k));
    }
}

int64_t go_count_sum(enum go_counter which)
{
    int64_t sums[GO_NCOUNTERS];
    go_count_sums(sums);
    return sums[which];
}

/* noinline: a goroutine may resume on another thread after any switch, so
 * the compiler must not cache a thread-local address across one. */
__attribute__((noinline)) go_m *go_cur_m(void)
{
    go_m *m = go_tls_m;
    __asm__ volatile("" ::: "memory");
    return m;
}
__attribute__((noinline)) go_g *go_cur_g(void)
{
    go_g *g = go_tls_g;
    __asm__ volatile("" ::: "memory");
    return g;
}
/* The stack limit that functions compiled by gosan-cc check on entry
 * (arch/morestack_x86_64.S).  It describes the stack the thread is running
 * on, not go_tls_g: between set_tls(m, g) and the switch to g's stack, g0 still
 * runs hooks (a hook table compiled by gosan-cc has the check too), so
 * execute() sets g's limit only right before the switch. */
static inline void set_stack_probe_limit(uintptr_t limit)
{
    __asm__ volatile("movq %0, %%fs:%c1" ::"r"(limit), "i"(GOSAN_TCB_STACK_LIMIT) : "memory");
}

/* No limit: every caller runs on g0, or is goroutine 1 or an adopted thread
 * on its thread's stack, which the kernel guards. */
static __attribute__((noinline)) void set_tls(go_m *m, go_g *g)
{
    go_tls_m = m;
    go_tls_g = g;
    set_stack_probe_limit(0);
}

void *go_g_checker_ctx(const go_g *g) { return g->checker_ctx; }

/* ------------------------------------------------------------ processors */

static bool token_acquire(go_m *m)
{
    int n = atomic_load(&go_sched.tokens_free);
    while (n > 0)
        if (atomic_compare_exchange_weak(&go_sched.tokens_free, &n, n - 1)) {
            atomic_store(&m->token, 1);
            /* A processor is busy again: a monitor that went to sleep
             * believing all of them idle must watch it (hand-off is the
             * only way a goroutine that never blocks lets queued work run). */
            go_monitor_poke();
            return true;
        }
    return false;
}

static void token_release(go_m *m)
{
    int one = 1;
    if (atomic_compare_exchange_strong(&m->token, &one, 0))
        atomic_fetch_add(&go_sched.tokens_free, 1);
}

/* A new m with the next free id, or NULL when GO_MAX_M exist (ids are
 * never given back: adopt.c reuses a retired adopted thread's m whole). */
go_m *go_m_try_alloc(void)
{
    int id = atomic_load(&go_sched.nm);
    do {
        if (id >= GO_MAX_M)
            return NULL;
    } while (!atomic_compare_exchange_weak(&go_sched.nm, &id, id + 1));
    go_m *m = mmap(NULL, sizeof *m, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        go_fatal("out of memory allocating a worker");
    m->id = id;
    m->rand = go_fastrand_init((uint64_t)id);
    atomic_store(&go_sched.ms[id], m);
    return m;
}

_Noreturn void go_m_limit_fatal(const char *hint)
{
    int adopted, retired;
    go_adopt_counts(&adopted, &retired);
    char msg[400];
    snprintf(msg, sizeof msg,
             "too many threads alive at once: %d adopted threads (%d of them exiting) and %d workers, at most %d "
             "(GO_MAX_M) at a time: %s",
             adopted - retired, retired, GO_MAX_M - adopted, GO_MAX_M, hint);
    go_fatal(msg);
}

go_m *go_m_alloc(void)
{
    go_m *m = go_m_try_alloc();
    if (!m)
        go_m_limit_fatal("a worker is started for each goroutine blocked in a system call");
    return m;
}

static void schedule(go_m *m) __attribute__((noreturn));

static void *m_thread_main(void *arg)
{
    go_m *m = arg;
    atomic_store(&m->tid, go_gettid());
    set_tls(m, NULL);
    go_fiber_m_init(m);
    go_signals_init_thread(m);
    if (GO_CHECKER_ON())
        go_hooks_active->g_switch(NULL);
    schedule(m);
}

/* Starts a worker thread that will look for work as a spinning worker. */
static void m_start_new(void)
{
    go_m *m = go_m_alloc();
    if (!m)
        go_fatal("out of memory creating a worker thread");
    m->spinning = true;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t tid;
    int err = pthread_create(&tid, &attr, m_thread_main, m);
    pthread_attr_destroy(&attr);
    if (err) {
        char msg[128];
        snprintf(msg, sizeof msg, "cannot create a worker thread: %s", strerror(err));
        go_fatal(msg);
    }
}

/* park_word of an idle worker: 0 asleep (or about to be), 1 woken by
 * whoever took it off the idle list, 2 still polling before it sleeps. */
enum { PARK_ASLEEP = 0, PARK_WOKEN = 1, PARK_POLLING = 2 };

/* The system call is needed only if the worker got as far as sleeping. */
static inline void m_wake(go_m *m)
{
    if (atomic_exchange(&m->park_word, PARK_WOKEN) == PARK_ASLEEP)
        go_futex_wake(&m->park_word, 1);
    go_netpoll_wake_m(m); /* it may sleep in epoll_wait instead */
}

/* Makes sure some worker will look at newly queued work: if a processor is
 * free and nobody is already spinning, wake an idle worker (or start one). */
void go_wakep(void)
{
    if (GO_DET_ON()) { /* the one worker runs everything */
        go_det_kick();
        return;
    }
    if (atomic_load_explicit(&go_sched.tokens_free, memory_order_relaxed) <= 0 ||
        atomic_load_explicit(&go_sched.nspinning, memory_order_relaxed) != 0)
        return;
    int zero = 0;
    if (!atomic_compare_exchange_strong(&go_sched.nspinning, &zero, 1))
        return;
    golock_lock(&go_sched.lock);
    go_m *m = go_sched.idle;
    if (m)
        go_sched.idle = m->idle_next;
    golock_unlock(&go_sched.lock);
    go_monitor_poke();
    go_stat(go_cur_m(), GO_STAT_WAKE);
    if (!m) {
        m_start_new();
        return;
    }
    m->spinning = true;
    m_wake(m);
}

static void stop_spinning(go_m *m)
{
    if (m->spinning) {
        m->spinning = false;
        /* The last spinner to find work wakes another, so a burst of
         * readied goroutines spreads over the idle processors. */
        if (atomic_fetch_sub(&go_sched.nspinning, 1) == 1)
            go_wakep();
    }
}

/* ------------------------------------------------------------ finding work */

bool go_all_tokens_free(void)
{
    return atomic_load(&go_sched.tokens_free) >= atomic_load(&go_sched.maxprocs);
}

bool go_m_has_work(void)
{
    if (atomic_load(&go_sched.runq_size))
        return true;
    int nm = atomic_load(&go_sched.nm);
    for (int i = 0; i < nm; i++) {
        go_m *o = atomic_load(&go_sched.ms[i]);
        if (o && !o->foreign && !go_runq_empty(o))
            return true;
    }
    return false;
}

static go_g *steal_work(go_m *m)
{
    int nm = atomic_load(&go_sched.nm);
    for (int round = 0; round < 4; round++) {
        uint32_t start = go_fastrand();
        for (int k = 0; k < nm; k++) {
            go_m *v = atomic_load(&go_sched.ms[(start + (uint32_t)k) % (uint32_t)nm]);
            if (!v || v == m || v->foreign)
                continue;
            go_g *g = go_runq_steal(m, v, round == 3 || !atomic_load(&v->token));
            if (g)
                return g;
        }
    }
    return NULL;
}

/* Goroutines queued on a worker whose token the monitor took (it is stuck
 * in a long call) are taken before the global queue: a goroutine yielding
 * in a loop goes through the global queue, and a worker that always finds
 * it there would never steal the stuck worker's queue. */
static go_g *steal_from_stuck(go_m *m)
{
    int nm = atomic_load(&go_sched.nm);
    for (int k = 0; k < nm; k++) {
        go_m *v = atomic_load(&go_sched.ms[k]);
        if (!v || v == m || v->foreign || atomic_load_explicit(&v->token, memory_order_relaxed) ||
            go_runq_empty(v))
            continue;
        go_g *g = go_runq_steal(m, v, true);
        if (g)
            return g;
    }
    return NULL;
}

static go_g *find_runnable(go_m *m)
{
    go_g *g;
    if (GO_DET_ON())
        return go_det_find_runnable(m);
    if (go_timers_next() != INT64_MAX)
        go_timers_run(go_now());
    /* Now and then look at the global queue first, so it cannot starve.
     * Not at a worker's first pick (tick 0): main starts running without
     * a pick, so its first go_yield would find itself there, first in the
     * global queue, ahead of the goroutine it just spawned (runtime.Gosched
     * runs another runnable goroutine). */
    if (m->schedtick % 61 == 60 && (g = go_runq_get_global()))
        return g;
    if ((g = go_runq_get(m)) || (g = steal_from_stuck(m)) || (g = go_runq_get_global()))
        return g;
    /* Goroutines wait for descriptors and no idle worker is in epoll_wait
     * to see them become ready (Go's non-blocking netpoll in findrunnable). */
    if (go_netpoll_waiting() && !go_netpoll_sleeping()) {
        go_g *ready = go_netpoll(0);
        if (ready) {
            go_netpoll_ready_list(ready); /* into this worker's queue: it holds a token */
            if ((g = go_runq_get(m)))
                return g;
        }
    }
    return steal_work(m);
}

/* ------------------------------------------------------------ running */

static void m_idle(go_m *m);
static void finish_switch(go_m *m, go_g *g);
static void after_switch(go_m *m, go_g *g);

static void execute(go_m *m, go_g *g)
{
    if (go_trace_on())
        go_trace_go_start(m, g);
    atomic_store_explicit(&g->status, G_RUNNING, memory_order_relaxed);
    g->m = m;
    __atomic_store_n(&m->curg, g, __ATOMIC_RELAXED); /* read by thieves (runq.c) */
    atomic_fetch_add_explicit(&m->schedtick, 1, memory_order_relaxed);
    set_tls(m, g);
    if (GO_CHECKER_ON())
        go_hooks_active->g_switch(g->checker_ctx);
    void *fake = NULL;
    go_fiber_before_switch_to_g(m, g, &fake);
    set_stack_probe_limit(go_stack_probe_limit(g));
    go_ctx_switch(&m->g0_sp, g->sp);
    set_stack_probe_limit(0); /* back on g0 */
    go_fiber_after_switch(fake, NULL, NULL);
    after_switch(m, g);
}

/* Back on g0 from goroutine g: finish what it asked for. */
static void after_switch(go_m *m, go_g *g)
{
    set_tls(m, NULL);
    if (GO_CHECKER_ON())
        go_hooks_active->g_switch(NULL);
    __atomic_store_n(&m->curg, NULL, __ATOMIC_RELAXED);
    go_stack_check(g, m->op == OP_EXIT);
    finish_switch(m, g);
}

/* A park's requests are taken out of g before the park is published (the
 * CAS to G_WAITING): from then on a waker may ready g, and g may run and
 * park again on another worker at once, storing new requests.  The lock
 * array lives in g's frame, which g cannot leave before it reacquires the
 * last of these locks, so reading it up to the last unlock is safe. */
struct park_locks {
    golock *unlock;
    golock *const *locks;
    size_t nlocks;
};

static struct park_locks take_park_locks(go_g *g)
{
    struct park_locks pl = {g->park_unlock, g->park_locks, g->npark_locks};
    g->park_unlock = NULL;
    g->park_locks = NULL;
    g->npark_locks = 0;
    return pl;
}

static void release_park_locks(struct park_locks pl)
{
    if (pl.unlock)
        golock_unlock(pl.unlock);
    for (size_t i = 0; i < pl.nlocks; i++)
        golock_unlock(pl.locks[i]);
}

/* The goroutine's registers are saved: commit its park.  If it was readied
 * while still running (WOKEN), it goes straight back to run. */
static void park_commit(go_m *m, go_g *g)
{
    struct park_locks pl = take_park_locks(g);
    g->state_since = go_now_coarse();
    go_count_parked(1);
    int running = G_RUNNING;
    if (atomic_compare_exchange_strong(&g->status, &running, G_WAITING)) {
        release_park_locks(pl);
        go_stat(m, GO_STAT_PARK);
        return;
    }
    go_count_parked(-1);
    release_park_locks(pl);
    if (go_trace_on())
        go_trace_go_unblock(g, true, NULL); /* readied before it finished parking */
    atomic_store(&g->status, G_RUNNABLE);
    go_runq_put(m, g, true);
}

static void g_destroy(go_g *g)
{
    go_all_remove(g);
    go_labels_free(g);
    go_fiber_destroy(g);
    atomic_store(&g->status, G_DEAD);
    go_count_add(GO_COUNT_LIVE, -1);
    go_stack_put(g);
}

static void finish_switch(go_m *m, go_g *g)
{
    switch (m->op) {
    case OP_PARK:
        park_commit(m, g);
        break;
    case OP_YIELD:
        atomic_store(&g->status, G_RUNNABLE);
        go_runq_put_global(g);
        break;
    case OP_EXIT:
        g_destroy(g);
        break;
    case OP_NONE:
        go_fatal("internal error: goroutine switched out without a request");
    }
    m->op = OP_NONE;
}

static void schedule(go_m *m)
{
    for (;;) {
        if (!atomic_load_explicit(&m->token, memory_order_relaxed) && !token_acquire(m)) {
            m_idle(m);
            continue;
        }
        if (__builtin_expect(atomic_load_explicit(&go_sched.tokens_free, memory_order_relaxed) < 0, 0)) {
            if (go_trace_on())
                go_trace_proc_stop(m);
            token_release(m); /* go_maxprocs lowered: give a processor back */
            continue;
        }
        go_g *g = find_runnable(m);
        if (g) {
            stop_spinning(m);
            execute(m, g);
            continue;
        }
        m_idle(m);
    }
}

/* Only one idle worker sleeps with a timeout for the next timer; the rest
 * sleep until woken. */
static _Atomic int timer_sleeper;
static go_m *_Atomic timer_sleeper_m; /* the worker holding timer_sleeper while it sleeps */
static void inject_ready(go_m *m, go_g *list);

/* Returns false if a waker already took m off the idle list. */
static bool idle_list_remove(go_m *m)
{
    bool found = false;
    golock_lock(&go_sched.lock);
    for (go_m **p = &go_sched.idle; *p; p = &(*p)->idle_next)
        if (*p == m) {
            *p = m->idle_next;
            found = true;
            break;
        }
    golock_unlock(&go_sched.lock);
    return found;
}

/* A waker popped m and is about to set park_word (after m->spinning). */
static void await_waker(go_m *m)
{
    while (!atomic_load(&m->park_word))
        go_futex_wait(&m->park_word, 0, -1);
}

/* Work often turns up microseconds after a worker runs dry (a goroutine it
 * handed a value to answers): poll for IDLE_POLL_NS before sleeping, so that
 * neither side pays a futex system call for it.  Returns true if the worker
 * was woken, or found work and took itself off the idle list, meanwhile. */
#define IDLE_POLL_NS 20000
static bool idle_poll(go_m *m)
{
    uint32_t expect = PARK_ASLEEP;
    if (!atomic_compare_exchange_strong(&m->park_word, &expect, PARK_POLLING))
        return true; /* already woken */
    int64_t until = go_now() + IDLE_POLL_NS;
    bool work = false;
    do {
        for (int i = 0; i < 64; i++) {
            if (atomic_load_explicit(&m->park_word, memory_order_acquire) == PARK_WOKEN)
                return true;
            gosan_cpu_relax();
        }
        work = atomic_load_explicit(&go_sched.tokens_free, memory_order_relaxed) > 0 && go_m_has_work();
    } while (!work && go_now() < until);
    expect = PARK_POLLING;
    if (!atomic_compare_exchange_strong(&m->park_word, &expect, PARK_ASLEEP))
        return true; /* woken just now */
    if (work) {
        if (!idle_list_remove(m))
            await_waker(m);
        return true;
    }
    return false;
}

static void m_idle(go_m *m)
{
    /* On the idle list before the token goes back, so a waker that sees
     * the free token finds this worker instead of starting a new thread. */
    if (m->spinning) {
        m->spinning = false;
        atomic_fetch_sub(&go_sched.nspinning, 1);
    }
    atomic_store(&m->park_word, 0);
    golock_lock(&go_sched.lock);
    m->idle_next = go_sched.idle;
    go_sched.idle = m;
    golock_unlock(&go_sched.lock);
    if (go_trace_on())
        go_trace_proc_stop(m);
    token_release(m);
    go_check_all_asleep();

    /* Work queued before we were on the idle list got no wakeup: look again.
     * Without a free processor the holders of the tokens will see the work
     * themselves (each looks again after giving its token back). */
    if (atomic_load(&go_sched.tokens_free) > 0 &&
        (go_m_has_work() || go_timers_next() <= go_now())) {
        if (!idle_list_remove(m))
            await_waker(m);
        return;
    }

    if (idle_poll(m))
        return;

    int64_t timeout = -1;
    int zero = 0;
    bool sleeper = atomic_compare_exchange_strong(&timer_sleeper, &zero, 1);
    if (sleeper) {
        int64_t next = go_timers_next();
        if (next != INT64_MAX) {
            timeout = next - go_now();
            if (timeout < 0)
                timeout = 0;
        }
    }
    go_stat(m, GO_STAT_SLEEP);
    go_g *ready = NULL;
    if (sleeper) {
        atomic_store(&timer_sleeper_m, m);
        if (go_netpoll_inited())
            ready = go_netpoll_sleep(m, timeout); /* timers and descriptors */
        else
            go_futex_wait(&m->park_word, 0, timeout);
        atomic_store(&timer_sleeper_m, NULL);
        atomic_store(&timer_sleeper, 0);
    } else {
        go_futex_wait(&m->park_word, 0, timeout);
    }
    if (!atomic_load(&m->park_word) && !idle_list_remove(m))
        await_waker(m); /* timed out just as a waker picked us */
    if (ready)
        inject_ready(m, ready);
}

/* Goroutines the poller readied for an idle worker, now off the idle list:
 * it looks for work as a spinning worker (Go's: the M that polled takes a
 * P), so readying them wakes no other worker while it can run them. */
static void inject_ready(go_m *m, go_g *list)
{
    if (!m->spinning) {
        m->spinning = true;
        atomic_fetch_add(&go_sched.nspinning, 1);
    }
    go_netpoll_ready_list(list);
}

/* fork.c: in a child, the worker that slept for timers is gone. */
void go_sched_fork_child(void) { atomic_store(&timer_sleeper, 0); }

/* A new earliest timer: wake the timer-sleeping worker so it re-arms. */
void go_idle_wake_timer_sleeper(void)
{
    if (!atomic_load(&timer_sleeper) || go_netpoll_break_sleeper())
        return;
    golock_lock(&go_sched.lock);
    go_m *m = go_sched.idle;
    if (m)
        go_sched.idle = m->idle_next;
    golock_unlock(&go_sched.lock);
    if (m) {
        atomic_fetch_add(&go_sched.nspinning, 1);
        m->spinning = true;
        m_wake(m);
    }
}

/* The poller just started: the worker sleeping for timers on its futex
 * must sleep in epoll_wait instead, or nobody would see descriptors
 * become ready while every worker is idle. */
void go_idle_kick_sleeper(void)
{
    go_m *m = atomic_load(&timer_sleeper_m);
    if (m && idle_list_remove(m)) {
        atomic_fetch_add(&go_sched.nspinning, 1);
        m->spinning = true;
        m_wake(m);
    }
}

/* ------------------------------------------------------------ goroutine side */

GO_FIBER_SWITCH_PATH static void switch_to_g0(go_g *g, enum go_switch_op op)
{
    go_m *m = g->m;
    m->op = op;
    void *fake = NULL;
    go_fiber_before_switch_to_g0(m, g, &fake, op == OP_EXIT);
    go_ctx_switch(&g->sp, m->g0_sp);
    go_fiber_after_switch(fake, NULL, NULL);
}

go_g *go_self(void)
{
    go_g *g = go_cur_g();
    if (__builtin_expect(g != NULL, 1))
        return g;
    if (go_cur_m())
        return NULL; /* a worker's scheduler context (a timer callback) */
    return go_adopt_thread();
}

static void park_bound(go_g *g)
{
    go_m *m = g->bound_m;
    atomic_store(&m->park_word, 0);
    struct park_locks pl = take_park_locks(g);
    g->state_since = go_now_coarse();
    go_count_parked(1);
    int running = G_RUNNING;
    if (!atomic_compare_exchange_strong(&g->status, &running, G_WAITING)) {
        go_count_parked(-1);
        release_park_locks(pl);
        if (go_trace_on())
            go_trace_go_unblock(g, true, NULL); /* readied before it finished parking */
        atomic_store(&g->status, G_RUNNING);
        return;
    }
    release_park_locks(pl);
    go_check_all_asleep();
    while (atomic_load(&g->status) == G_WAITING)
        go_futex_wait(&m->park_word, 0, -1);
    atomic_store(&g->status, G_RUNNING);
}

/* fp: the frame of the public-facing park function that called this one,
 * where the block event's stack walk starts (go_trace_stack_from). */
static void park_common(go_wait_reason reason, const void *obj, const void *const *objs, size_t nobjs,
                        golock *unlock, golock *const *locks, size_t nlocks, void *pc, const void *fp)
{
    go_g *g = go_cur_g();
    if (!g)
        go_fatal("a blocking operation was called from a timer callback");
    if (GO_CHECKER_ON())
        go_hooks_active->block(reason, obj, pc);
    g->wait_reason = reason;
    g->wait_obj = obj;
    g->wait_objs = objs;
    g->nwait_objs = nobjs;
    g->wait_pc = pc;
    g->park_unlock = unlock;
    g->park_locks = locks;
    g->npark_locks = nlocks;
    if (go_trace_on())
        go_trace_go_block(g, reason, fp);
    int64_t block_t0 = go_pprof_block_begin(reason);
    if (g->bound_m) {
        park_bound(g);
        if (go_trace_on())
            go_trace_go_start(g->bound_m, g);
    } else {
        switch_to_g0(g, OP_PARK);
    }
    g->wait_reason = GO_WAIT_NONE;
    g->wait_obj = NULL;
    g->wait_objs = NULL;
    g->nwait_objs = 0;
    g->state_since = 0;
    go_pprof_block_end(block_t0);
    if (GO_CHECKER_ON())
        go_hooks_active->unblock();
}

void go_park(go_wait_reason reason, const void *obj, golock *unlock, void *pc)
{
    park_common(reason, obj, NULL, 0, unlock, NULL, 0, pc, __builtin_frame_address(0));
}

void go_park_multi_locks(go_wait_reason reason, const void *const *objs, size_t nobjs, golock *const *locks,
                         size_t nlocks, void *pc)
{
    park_common(reason, nobjs ? objs[0] : NULL, objs, nobjs, NULL, locks, nlocks, pc,
                __builtin_frame_address(0));
}

void go_ready(go_g *g)
{
    for (;;) {
        int s = atomic_load(&g->status);
        if (s == G_WAITING) {
            if (atomic_compare_exchange_weak(&g->status, &s, G_RUNNABLE))
                break;
        } else if (s == G_RUNNING) {
            if (atomic_compare_exchange_weak(&g->status, &s, G_RUNNING_WOKEN))
                return; /* it is about to park; the park returns at once */
        } else if (s == G_GONE) {
            return; /* a goroutine that did not survive a fork (fork.c) */
        } else {
            char msg[96];
            snprintf(msg, sizeof msg, "internal error: go_ready of goroutine %llu in state %d",
                     (unsigned long long)g->id, s);
            go_fatal(msg);
        }
    }
    if (go_trace_on())
        go_trace_go_unblock(g, false, __builtin_frame_address(0));
    go_m *m = go_tls_m; /* no switch happens in here: read it once */
    count_add_on(m, GO_COUNT_READY, 1);
    count_add_on(m, GO_COUNT_PARKED, -1);
    go_stat(m, GO_STAT_READY);
    if (g->bound_m) {
        atomic_store(&g->bound_m->park_word, 1);
        go_futex_wake(&g->bound_m->park_word, 1);
        return;
    }
    if (m && !m->foreign && atomic_load_explicit(&m->token, memory_order_relaxed))
        go_runq_put(m, g, true);
    else
        go_runq_put_global(g);
    go_wakep();
}

/* g_main, go_g_exit_current and switch_to_g0 leave no frame on the TSan
 * fiber's shadow stack, so a goroutine that returns from its function leaves
 * its fiber as clean as new (fiber_clean). */
GO_FIBER_SWITCH_PATH GO_ENTRY_SECTION static void g_main(void *arg)
{
    go_g *g = arg;
    go_fiber_after_switch(NULL, NULL, NULL); /* the first switch into g ends here */
    if (GO_CHECKER_ON())
        go_hooks_active->g_start(g->checker_ctx);
    g->fn(g->arg);
    if (__builtin_expect(g == go_sched.fork_main, 0))
        exit(0); /* the child of a fork ends with the goroutine that forked (fork.c) */
    g->fiber_clean = true;
    go_g_exit_current();
}

GO_FIBER_SWITCH_PATH _Noreturn void go_g_exit_current(void)
{
    go_g *g = go_cur_g();
    if (GO_CHECKER_ON())
        go_hooks_active->g_exit(g->checker_ctx);
    g->checker_ctx = NULL;
    if (go_trace_on())
        go_trace_go_end(g);
    switch_to_g0(g, OP_EXIT);
    __builtin_unreachable();
}

/* A goroutine that spawns in a loop outruns the workers running what it
 * spawned (Go would preempt it; we cannot), and every queued goroutine holds
 * a stack.  Past half a local queue of backlog the spawner yields once, so
 * the backlog, and the memory it pins, stays bounded. */
static bool spawn_backlog(go_m *m)
{
    uint32_t head = atomic_load_explicit(&m->runq_head, memory_order_relaxed);
    uint32_t tail = atomic_load_explicit(&m->runq_tail, memory_order_relaxed);
    return tail - head >= RUNQ_SIZE / 2 || atomic_load_explicit(&go_sched.runq_size, memory_order_relaxed) >= RUNQ_SIZE;
}

int go_spawn(go_func fn, void *arg)
{
    void *pc = GO_CALLER_PC();
    if (!fn)
        return GO_EINVAL;
    go_g *parent = go_timers_in_callback() ? NULL : go_self(); /* the monitor is not adopted */
    go_g *g = go_stack_get();
    if (!g)
        return GO_ENOMEM;
    g->fn = fn;
    g->arg = arg;
    g->id = atomic_fetch_add(&go_sched.next_goid, 1);
    g->parent_id = parent ? parent->id : 0;
    g->create_pc = pc;
    int err = 0;
    if (parent && parent->nlabels)
        go_labels_inherit(g, parent, &err);
    if (err) {
        go_stack_put(g);
        return GO_ENOMEM;
    }
    if (GO_CHECKER_ON()) {
        go_hooks_active->stack_reuse(g->stack_lo, (size_t)(g->stack_hi - g->stack_lo));
        g->checker_ctx = go_hooks_active->g_create(g->parent_id, g->id, pc);
    }
    g->sp = go_ctx_make(g->stack_hi, g_main, g, (void *)fn, arg);
    go_fiber_create(g);
    g->state_since = go_now_coarse();
    if (go_trace_on())
        go_trace_go_create(g, __builtin_frame_address(0));
    go_all_add(g);
    go_count_add(GO_COUNT_LIVE, 1);
    atomic_store(&g->status, G_RUNNABLE);
    go_m *m = go_cur_m();
    if (m && parent && !m->foreign && atomic_load_explicit(&m->token, memory_order_relaxed)) {
        go_runq_put(m, g, true);
        go_wakep();
        if (GO_DET_ON()) {
            go_det_point();
            return 0;
        }
        if (__builtin_expect(spawn_backlog(m), 0))
            go_yield();
        return 0;
    }
    go_runq_put_global(g);
    go_wakep();
    if (GO_DET_ON()) {
        go_det_point();
        return 0;
    }
    /* A spawner whose processor the monitor handed off runs without a token:
     * its goroutines pile up in the global queue instead. */
    if (m && parent && !m->foreign && __builtin_expect(spawn_backlog(m), 0))
        go_yield();
    return 0;
}

uint64_t go_id(void)
{
    go_g *g = go_self();
    return g ? g->id : 0;
}

void go_yield(void)
{
    go_g *g = go_self();
    if (!g)
        return;
    if (g->bound_m) {
        sched_yield();
        return;
    }
    if (go_trace_on())
        go_trace_go_sched(g, __builtin_frame_address(0));
    if (GO_DET_ON())
        go_det_yield(g);
    switch_to_g0(g, OP_YIELD);
}

static void sleep_wake(void *arg) { go_ready(arg); }

/* go_sleep's body, inlined into both callers so that each is the frame a
 * traceback shows as the sleep's call. */
__attribute__((always_inline)) static inline void sleep_at(int64_t ns, void *pc)
{
    if (ns <= 0)
        return;
    go_g *g = go_self();
    if (!g) {
        go_fatal("go_sleep called from a timer callback");
    }
    go_timer t = {.heap_index = -1};
    go_timer_start(&t, go_now() + ns, sleep_wake, g);
    go_park(GO_WAIT_SLEEP, NULL, NULL, pc);
}

void go_sleep(int64_t ns) { sleep_at(ns, GO_CALLER_PC()); }

/* go_hooks.h: the checker's grace-period naps (leak.c). */
bool go_hooks_sleep(int64_t ns)
{
    if (!go_cur_g())
        return false;
    sleep_at(ns, GO_CALLER_PC());
    return true;
}

int go_num_goroutine(void)
{
    go_self();
    return (int)go_count_sum(GO_COUNT_LIVE);
}

int go_maxprocs(int n)
{
    go_self();
    int old = atomic_load(&go_sched.maxprocs);
    if (n <= 0 || GO_DET_ON())
        return old;
    if (n > GO_MAX_M / 2)
        n = GO_MAX_M / 2;
    old = atomic_exchange(&go_sched.maxprocs, n);
    atomic_fetch_add(&go_sched.tokens_free, n - old);
    for (int i = old; i < n && go_m_has_work(); i++)
        go_wakep();
    return old;
}

/* ------------------------------------------------------------ live list */

void go_all_add(go_g *g)
{
    golock_lock(&go_sched.all_lock);
    g->all_prev = NULL;
    g->all_next = go_sched.all;
    if (go_sched.all)
        go_sched.all->all_prev = g;
    go_sched.all = g;
    golock_unlock(&go_sched.all_lock);
}

void go_all_remove(go_g *g)
{
    golock_lock(&go_sched.all_lock);
    if (g->all_prev)
        g->all_prev->all_next = g->all_next;
    else
        go_sched.all = g->all_next;
    if (g->all_next)
        g->all_next->all_prev = g->all_prev;
    golock_unlock(&go_sched.all_lock);
}

/* ------------------------------------------------------------ start-up */

static int default_maxprocs(void)
{
    const char *env = getenv("GOSAN_MAXPROCS");
    if (!env || !*env)
        env = getenv("GOMAXPROCS");
    if (env && *env) {
        char *end;
        long v = strtol(env, &end, 10);
        if (*end == 0 && v > 0 && v <= GO_MAX_M / 2)
            return (int)v;
        fprintf(stderr, "gosan: ignoring GOSAN_MAXPROCS/GOMAXPROCS=%s (want 1..%d)\n", env, GO_MAX_M / 2);
    }
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

void go_thread_stack_bounds(char **lo, char **hi)
{
    pthread_attr_t attr;
    void *addr = NULL;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstack(&attr, &addr, &size);
        pthread_attr_destroy(&attr);
    }
    *lo = addr;
    *hi = (char *)addr + size;
}

/* m0's scheduler context runs for the first time when goroutine 1 first
 * switches out: finish that switch, then schedule as usual. */
static void m0_g0_main(void *arg)
{
    go_m *m = arg;
    go_fiber_after_switch(NULL, NULL, NULL);
    after_switch(m, m->curg);
    schedule(m);
}

#define G0_STACK_SIZE (1 << 20)

/* Makes the main thread worker 0 and the running code goroutine 1. */
static void init_main_thread(void)
{
    go_m *m = go_m_alloc();
    go_g *g = go_g_alloc_static();
    if (!m || !g)
        go_fatal("out of memory at start-up");
    m->g0_stack = mmap(NULL, G0_STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                       -1, 0);
    if (m->g0_stack == MAP_FAILED)
        go_fatal("out of memory at start-up");
    m->g0_sp = go_ctx_make(m->g0_stack + G0_STACK_SIZE, m0_g0_main, m, NULL, NULL);
    g->id = atomic_fetch_add(&go_sched.next_goid, 1);
    g->is_main = true;
    go_thread_stack_bounds(&g->stack_lo, &g->stack_hi);
    g->m = m;
    m->curg = g;
    atomic_store(&m->tid, go_gettid());
    atomic_store(&g->status, G_RUNNING);
    atomic_store(&m->token, 1);
    go_sched.g1 = g;
    set_tls(m, g);
    go_fiber_m_init(m);
    go_fiber_create(g);
    go_all_add(g);
    go_count_add(GO_COUNT_LIVE, 1);
    if (GO_CHECKER_ON()) {
        g->checker_ctx = go_hooks_active->g_create(0, g->id, NULL);
        go_hooks_active->g_switch(g->checker_ctx);
        go_hooks_active->g_start(g->checker_ctx);
    }
    go_signals_init_thread(m);
}

void go_sched_init_slow(void)
{
    int zero = 0;
    if (!atomic_compare_exchange_strong(&go_sched.initialized, &zero, 1)) {
        while (atomic_load(&go_sched.initialized) != 2)
            sched_yield();
        return;
    }
    atomic_store(&go_sched.next_goid, 1);
    go_stacks_init();
    bool main_thread = getpid() == (pid_t)syscall(SYS_gettid);
    if (main_thread)
        go_det_init(); /* needs the main thread's worker (detsched.c) */
    else if (getenv("GOSAN_SCHED") || getenv("GOSAN_RECORD") || getenv("GOSAN_REPLAY"))
        fprintf(stderr, "gosan: the library started on a thread other than main's: no deterministic mode\n");
    int n = go_det_maxprocs(default_maxprocs());
    atomic_store(&go_sched.maxprocs, n);
    atomic_store(&go_sched.tokens_free, n);
    go_signals_init();
    go_schedstats_init();
    go_fork_init();
    if (main_thread) {
        atomic_store(&go_sched.tokens_free, n - 1);
        init_main_thread();
        go_det_set_worker(go_sched.g1->m);
    }
    go_monitor_start();
    /* After the first pthread_create: TSan starts its own thread there. */
    go_foreign_init();
    atomic_store(&go_sched.initialized, 2);
}

/* Start-up before main, on the main thread, so main is goroutine 1 even if
 * another thread reaches the library first. */
__attribute__((constructor(200))) static void go_sched_ctor(void)
{
    if (atomic_load(&go_sched.initialized) == 0)
        go_sched_init_slow();
}

void go_set_tls_foreign(go_m *m, go_g *g) { set_tls(m, g); }
