/* runq.c - run queues: each worker's lock-free ring plus "run next" slot,
 * and the global queue (Go's runqput/runqget/runqsteal and globrunq).
 *
 * Invariants: only the owning worker writes runq_tail and runnext-by-push;
 * anyone may advance runq_head with a CAS (the owner popping, a thief
 * stealing).  A ring that is full spills half of itself to the global queue,
 * so runqput never fails.  The global queue is a list through g->schedlink
 * under go_sched.lock.
 */
#include <time.h>

#include "g.h"

static void global_put_batch(go_g *head, go_g *tail, uint32_t n)
{
    GO_DCHECK(head && tail && n > 0);
    golock_lock(&go_sched.lock);
    tail->schedlink = NULL;
    if (go_sched.runq_tail)
        go_sched.runq_tail->schedlink = head;
    else
        go_sched.runq_head = head;
    go_sched.runq_tail = tail;
    atomic_fetch_add(&go_sched.runq_size, n);
    golock_unlock(&go_sched.lock);
}

void go_runq_put_global(go_g *g)
{
    if (GO_DET_ON())
        go_det_put(g);
    else
        global_put_batch(g, g, 1);
}

go_g *go_runq_get_global(void)
{
    if (atomic_load_explicit(&go_sched.runq_size, memory_order_relaxed) == 0)
        return NULL;
    golock_lock(&go_sched.lock);
    go_g *g = go_sched.runq_head;
    if (g) {
        go_sched.runq_head = g->schedlink;
        if (!go_sched.runq_head)
            go_sched.runq_tail = NULL;
        GO_DCHECK(atomic_load(&go_sched.runq_size) > 0 && atomic_load(&g->status) == G_RUNNABLE);
        atomic_fetch_sub(&go_sched.runq_size, 1);
        atomic_fetch_add_explicit(&go_sched.runq_pops, 1, memory_order_relaxed);
    }
    golock_unlock(&go_sched.lock);
    return g;
}

/* Moves half of a full ring plus g to the global queue. */
static bool runq_spill(go_m *m, go_g *g, uint32_t head)
{
    enum { N = RUNQ_SIZE / 2 };
    go_g *batch[N + 1];
    for (uint32_t i = 0; i < N; i++)
        batch[i] = atomic_load_explicit(&m->runq[(head + i) % RUNQ_SIZE], memory_order_relaxed);
    if (!atomic_compare_exchange_strong_explicit(&m->runq_head, &head, head + N, memory_order_release,
                                                 memory_order_relaxed))
        return false;
    batch[N] = g;
    for (uint32_t i = 0; i < N; i++)
        batch[i]->schedlink = batch[i + 1];
    global_put_batch(batch[0], batch[N], N + 1);
    return true;
}

void go_runq_put(go_m *m, go_g *g, bool next)
{
    GO_DCHECK(g && atomic_load(&g->status) == G_RUNNABLE); /* not yet visible to anyone */
    if (GO_DET_ON()) {
        go_det_put(g);
        return;
    }
    if (next) {
        go_g *old = atomic_exchange_explicit(&m->runnext, g, memory_order_acq_rel);
        if (!old)
            return;
        g = old; /* the displaced one goes to the tail */
    }
    for (;;) {
        uint32_t head = atomic_load_explicit(&m->runq_head, memory_order_acquire);
        uint32_t tail = atomic_load_explicit(&m->runq_tail, memory_order_relaxed);
        /* Only this (owning) worker moves tail, and head never passes it. */
        GO_DCHECK(tail - head <= RUNQ_SIZE);
        if (tail - head < RUNQ_SIZE) {
            atomic_store_explicit(&m->runq[tail % RUNQ_SIZE], g, memory_order_relaxed);
            atomic_store_explicit(&m->runq_tail, tail + 1, memory_order_release);
            return;
        }
        if (runq_spill(m, g, head))
            return;
    }
}

