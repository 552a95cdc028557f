/* stacks.c - goroutine stacks: mmap'd in slabs, pooled, overflow-checked.
 *
 * One stack slot of go_sched.stack_size bytes is laid out, low to high:
 *   [guard page, PROT_NONE, when guarded][usable stack ...][the go_g, at the top]
 * Slots are carved from slabs of STACKS_PER_SLAB, one mmap each, so a
 * million goroutines need about 16k mappings, not a million.  A guard page
 * splits its slab's mapping in two, so only the first stacks (a quarter of
 * vm.max_map_count) get one.  Every stack, guarded or not, is protected by
 * the frame check gosan-cc compiles into each function (-fsplit-stack, the
 * limit is go_stack_probe_limit, the handler arch/morestack_x86_64.S); code
 * compiled without it is caught by the guard page, or, on an unguarded
 * stack, through its saved stack pointer at the next switch
 * (go_stack_check); see there for why not a canary.
 *
 * Memory is reserved with MAP_NORESERVE: only the pages a goroutine touches
 * cost RAM (typically one).  Freed stacks go to the warm pool; the monitor
 * calls go_stacks_trim now and then, which returns the pages of stacks
 * beyond POOL_WARM to the kernel and moves them to the cold pool.  Trimming
 * stays off the spawn/exit path: a madvise per exit costs a TLB shootdown.
 *
 * Each worker keeps up to STACK_CACHE_MAX free stacks of its own
 * (go_m.stack_cache, used only by its thread: spawns and exits run on their
 * worker's thread and nothing preempts them there), refilled from and
 * spilled to the global pool STACK_CACHE_BATCH at a time: with one global
 * lock per spawn and per exit, that lock's cache line was a hot spot of
 * spawn-heavy programs on two processors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "g.h"

#define STACKS_PER_SLAB 64
#define POOL_WARM 1024
#define DEFAULT_STACK_SIZE (64 * 1024)
#define MIN_STACK_SIZE (16 * 1024)
/* Go's own limit; a slab of 64 such stacks is 64 GiB of address space. */
#define MAX_STACK_SIZE (1024 * 1024 * 1024)

#define TRIM_BATCH 256
#define STACK_CACHE_MAX 32
#define STACK_CACHE_BATCH 16

static golock pool_lock;
static go_g *pool;      /* warm: pages likely resident */
static size_t pool_count;
static go_g *cold;      /* trimmed: pages given back */
static size_t page_size;
static long guards_left = -1;

static size_t round_up(size_t n, size_t a) { return (n + a - 1) / a * a; }

/* GOSAN_STACK_SIZE: decimal digits with an optional k, m or g suffix (either
 * case, powers of 1024), nothing else.  Returns false on any other text or
 * on a value that does not fit in size_t; the range is checked apart. */
static bool parse_size(const char *s, size_t *out)
{
    if (*s < '0' || *s > '9')
        return false; /* strtoull would take a sign or leading space */
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno == ERANGE)
        return false;
    unsigned shift = 0;
    switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: break;
    }
    if (*end || v > (SIZE_MAX >> shift))
        return false;
    *out = (size_t)v << shift;
    return true;
}

static long read_max_map_count(void)
{
    FILE *f = fopen("/proc/sys/vm/max_map_count", "r");
    long v = 65530;
    if (f) {
        if (fscanf(f, "%ld", &v) != 1)
            v = 65530;
        fclose(f);
    }
    return v;
}

/* Called once from go_sched_init_slow. */
void go_stacks_init(void)
{
    page_size = (size_t)sysconf(_SC_PAGESIZE);
    size_t size = DEFAULT_STACK_SIZE;
    const char *env = getenv("GOSAN_STACK_SIZE");
    if (env && *env) {
        size_t v = 0;
        const char *why = NULL;
        if (!parse_size(env, &v))
            why = "is not a size (digits with an optional k, m or g suffix)";
        else if (v < MIN_STACK_SIZE)
            why = "is too small";
        else if (v > MAX_STACK_SIZE)
            why = "is too large";
        if (why) {
            fprintf(stderr, "gosan: GOSAN_STACK_SIZE=%s %s: want %d KiB to %d MiB; using %d KiB\n", env, why,
                    MIN_STACK_SIZE / 1024, MAX_STACK_SIZE / (1024 * 1024), DEFAULT_STACK_SIZE / 1024);
            v = DEFAULT_STACK_SIZE;
        }
        size = v;
    }
    go_sched.stack_size = round_up(size, page_size);
    guards_left = read_max_map_count() / 4;
}

