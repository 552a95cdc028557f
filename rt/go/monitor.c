/* monitor.c - the monitor thread (Go's sysmon): keeps a goroutine stuck in a
 * long system call or computation from starving runnable ones, and fires
 * timers nobody else is servicing.
 *
 * Every tick it looks at each worker holding a processor token: if the
 * worker has run the same goroutine for longer than HANDOFF_NS while work
 * waits and none of it has been taken for as long, the monitor takes its
 * token and wakes another worker (Go's handoffp).  "None taken" matters: a
 * goroutine that runs long but keeps readying others that the other
 * workers take at once (a consumer draining channels) is not starving
 * anyone, and handing its worker off would only add a thread competing for
 * the CPUs.  The stuck worker finds its token gone when its goroutine next
 * switches out and competes for one like any idle worker.
 *
 * Idle cost: the tick backs off from 20us to 10ms while nothing happens, and
 * when no worker holds a token and no timer is armed the monitor sleeps on a
 * futex until go_monitor_poke (called when work appears, a timer is armed or
 * a worker takes a processor token).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "g.h"
#include "netpoll.h"

#define HANDOFF_NS (10 * 1000 * 1000)
#define TICK_MIN_NS (20 * 1000)
#define TICK_MAX_NS (10 * 1000 * 1000)
#define TRIM_PERIOD_NS (1000 * 1000 * 1000) /* stacks beyond the warm pool go back every second */
#define NETPOLL_NS (10 * 1000 * 1000)      /* poll descriptors nobody polled for this long (Go's sysmon) */

static _Atomic uint32_t monitor_word;
static _Atomic int monitor_deep_sleep;

void go_monitor_poke(void)
{
    /* Sequentially consistent against the monitor's "store deep_sleep,
     * then look at the tokens and timers again": either it sees what our
     * caller just did, or we see it asleep and wake it. */
    if (atomic_load(&monitor_deep_sleep)) {
        atomic_store(&monitor_word, 1);
        go_futex_wake(&monitor_word, 1);
    }
}

/* A value that changes whenever a goroutine is taken from any run queue
 * (a ring's head advances, a run-next slot changes, the global queue
 * pops), so an unchanged value over a period means the queued work waited
 * all along. */
static uint64_t queues_signature(void)
{
    uint64_t sig = atomic_load_explicit(&go_sched.runq_pops, memory_order_relaxed);
    int nm = atomic_load(&go_sched.nm);
    for (int i = 0; i < nm; i++) {
        go_m *m = atomic_load(&go_sched.ms[i]);
        if (!m || m->foreign)
            continue;
        uint64_t v = atomic_load_explicit(&m->runq_head, memory_order_relaxed) ^
                     (uint64_t)(uintptr_t)atomic_load_explicit(&m->runnext, memory_order_relaxed);
        sig = sig * 0x9e3779b97f4a7c15ull + v + (uint64_t)i;
    }
    return sig;
}

static uint64_t work_sig;
static int64_t work_since;

/* Work has been waiting, none of it taken, for HANDOFF_NS. */
static bool work_starving(int64_t now)
{
    if (!go_m_has_work()) {
        work_since = now;
        return go_timers_next() <= now;
    }
    uint64_t sig = queues_signature();
    if (sig != work_sig) {
        work_sig = sig;
        work_since = now;
    }
    return now - work_since >= HANDOFF_NS;
}

/* The worker's own queue changes whenever a goroutine leaves it. */
static uint64_t own_queue_sig(go_m *m)
{
    return atomic_load_explicit(&m->runq_head, memory_order_relaxed) ^
           (uint64_t)(uintptr_t)atomic_load_explicit(&m->runnext, memory_order_relaxed);
}

/* Work queued on a stuck worker itself, untouched for HANDOFF_NS, waits for
 * it alone, however busy the other queues are: a worker blocked in a system
 * call the library cannot see (a read the checker intercepts, say) while
 * the others keep taking a goroutine that yields from the global queue
 * starves it forever otherwise (work_starving sees the global pops). */