go_g *go_runq_get(go_m *m)
{
    go_g *g = atomic_load_explicit(&m->runnext, memory_order_relaxed);
    if (g && atomic_compare_exchange_strong_explicit(&m->runnext, &g, NULL, memory_order_acq_rel,
                                                     memory_order_relaxed))
        return g;
    for (;;) {
        uint32_t head = atomic_load_explicit(&m->runq_head, memory_order_acquire);
        uint32_t tail = atomic_load_explicit(&m->runq_tail, memory_order_relaxed);
        if (tail == head)
            return NULL;
        g = atomic_load_explicit(&m->runq[head % RUNQ_SIZE], memory_order_relaxed);
        if (atomic_compare_exchange_strong_explicit(&m->runq_head, &head, head + 1, memory_order_release,
                                                    memory_order_relaxed)) {
            GO_DCHECK(g && atomic_load(&g->status) == G_RUNNABLE);
            return g;
        }
    }
}

bool go_runq_empty(go_m *m)
{
    return atomic_load(&m->runq_head) == atomic_load(&m->runq_tail) && !atomic_load(&m->runnext);
}

/* Steals half of victim's ring into thief's; returns one goroutine to run.
 * With take_next, also the victim's run-next goroutine (last resort: the
 * victim is usually about to run it itself).
 *
 * Before taking the run-next goroutine of a running victim the thief
 * sleeps, as Go's runqgrab does with usleep(3): a 3 µs nanosleep, which the
 * kernel's timer slack stretches to about 50 µs.  The sleep, not a spin of
 * the nominal 3 µs, is what keeps a producer and its consumer on one
 * worker: measured on two processors, ping-pong 0.79x and select over four
 * channels 0.37x of the spinning version's time, buffered channel with one
 * producer 0.52x; a spinning thief took the partner nearly every time (it
 * also burned the CPU the victim's partner could have used). */
#define RUNNEXT_GRACE_NS 3000
go_g *go_runq_steal(go_m *thief, go_m *victim, bool take_next)
{
    for (;;) {
        uint32_t head = atomic_load_explicit(&victim->runq_head, memory_order_acquire);
        uint32_t tail = atomic_load_explicit(&victim->runq_tail, memory_order_acquire);
        uint32_t n = tail - head;
        if (n > RUNQ_SIZE) /* inconsistent snapshot: retry */
            continue;
        if (n == 0) {
            if (!take_next)
                return NULL;
            go_g *g = atomic_load_explicit(&victim->runnext, memory_order_relaxed);
            if (g && __atomic_load_n(&victim->curg, __ATOMIC_RELAXED)) {
                /* The victim is running a goroutine that has just readied g
                 * (a channel hand-off) and will run g itself as soon as it
                 * blocks, typically within microseconds.  Taking g now
                 * would bounce a ping-pong pair between processors; give the
                 * victim time first (see above). */
                go_stat(thief, GO_STAT_RUNNEXT_WAIT);
                struct timespec ts = {0, RUNNEXT_GRACE_NS};
                nanosleep(&ts, NULL);
                g = atomic_load_explicit(&victim->runnext, memory_order_relaxed);
            }
            if (g && atomic_compare_exchange_strong_explicit(&victim->runnext, &g, NULL, memory_order_acq_rel,
                                                             memory_order_relaxed)) {
                go_stat(thief, GO_STAT_RUNNEXT_STEAL);
                return g;
            }
            return NULL;
        }
        n -= n / 2;
        go_g *batch[RUNQ_SIZE / 2 + 1];
        for (uint32_t i = 0; i < n; i++)
            batch[i] = atomic_load_explicit(&victim->runq[(head + i) % RUNQ_SIZE], memory_order_relaxed);
        if (!atomic_compare_exchange_strong_explicit(&victim->runq_head, &head, head + n, memory_order_acq_rel,
                                                     memory_order_relaxed))
            continue;
        go_stat(thief, GO_STAT_STEAL);
        /* The thief's own ring is empty (it looked before stealing). */
        for (uint32_t i = 1; i < n; i++)
            go_runq_put(thief, batch[i], false);
        return batch[0];
    }
}
