/* detsched.c - the deterministic mode (GOSAN_SCHED=random|pct): goroutines
 * run one at a time, on the main thread's worker only, and which one runs
 * next is decided by a generator seeded from GOSAN_SEED, so a seed and the
 * same inputs give the same interleaving, output and reports.
 *
 * Scheduling points are a goroutine's park, yield and exit, a spawn, and
 * the entry of every public synchronisation call (go_det_point).  At a
 * point the running goroutine may be preempted:
 *  - random: the next goroutine is drawn uniformly from the runnable ones
 *    and the running one (staying is one of the draws);
 *  - pct (Burckhardt et al., ASPLOS'10): every goroutine gets a random
 *    priority when it first becomes runnable, the highest-priority runnable
 *    goroutine always runs, and at GOSAN_PCT_DEPTH-1 points drawn from the
 *    first GOSAN_PCT_STEPS the running goroutine drops below every initial
 *    priority.
 *
 * Time is virtual: go_now reads det_clock, which moves only when no
 * goroutine can run, straight to the earliest timer.  A goroutine waiting
 * for a descriptor polls it itself (go_det_fd_wait) instead of through the
 * poller, so the worker sees the outside world only at points it chooses.
 *
 * Invariants: go_det_mode is set before the first goroutine is spawned and
 * never changes; only det_m runs goroutines (go_wakep starts no worker, the
 * monitor takes no token and fires no timer); the run queue and the
 * generator are under det_lock (a foreign thread may ready a goroutine).
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "detsched.h"
#include "g.h"
#include "netpoll.h"
#include "record.h"

int go_det_mode;

#define DET_CLOCK_START 1000000000LL /* 1 s: a deadline of 0 means "none" */
#define PCT_MAX_DEPTH 64

static go_m *det_m;
static golock det_lock;
static go_g **det_runq;
static size_t det_n, det_cap;
static go_g *det_forced; /* random: the goroutine a preemption chose */
static uint64_t det_rng;
static uint64_t det_steps;
static _Atomic int64_t det_clock = DET_CLOCK_START;
static _Atomic uint32_t det_word;
static _Atomic int det_sleeping;
static int pct_depth = 3;
static uint64_t pct_nsteps = 1000;
static uint64_t pct_change[PCT_MAX_DEPTH];

/* xorshift64*: never 0, fine enough for scheduling choices. */
static uint64_t det_rand(void)
{
    uint64_t x = det_rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    det_rng = x;
    return x * 0x2545f4914f6cdd1dull;
}

static uint64_t det_randn(uint64_t n) { return n ? det_rand() % n : 0; }

static long env_long(const char *name, long dflt, long lo, long hi)
{
    const char *s = getenv(name);
    if (!s || !*s)
        return dflt;
    char *end;
    long v = strtol(s, &end, 0);
    if (*end || v < lo || v > hi) {
        fprintf(stderr, "gosan: ignoring %s=%s (want %ld..%ld)\n", name, s, lo, hi);
        return dflt;
    }
    return v;
}

static int mode_from_env(void)
{
    const char *s = getenv("GOSAN_SCHED");
    if (!s || !*s)
        return GO_DET_OFF;
    if (!strcmp(s, "random"))
        return GO_DET_RANDOM;
    if (!strcmp(s, "pct"))
        return GO_DET_PCT;
    fprintf(stderr, "gosan: unknown GOSAN_SCHED=%s (want random or pct); using random\n", s);
    return GO_DET_RANDOM;
}

static void pct_plan(void)
{
    for (int i = 0; i < pct_depth - 1; i++)
        pct_change[i] = 1 + det_randn(pct_nsteps);
}

void go_det_init(void)
{
    struct go_rec_setup rs = {
        .mode = mode_from_env(),
        .depth = (int)env_long("GOSAN_PCT_DEPTH", 3, 1, PCT_MAX_DEPTH),
        .steps = (uint64_t)env_long("GOSAN_PCT_STEPS", 1000, 1, 1L << 40),
    };
    go_rec_init(&rs); /* a replay takes all of these from its log */
    if (rs.mode == GO_DET_OFF)
        return;
    go_det_mode = rs.mode;
    pct_depth = rs.depth;
    pct_nsteps = rs.steps;
    det_rng = ((uint64_t)go_fastrand_init(0xde7) << 32) | go_fastrand_init(0x5c4ed);
    if (!det_rng)
        det_rng = 1;
    pct_plan();
    go_rec_start();
}