static bool own_queue_starving(go_m *m, int64_t now)
{
    if (go_runq_empty(m)) {
        m->mon_qsince = now;
        return false;
    }
    uint64_t sig = own_queue_sig(m);
    if (sig != m->mon_qsig) {
        m->mon_qsig = sig;
        m->mon_qsince = now;
    }
    return now - m->mon_qsince >= HANDOFF_NS;
}

/* Takes the processor token of workers that ran one goroutine too long. */
static bool retake(int64_t now)
{
    bool took = false;
    bool work = work_starving(now);
    int nm = atomic_load(&go_sched.nm);
    for (int i = 0; i < nm; i++) {
        go_m *m = atomic_load(&go_sched.ms[i]);
        if (!m || m->foreign)
            continue;
        uint64_t tick = atomic_load_explicit(&m->schedtick, memory_order_relaxed);
        if (tick != m->mon_tick || !atomic_load(&m->token)) {
            m->mon_tick = tick;
            m->mon_since = now;
            continue;
        }
        bool own = own_queue_starving(m, now);
        if (!(work || own) || now - m->mon_since < HANDOFF_NS)
            continue;
        int one = 1;
        if (atomic_compare_exchange_strong(&m->token, &one, 0)) {
            atomic_fetch_add(&go_sched.tokens_free, 1);
            m->mon_since = now;
            took = true;
            go_wakep();
        }
    }
    return took;
}

static void *monitor_main(void *arg)
{
    (void)arg;
    go_hooks_thread_private();
    int64_t delay = TICK_MIN_NS;
    int64_t last_trim = go_now();
    for (;;) {
        if (go_all_tokens_free() && go_timers_next() == INT64_MAX && !go_foreign_recheck_due()) {
            atomic_store(&monitor_word, 0);
            atomic_store(&monitor_deep_sleep, 1);
            go_stacks_trim(); /* an idle program keeps only its warm stacks */
            if (go_all_tokens_free() && go_timers_next() == INT64_MAX)
                go_futex_wait(&monitor_word, 0, -1);
            atomic_store(&monitor_deep_sleep, 0);
            delay = TICK_MIN_NS;
        }
        atomic_store(&monitor_word, 0);
        go_futex_wait(&monitor_word, 0, delay);
        int64_t now = go_now();
        bool busy = false;
        /* A timer overdue by a tick: every worker is busy or asleep without
         * a timeout; fire it here (timer callbacks only ready goroutines). */
        if (GO_DET_ON()) { /* the deterministic worker alone runs timers and goroutines */
            go_check_all_asleep();
            delay = TICK_MAX_NS;
            continue;
        }
        if (go_timers_next() <= now - TICK_MAX_NS / 10)
            busy |= go_timers_run(now);
        busy |= retake(now);
        /* Every worker busy, none of them looking for work: nobody would
         * see descriptors become ready until one goes idle. */
        if (go_netpoll_waiting() && !go_netpoll_sleeping() && now - go_netpoll_last() >= NETPOLL_NS) {
            go_g *ready = go_netpoll(0);
            busy |= ready != NULL;
            go_netpoll_ready_list(ready);
        }
        if (now - last_trim >= TRIM_PERIOD_NS) {
            last_trim = now;
            go_stacks_trim();
        }
        delay = busy ? TICK_MIN_NS : (delay * 2 > TICK_MAX_NS ? TICK_MAX_NS : delay * 2);
        go_check_all_asleep();
    }
    return NULL;
}

/* fork.c: the parent's monitor did not come along; start the child's. */
void go_monitor_fork_child(void)
{
    atomic_store(&monitor_word, 0);
    atomic_store(&monitor_deep_sleep, 0);
    work_sig = 0;
    work_since = 0;
    go_monitor_start();
}

void go_monitor_start(void)
{
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    int err = pthread_create(&t, &attr, monitor_main, NULL);
    pthread_attr_destroy(&attr);
    if (err)
        fprintf(stderr, "gosan: cannot start the monitor thread (%s): long system calls may starve goroutines\n",
                strerror(err));
}