static void slot_init(go_g *g, char *lo, size_t size, bool guarded)
{
    g->map_lo = lo;
    g->map_size = size;
    g->guarded = guarded;
    g->stack_lo = lo + (guarded ? page_size : 0);
    g->stack_hi = (char *)((uintptr_t)g & ~(uintptr_t)63);
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14; older kernels refuse it and we fault instead */
#endif

/* Commits the page holding a stack's go_g (also the stack's first page in
 * use) with one system call instead of a page fault at first touch: on this
 * VM a fault costs about a third more than the populate, and every goroutine
 * touches that page (1M blocked goroutines: 16.8 -> 12.8 us each to spawn). */
static void populate_page(void *p)
{
    madvise((void *)((uintptr_t)p & ~(uintptr_t)(page_size - 1)), page_size, MADV_POPULATE_WRITE);
}

/* Carves a new slab into the pool; returns false when mmap fails. */
static bool slab_new(void)
{
    size_t size = go_sched.stack_size;
    size_t gsz = round_up(sizeof(go_g), 64);
    char *slab = mmap(NULL, size * STACKS_PER_SLAB, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (slab == MAP_FAILED)
        return false;
    /* Small pages only: with transparent huge pages a first touch could
     * commit 2 MiB for 32 stacks, and a read of an untouched bottom word
     * would cost a page instead of mapping the shared zero page. */
    madvise(slab, size * STACKS_PER_SLAB, MADV_NOHUGEPAGE);
    for (int i = STACKS_PER_SLAB - 1; i >= 0; i--) {
        char *lo = slab + (size_t)i * size;
        bool guarded = false;
        if (__atomic_load_n(&guards_left, __ATOMIC_RELAXED) > 0 && mprotect(lo, page_size, PROT_NONE) == 0) {
            __atomic_fetch_sub(&guards_left, 1, __ATOMIC_RELAXED);
            guarded = true;
        }
        go_g *g = (go_g *)(lo + size - gsz);
        populate_page(g);
        slot_init(g, lo, size, guarded);
        g->pool_next = cold; /* untouched pages: cold */
        cold = g;
    }
    return true;
}

/* The worker whose cache the calling thread may use, or NULL. */
static go_m *cache_owner(void)
{
    go_m *m = go_cur_m();
    return m && !m->foreign ? m : NULL;
}

/* One stack from the global pools (warm first), or NULL; pool_lock held. */
static go_g *pool_take_locked(void)
{
    go_g *g = pool;
    if (g) {
        pool = g->pool_next;
        pool_count--;
        return g;
    }
    if (!cold && !slab_new())
        return NULL;
    g = cold;
    cold = g->pool_next;
    return g;
}

/* Moves up to STACK_CACHE_BATCH warm stacks into m's cache and returns
 * one more for the caller (warm or cold), or NULL when out of memory. */
static go_g *cache_refill(go_m *m)
{
    golock_lock(&pool_lock);
    while (pool && pool->pool_next && m->stack_cache_n < STACK_CACHE_BATCH) {
        go_g *g = pool;
        pool = g->pool_next;
        pool_count--;
        g->pool_next = m->stack_cache;
        m->stack_cache = g;
        m->stack_cache_n++;
    }
    go_g *g = pool_take_locked();
    golock_unlock(&pool_lock);
    return g;
}

static void cache_spill(go_m *m)
{
    golock_lock(&pool_lock);
    while (m->stack_cache_n > STACK_CACHE_MAX - STACK_CACHE_BATCH) {
        go_g *g = m->stack_cache;
        m->stack_cache = g->pool_next;
        m->stack_cache_n--;
        g->pool_next = pool;
        pool = g;
        pool_count++;
    }
    golock_unlock(&pool_lock);
}

go_g *go_stack_get(void)
{
    go_m *m = cache_owner();
    go_g *g;
    if (m && m->stack_cache) {
        g = m->stack_cache;
        m->stack_cache = g->pool_next;
        m->stack_cache_n--;
    } else if (m) {
        g = cache_refill(m);
    } else {
        golock_lock(&pool_lock);
        g = pool_take_locked();
        golock_unlock(&pool_lock);
    }
    if (!g)
        return NULL;

    char *lo = g->map_lo, *slo = g->stack_lo, *shi = g->stack_hi;
    size_t msz = g->map_size;
    bool guarded = g->guarded;
    void *fiber = g->fiber; /* TSan fibers live as long as their descriptor (fiber.c) */
    memset(g, 0, sizeof *g);
    g->map_lo = lo;
    g->map_size = msz;
    g->guarded = guarded;
    g->stack_lo = slo;
    g->stack_hi = shi;
    g->fiber = fiber;
    return g;
}

void go_stack_put(go_g *g)
{
    go_m *m = cache_owner();
    if (m) {
        g->pool_next = m->stack_cache;
        m->stack_cache = g;
        if (++m->stack_cache_n > STACK_CACHE_MAX)
            cache_spill(m);
        return;
    }
    golock_lock(&pool_lock);
    g->pool_next = pool;
    pool = g;
    pool_count++;
    golock_unlock(&pool_lock);
}

/* Gives back the pages of warm stacks beyond POOL_WARM, a batch at a time so
 * spawners never wait on the lock for long.  Returns how many it trimmed. */
size_t go_stacks_trim(void)
{
    size_t total = 0;
    for (;;) {
        go_g *batch = NULL;
        size_t n = 0;
        golock_lock(&pool_lock);
        while (pool_count > POOL_WARM && n < TRIM_BATCH) {
            go_g *g = pool;
            pool = g->pool_next;
            pool_count--;
            g->pool_next = batch;
            batch = g;
            n++;
        }
        golock_unlock(&pool_lock);
        if (!n)
            return total;
        go_g *last = batch;
        for (go_g *g = batch; g; g = g->pool_next) {
            /* Keep the go_g's page; the rest reads as zeroes afterwards. */
            uintptr_t lo = (uintptr_t)g->stack_lo;
            uintptr_t hi = (uintptr_t)g->stack_hi & ~(uintptr_t)(page_size - 1);
            if (hi > lo)
                madvise((void *)lo, hi - lo, MADV_DONTNEED);
            last = g;
        }
        golock_lock(&pool_lock);
        last->pool_next = cold;
        cold = batch;
        golock_unlock(&pool_lock);
        total += n;
    }
}

/* Unguarded stacks: a saved stack pointer in the last STACK_RED_ZONE bytes
 * means the goroutine ran into its limit.  A check of the bottom word (a
 * canary, or a word that must stay zero) would catch overflows that have
 * returned since, but reading it costs a resident page per goroutine here
 * (measured: 7 KiB instead of 4 KiB per blocked goroutine), which is what
 * a million goroutines cannot afford.  Guarded stacks fault instead, and
 * code compiled by gosan-cc checks its frame on entry (arch/morestack_x86_64.S),
 * so this catches only code compiled without that check. */
#define STACK_RED_ZONE 256
void go_stack_check(go_g *g, bool exiting)
{
    (void)exiting;
    if (!g->map_lo || g->guarded)
        return;
    if (__builtin_expect((char *)g->sp < g->stack_lo + STACK_RED_ZONE, 0)) {
        char what[64];
        snprintf(what, sizeof what, "(sp %p at a switch)", g->sp);
        go_stack_overflow_die(g, what);
    }
}

/* How far below the stack pointer a faulting access may be and still be the
 * function's own: the 128-byte red zone and a push, with room to spare. */
#define FAULT_BELOW_SP 256

bool go_stack_fault_is_overflow(const go_g *g, const char *addr, const char *sp)
{
    if (!g || !g->map_lo || addr >= g->stack_lo)
        return false;
    /* The guard page itself. */
    if (g->guarded && addr >= g->map_lo)
        return true;
    /* Anywhere below the stack, at the faulting code's own stack pointer
     * (a frame that jumped past the guard, or past the slots below an
     * unguarded stack, to unmapped or protected memory), while that stack
     * pointer is this goroutine's and not, say, g0's in a switch. */
    return sp < g->stack_hi && addr + FAULT_BELOW_SP >= sp;
}

/* The -fsplit-stack prologue of a function compiled by gosan-cc found its
 * frame would cross go_stack_probe_limit; runs on morestack's emergency
 * stack.  sp is the function's stack pointer at entry. */
__attribute__((visibility("hidden"), noreturn, used)) void go_stack_overflow_probed(char *sp, size_t frame);
void go_stack_overflow_probed(char *sp, size_t frame)
{
    char what[96];
    snprintf(what, sizeof what, "(a frame of %zu bytes at sp %p)", frame, (void *)sp);
    go_stack_overflow_die(go_cur_g(), what);
}

/* Goroutine 1 and adopted threads run on their own thread's stack; their go_g
 * comes from here (mmap'd, never malloc'd, recycled through a free list). */
static go_g *static_free;
static golock static_lock;

go_g *go_g_alloc_static(void)
{
    golock_lock(&static_lock);
    go_g *g = static_free;
    if (g) {
        static_free = g->pool_next;
    } else {
        size_t n = GOSAN_PAGE_SIZE / sizeof(go_g);
        go_g *chunk = mmap(NULL, n * sizeof(go_g), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (chunk == MAP_FAILED) {
            golock_unlock(&static_lock);
            return NULL;
        }
        for (size_t i = 1; i < n; i++) {
            chunk[i].pool_next = static_free;
            static_free = &chunk[i];
        }
        g = &chunk[0];
    }
    golock_unlock(&static_lock);
    memset(g, 0, sizeof *g);
    return g;
}

void go_g_free_static(go_g *g)
{
    golock_lock(&static_lock);
    g->pool_next = static_free;
    static_free = g;
    golock_unlock(&static_lock);
}

/* fork.c: the pools' locks across fork() (phase 0 prepare, 1 parent,
 * 2 child), so the child never inherits one held by a vanished thread. */
void go_stacks_fork(int phase)
{
    if (phase == 0) {
        golock_lock(&pool_lock);
        golock_lock(&static_lock);
        return;
    }
    golock_unlock(&static_lock);
    golock_unlock(&pool_lock);
}