int go_det_pct_depth(void) { return pct_depth; }
uint64_t go_det_pct_steps(void) { return pct_nsteps; }

int go_det_maxprocs(int n) { return GO_DET_ON() ? 1 : n; }

void go_det_set_worker(go_m *m) { det_m = m; }

/* ---- the run queue */

static void runq_grow(void)
{
    size_t ncap = det_cap ? det_cap * 2 : 1024;
    void *p = det_runq ? mremap(det_runq, det_cap * sizeof *det_runq, ncap * sizeof *det_runq, MREMAP_MAYMOVE)
                       : mmap(NULL, ncap * sizeof *det_runq, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                              -1, 0);
    if (p == MAP_FAILED)
        go_fatal("out of memory growing the deterministic run queue");
    det_runq = p;
    det_cap = ncap;
}

/* PCT's initial priorities are at least pct_depth, above every
 * change point's (1 .. depth-1); distinct with overwhelming odds. */
static void assign_prio(go_g *g)
{
    if (!g->det_prio)
        g->det_prio = (uint64_t)pct_depth + (det_rand() >> 2);
}

void go_det_put(go_g *g)
{
    if (go_cur_m() != det_m) /* a thread of the program readies g: not in our order */
        go_det_foreign_thread(go_gettid());
    golock_lock(&det_lock);
    if (det_n == det_cap)
        runq_grow();
    if (go_det_mode == GO_DET_PCT)
        assign_prio(g);
    det_runq[det_n++] = g;
    golock_unlock(&det_lock);
    go_det_kick();
}

void go_det_kick(void)
{
    if (atomic_load(&det_sleeping)) {
        atomic_store(&det_word, 1);
        go_futex_wake(&det_word, 1);
    }
}

static size_t pct_best(void)
{
    size_t best = 0;
    for (size_t i = 1; i < det_n; i++)
        if (det_runq[i]->det_prio > det_runq[best]->det_prio)
            best = i;
    return best;
}

/* det_lock held, det_n > 0. */
static go_g *runq_take(void)
{
    size_t i = det_n; /* not found */
    if (det_forced) {
        for (size_t k = 0; k < det_n; k++)
            if (det_runq[k] == det_forced)
                i = k;
        det_forced = NULL;
    }
    if (i == det_n)
        i = go_det_mode == GO_DET_PCT ? pct_best() : (size_t)det_randn(det_n);
    go_g *g = det_runq[i];
    memmove(&det_runq[i], &det_runq[i + 1], (det_n - i - 1) * sizeof *det_runq);
    det_n--;
    return g;
}

/* ---- time */

int64_t go_det_now(void)
{
    int64_t t = atomic_load_explicit(&det_clock, memory_order_relaxed);
    if (GO_REC_ON() && go_cur_m() == det_m)
        go_rec_now(t);
    return t;
}

int64_t go_det_now_quiet(void) { return atomic_load_explicit(&det_clock, memory_order_relaxed); }

/* Only the worker moves the clock, forward only. */
static void det_advance(int64_t t)
{
    if (t <= atomic_load(&det_clock))
        return;
    atomic_store(&det_clock, t);
    if (GO_REC_ON())
        go_rec_clock(t);
}

/* ---- choosing */

/* Nothing can run and no timer is armed: a deadlock unless a thread the
 * library does not run may still ready a goroutine; wait for one. */
static void det_stuck(void)
{
    go_rec_flush();
    go_check_all_asleep(); /* exits when it is a deadlock */
    atomic_store(&det_word, 0);
    atomic_store(&det_sleeping, 1);
    golock_lock(&det_lock);
    bool work = det_n > 0;
    golock_unlock(&det_lock);
    if (!work && go_timers_next() == INT64_MAX)
        go_futex_wait(&det_word, 0, 50 * 1000 * 1000);
    atomic_store(&det_sleeping, 0);
}

