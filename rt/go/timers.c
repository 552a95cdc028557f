/* timers.c - one min-heap of go_timer, ordered by deadline (Go's timer heap,
 * one for the process).  Sleeps and timeouts never cost a thread.
 *
 * Invariants: the heap array lives in mmap'd memory (not malloc), guarded by
 * timer_lock.  `next_when` mirrors the root's deadline (INT64_MAX when
 * empty) so workers check for due timers with one load.  A timer leaves the
 * heap before its fn runs; `nfiring` counts fns still running, so "no timer
 * pending" (all-asleep) is true only when none is armed or mid-callback.
 * Idle workers sleep until next_when; arming an earlier timer wakes one.
 */
#include <stdint.h>
#include <sys/mman.h>

#include "g.h"

static golock timer_lock;
static go_timer **heap;
static size_t heap_len, heap_cap;
static _Atomic int64_t next_when = INT64_MAX;
static _Atomic int nfiring;
static __thread bool in_timer_fn; /* this thread is running a timer's fn */

static bool heap_grow(void)
{
    size_t ncap = heap_cap ? heap_cap * 2 : 512;
    void *p = heap ? mremap(heap, heap_cap * sizeof *heap, ncap * sizeof *heap, MREMAP_MAYMOVE)
                   : mmap(NULL, ncap * sizeof *heap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return false;
    heap = p;
    heap_cap = ncap;
    return true;
}

static void heap_set(size_t i, go_timer *t)
{
    heap[i] = t;
    t->heap_index = (int32_t)i;
}

static void sift_up(size_t i)
{
    go_timer *t = heap[i];
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (heap[p]->when <= t->when)
            break;
        heap_set(i, heap[p]);
        i = p;
    }
    heap_set(i, t);
}

static void sift_down(size_t i)
{
    go_timer *t = heap[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= heap_len)
            break;
        if (c + 1 < heap_len && heap[c + 1]->when < heap[c]->when)
            c++;
        if (t->when <= heap[c]->when)
            break;
        heap_set(i, heap[c]);
        i = c;
    }
    heap_set(i, t);
}

static void heap_remove_at(size_t i)
{
    go_timer *t = heap[i];
    heap_len--;
    if (i != heap_len) {
        go_timer *moved = heap[heap_len];
        heap_set(i, moved);
        sift_down(i);
        sift_up((size_t)moved->heap_index);
    }
    t->heap_index = -1;
}

static void publish_next(void)
{
    atomic_store(&next_when, heap_len ? heap[0]->when : INT64_MAX);
}

void go_timer_start(go_timer *t, int64_t when, void (*fn)(void *), void *arg)
{
    t->when = when;
    t->fn = fn;
    t->arg = arg;
    golock_lock(&timer_lock);
    if (heap_len == heap_cap && !heap_grow()) {
        golock_unlock(&timer_lock);
        go_fatal("out of memory growing the timer heap");
    }
    heap_set(heap_len++, t);
    sift_up(heap_len - 1);
    bool earliest = heap[0] == t;
    publish_next();
    golock_unlock(&timer_lock);
    go_count_event();
    if (earliest) { /* sleepers may be waiting for a later deadline */
        go_idle_wake_timer_sleeper();
        go_monitor_poke();
    }
}

bool go_timer_stop(go_timer *t)
{
    golock_lock(&timer_lock);
    bool armed = t->heap_index >= 0 && (size_t)t->heap_index < heap_len && heap[t->heap_index] == t;
    if (armed) {
        heap_remove_at((size_t)t->heap_index);
        publish_next();
    }
    golock_unlock(&timer_lock);
    return armed;
}

/* fork.c: the heap's lock across fork(); in the child no callback is
 * running any more (the threads running them are gone). */
void go_timers_fork(int phase)
{
    if (phase == 0) {
        golock_lock(&timer_lock);
        return;
    }
    if (phase == 2)
        atomic_store(&nfiring, 0);
    golock_unlock(&timer_lock);
}

bool go_timers_in_callback(void) { return in_timer_fn; }

int64_t go_timers_next(void) { return atomic_load_explicit(&next_when, memory_order_relaxed); }

bool go_timers_pending(void)
{
    return atomic_load(&next_when) != INT64_MAX || atomic_load(&nfiring) != 0;
}

bool go_timers_run(int64_t now)
{
    if (now < go_timers_next())
        return false;
    bool ran = false;
    for (;;) {
        golock_lock(&timer_lock);
        if (!heap_len || heap[0]->when > now) {
            golock_unlock(&timer_lock);
            return ran;
        }
        go_timer *t = heap[0];
        atomic_fetch_add(&nfiring, 1); /* before it leaves the heap: never looks "none pending" */
        heap_remove_at(0);
        publish_next();
        void (*fn)(void *) = t->fn;
        void *arg = t->arg;
        golock_unlock(&timer_lock);
        in_timer_fn = true;
        fn(arg);
        in_timer_fn = false;
        go_count_event();
        atomic_fetch_sub(&nfiring, 1);
        ran = true;
    }
}
