/* pprof_contention.c - the mutex and block profiles (Go's
 * SetMutexProfileFraction and SetBlockProfileRate).
 *
 * mutex: an unlock that wakes a waiter of a go_mutex (or a go_rwmutex's
 * writer lock) is, 1 time in `rate` on average, recorded with the
 * unlocker's stack and the time the woken waiter waited; values are scaled
 * by rate, as Go's are, so the profile estimates the whole.
 * block: a goroutine that parked on a channel, select, mutex, wait group
 * or condition variable records its own stack and the time parked when it
 * resumes; an event shorter than `rate` ns is kept with probability
 * delay/rate and then counts for rate/delay events of rate ns.
 *
 * Records live in a fixed mmap'd table under one lock (no malloc: the
 * hooks run inside the primitives, maybe under the checker); a full table
 * drops new stacks, counted in the profile's "dropped" sample.  Both
 * profiles are off (a load and a branch per event) until a rate is set.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "pprof.h"

_Atomic int go_pprof_mutex_rate;
_Atomic int64_t go_pprof_block_rate;

#define REC_FRAMES 32
#define TABLE_SIZE 4096 /* a power of two */

typedef struct rec {
    uint64_t hash;
    uint32_t npcs;
    int64_t count, delay;
    uintptr_t pcs[REC_FRAMES];
} rec;

typedef struct table {
    golock lock;
    rec *recs;
    int64_t dropped;
} table;

static table mutex_tab, block_tab;

static uint32_t rand_next(void)
{
    static _Atomic uint64_t state = 0x9e3779b97f4a7c15ull;
    uint64_t x = atomic_fetch_add_explicit(&state, 0x9e3779b97f4a7c15ull, memory_order_relaxed);
    x ^= x >> 31;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 29;
    return (uint32_t)x;
}

/* The calling goroutine's stack from its caller of the library on. */
static __attribute__((noinline)) size_t here(uintptr_t *out, size_t max)
{
    go_g *g = go_cur_g();
    if (!g || !g->stack_hi)
        return 0;
    void *raw[PP_MAX_FRAMES];
    const char *fp = __builtin_frame_address(0);
    size_t n = go_hooks_fp_chain(fp, g->stack_lo ? g->stack_lo : fp, g->stack_hi, raw, PP_MAX_FRAMES);
    return go_pprof_user_frames(raw, n, false, true, g->is_main, out, max);
}

static void record(table *t, int64_t count, int64_t delay)
{
    uintptr_t pcs[REC_FRAMES];
    size_t n = here(pcs, REC_FRAMES);
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ pcs[i]) * 0x100000001b3ull;
    h |= 1;
    golock_lock(&t->lock);
    if (!t->recs) {
        void *p = mmap(NULL, TABLE_SIZE * sizeof(rec), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        t->recs = p == MAP_FAILED ? NULL : p;
    }
    rec *r = NULL;
    for (uint32_t i = 0; t->recs && i < TABLE_SIZE; i++) {
        rec *c = &t->recs[(h + i) & (TABLE_SIZE - 1)];
        if (!c->hash || (c->hash == h && c->npcs == n && memcmp(c->pcs, pcs, n * sizeof *pcs) == 0)) {
            r = c;
            break;
        }
    }
    if (r) {
        if (!r->hash) {
            r->hash = h;
            r->npcs = (uint32_t)n;
            memcpy(r->pcs, pcs, n * sizeof *pcs);
        }
        r->count += count;
        r->delay += delay;
    } else {
        t->dropped += count;
    }
    golock_unlock(&t->lock);
}

void go_pprof_mutex_event(int64_t since)
{
    int rate = atomic_load_explicit(&go_pprof_mutex_rate, memory_order_relaxed);
    if (rate <= 0 || (rate > 1 && rand_next() % (uint32_t)rate != 0))
        return;
    int64_t delay = go_now() - since;
    record(&mutex_tab, rate, (delay > 0 ? delay : 0) * rate);
}

void go_pprof_block_event(int64_t since)
{
    int64_t rate = atomic_load_explicit(&go_pprof_block_rate, memory_order_relaxed);
    if (rate <= 0)
        return;
    int64_t delay = go_now() - since;
    if (delay <= 0)
        delay = 1;
    if (delay >= rate) {
        record(&block_tab, 1, delay);
        return;
    }
    if ((int64_t)(rand_next() % (uint64_t)rate) >= delay)
        return;
    record(&block_tab, (rate + delay / 2) / delay, rate);
}

void gosan_set_mutex_profile_fraction(int rate)
{
    if (rate >= 0)
        atomic_store(&go_pprof_mutex_rate, rate);
}

void gosan_set_block_profile_rate(int64_t ns)
{
    atomic_store(&go_pprof_block_rate, ns > 0 ? ns : 0);
}

static const char *const contention_types[][2] = {{"contentions", "count"}, {"delay", "nanoseconds"}};
static const char *const contention_period[2] = {"contentions", "count"};

int go_pprof_write_contention(bool mutex, int fd, int debug)
{
    table *t = mutex ? &mutex_tab : &block_tab;
    pp_profile *p = go_pp_new(2, contention_types, contention_period, 1);
    if (!p)
        return GO_ENOMEM;
    golock_lock(&t->lock);
    bool ok = true;
    for (uint32_t i = 0; t->recs && i < TABLE_SIZE && ok; i++) {
        rec *r = &t->recs[i];
        if (!r->hash)
            continue;
        int64_t vals[2] = {r->count, r->delay};
        ok = go_pp_add(p, r->pcs, r->npcs, NULL, 0, vals);
    }
    golock_unlock(&t->lock);
    int rc = ok ? 0 : GO_ENOMEM;
    if (!rc && debug == 0) {
        rc = go_pp_write_proto(p, fd, go_pp_wall_ns(), 0);
    } else if (!rc) {
        size_t n = 0;
        pp_entry **v = go_pp_entries(p, &n);
        if (!v) {
            go_pp_free(p);
            return GO_ENOMEM;
        }
        pp_out *o = malloc(sizeof *o);
        if (!o) {
            free(v);
            go_pp_free(p);
            return GO_ENOMEM;
        }
        o->fd = fd;
        o->len = 0;
        o->failed = false;
        /* Go's legacy text: cycles are nanoseconds here */
        go_pp_printf(o, "--- %s:\ncycles/second=1000000000\n", mutex ? "mutex" : "contention");
        if (mutex)
            go_pp_printf(o, "sampling period=%d\n", atomic_load(&go_pprof_mutex_rate));
        for (size_t i = 0; i < n; i++) {
            go_pp_printf(o, "%lld %lld @", (long long)v[i]->vals[1], (long long)v[i]->vals[0]);
            for (size_t k = 0; k < v[i]->npcs; k++)
                go_pp_printf(o, " %#lx", (unsigned long)v[i]->pcs[k]);
            go_pp_printf(o, "\n");
            go_pp_text_stack(o, v[i]->pcs, v[i]->npcs);
        }
        rc = go_pp_flush(o) ? 0 : GO_ECLOSED;
        free(o);
        free(v);
    }
    go_pp_free(p);
    return rc;
}