go_g *go_det_find_runnable(go_m *m)
{
    (void)m;
    for (;;) {
        int64_t now = atomic_load(&det_clock);
        if (go_timers_next() <= now)
            go_timers_run(now);
        golock_lock(&det_lock);
        go_g *g = det_n ? runq_take() : NULL;
        golock_unlock(&det_lock);
        if (g) {
            if (GO_REC_ON())
                go_rec_pick(g->id);
            return g;
        }
        int64_t next = go_timers_next();
        if (next != INT64_MAX) {
            det_advance(next);
            continue;
        }
        det_stuck();
    }
}

/* ---- preemption */

static bool pct_point(go_g *self)
{
    assign_prio(self);
    for (int i = 0; i < pct_depth - 1; i++)
        if (pct_change[i] == det_steps)
            self->det_prio = (uint64_t)(i + 1);
    return det_n && det_runq[pct_best()]->det_prio > self->det_prio;
}

void go_det_point_slow(void)
{
    go_g *self = go_cur_g();
    if (go_cur_m() != det_m) {
        go_det_foreign_thread(go_gettid());
        return;
    }
    if (!self)
        return;
    bool preempt;
    golock_lock(&det_lock);
    det_steps++;
    if (go_det_mode == GO_DET_PCT) {
        preempt = pct_point(self);
    } else {
        uint64_t k = det_randn(det_n + 1); /* det_n: stay */
        preempt = k < det_n;
        if (preempt)
            det_forced = det_runq[k];
    }
    golock_unlock(&det_lock);
    if (preempt)
        go_yield();
}

/* ---- descriptors */

static bool fd_poll(int fd, int mode, int timeout_ms)
{
    struct pollfd p = {.fd = fd, .events = mode == GO_PD_READ ? POLLIN : POLLOUT};
    int r;
    while ((r = poll(&p, 1, timeout_ms)) < 0 && errno == EINTR) {
    }
    return r > 0;
}

/* Whether f is ready: the poll is an input of the run (recorded, or on
 * replay read back).  It waits only when nothing else can run: for ever
 * with no timer armed, else until the next timer's virtual deadline in
 * real time (the outside world runs on real time). */
static bool det_fd_ready(go_fd *f, int mode, bool others, int64_t next)
{
    if (go_rec_mode == GO_REC_REPLAY)
        return go_rec_fd_ready(mode, false);
    int timeout_ms = -1;
    if (others)
        timeout_ms = 0;
    else if (next != INT64_MAX) {
        int64_t left = next - atomic_load(&det_clock);
        timeout_ms = left <= 0 ? 0 : left / 1000000 > 60000 ? 60000 : (int)(left / 1000000) + 1;
    }
    bool ready = fd_poll(f->fd, mode, timeout_ms);
    if (GO_REC_ON())
        go_rec_fd_ready(mode, ready);
    return ready;
}

int go_det_fd_wait(go_fd *f, int mode, void *pc)
{
    (void)pc;
    for (;;) {
        int err = go_pd_err_locked(f, mode);
        if (err)
            return err;
        golock_lock(&det_lock);
        bool others = det_n > 0;
        golock_unlock(&det_lock);
        int64_t next = go_timers_next();
        golock_unlock(&f->lock);
        bool ready = det_fd_ready(f, mode, others, next);
        if (!ready && !others && next != INT64_MAX)
            det_advance(next);
        if (!ready && (others || next != INT64_MAX))
            go_yield();
        golock_lock(&f->lock);
        if (ready)
            return 0;
    }
}

/* ---- threads the library did not create */

void go_det_foreign_thread(pid_t tid)
{
    static _Atomic int warned;
    if (atomic_exchange(&warned, 1))
        return;
    fprintf(stderr,
            "gosan: %s: thread %d, which gosan did not create, called into the library; its calls run outside "
            "the deterministic schedule%s\n",
            go_rec_mode == GO_REC_RECORD ? "record" : "deterministic mode", (int)tid,
            go_rec_mode == GO_REC_RECORD ? " and a replay of this recording may diverge" : "");
}
