/* syncobj.c - the sync object pool, its meta-shadow chains and the
 * acquire/release operations.  Chains are changed and walked under one of
 * 64 striped spin locks chosen by the meta word, clocks under the object's
 * own lock; no lock is held while taking another except stripe -> none. */
#include "syncobj.h"

#include <sys/mman.h>

#include "check.h"
#include "internal_alloc.h"
#include "log.h"
#include "shadow.h"

#define POOL_MAX GOSAN_SYNC_POOL_MAX
#define STRIPES 64u

static gs_sync *pool;
static uint32_t pool_next = 1;
static uint32_t free_head;
static gs_splock pool_lock = GS_SPLOCK_INIT;
static gs_splock stripes[STRIPES];

static gs_splock *stripe_of(uint32_t *w)
{
    return &stripes[((uintptr_t)w >> 2) % STRIPES];
}

static uint32_t pool_alloc(void)
{
    gs_splock_lock(&pool_lock);
    if (!pool) {
        void *p = mmap(NULL, sizeof(gs_sync) * (size_t)POOL_MAX, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED)
            gs_die("cannot reserve the sync object pool");
        pool = p;
    }
    uint32_t i = free_head;
    if (i)
        free_head = pool[i].next;
    else if (pool_next < POOL_MAX)
        i = pool_next++;
    gs_splock_unlock(&pool_lock);
    if (!i)
        gs_die("too many sync objects (%u)", POOL_MAX);
    return i;
}

static void pool_release(uint32_t i)
{
    gs_splock_lock(&pool_lock);
    pool[i].next = free_head;
    free_head = i;
    gs_splock_unlock(&pool_lock);
}

/* A per-thread cache of recent lookups, so a program that synchronises
 * through the same few objects skips the stripe lock and chain walk.  An
 * entry is good while no object has been released since it was filled:
 * free_epoch counts releases (bumped before the object can be reused).
 * A hit can be as stale as an object returned by the locked walk and
 * freed just after, which only a use-after-free in the program causes. */
#define CACHE_SIZE 256u
typedef struct cache_ent {
    uintptr_t addr;
    uint32_t idx;
    uint32_t epoch; /* free_epoch when filled, plus one (0: empty) */
    uint8_t tag;
} cache_ent;
static uint32_t free_epoch;
static __thread cache_ent cache[CACHE_SIZE];

static inline cache_ent *cache_slot(uintptr_t addr, uint8_t tag)
{
    return &cache[((addr >> 3) ^ tag) % CACHE_SIZE];
}

static gs_sync *sync_get_slow(uintptr_t addr, uint8_t tag, bool create);

/* Which meta pages may hold a chain: one bit per meta page, hashed into a
 * fixed table (a collision only makes a page look used).  A bit is set,
 * under the stripe lock, before the first object of its page is linked,
 * and never cleared, so a clear bit means the page's words are all zero.
 * free_meta_span skips such pages without asking the kernel: a goroutine
 * stack handed to a new goroutine (64 KiB: 8 meta pages) used to cost a
 * mincore call at every spawn once anything in the stacks' 1 TiB region
 * was checked (a heap block mapped next to them), a system call per spawn
 * (spawnheavy: half its checked CPU time on a VM). */
#define USED_BITS (1u << 16)
static uint64_t meta_used[USED_BITS / 64];

static inline size_t used_bit(uintptr_t meta_page)
{
    uint64_t h = (uint64_t)(meta_page / GOSAN_PAGE_SIZE) * 0x9e3779b97f4a7c15ull;
    return (size_t)(h >> 48);
}

static void meta_page_note(const uint32_t *w)
{
    size_t b = used_bit((uintptr_t)w & ~(uintptr_t)(GOSAN_PAGE_SIZE - 1));
    uint64_t m = 1ull << (b % 64);
    if (!(__atomic_load_n(&meta_used[b / 64], __ATOMIC_RELAXED) & m))
        __atomic_fetch_or(&meta_used[b / 64], m, __ATOMIC_RELAXED);
}

static bool meta_page_used(uintptr_t meta_page)
{
    size_t b = used_bit(meta_page);
    return (__atomic_load_n(&meta_used[b / 64], __ATOMIC_RELAXED) >> (b % 64)) & 1;
}

/* The entries of s's clock that can be non-zero, for a thread that sees
 * limit n. */
static unsigned readable(const gs_sync *s, unsigned n)
{
    unsigned cap = gs_sync_clock_cap(s);
    return n < cap ? n : cap;
}

/* s's clock changed (s locked, or ordered by the caller's lock, or not
 * yet visible): a goroutine's cached version of it is stale.  0 is never
 * a version, so an empty cache entry never matches. */
static void ver_bump(gs_sync *s)
{
    uint32_t v = __atomic_load_n(&s->ver, __ATOMIC_RELAXED) + 1;
    __atomic_store_n(&s->ver, v ? v : 1, __ATOMIC_RELEASE);
}

/* Empties s's clock, if it has one (s locked or not yet visible). */
static void clock_zero(gs_sync *s)
{
    ver_bump(s);
    if (s->clk)
        gs_ep_zero(s->clk, readable(s, gs_vc_limit_now()));
}

gs_sync *gs_sync_get(uintptr_t addr, uint8_t tag, bool create)
{
    uint32_t epoch = __atomic_load_n(&free_epoch, __ATOMIC_ACQUIRE) + 1;
    cache_ent *e = cache_slot(addr, tag);
    if (e->epoch == epoch && e->addr == addr && e->tag == tag)
        return &pool[e->idx];
    gs_sync *s = sync_get_slow(addr, tag, create);
    if (s) { /* a signal handler on this thread must not see half an entry */
        e->epoch = 0;
        __atomic_signal_fence(__ATOMIC_SEQ_CST);
        e->addr = addr;
        e->tag = tag;
        e->idx = (uint32_t)(s - pool);
        __atomic_signal_fence(__ATOMIC_SEQ_CST);
        e->epoch = epoch;
    }
    return s;
}

static gs_sync *sync_get_slow(uintptr_t addr, uint8_t tag, bool create)
{
    uint32_t *w = create ? gs_meta_word(addr) : gs_meta_word_if_mapped(addr);
    if (!w)
        return NULL;
    if (!create && !__atomic_load_n(w, __ATOMIC_RELAXED))
        return NULL;
    gs_splock *l = stripe_of(w);
    gs_splock_lock(l);
    for (uint32_t i = *w; i; i = pool[i].next)
        if (pool[i].addr == addr && pool[i].tag == tag) {
            gs_splock_unlock(l);
            return &pool[i];
        }
    gs_sync *s = NULL;
    if (create) {
        uint32_t i = pool_alloc();
        s = &pool[i];
        s->addr = addr;
        s->tag = tag;
        s->gen = 0;
        clock_zero(s);
        s->next = *w;
        meta_page_note(w); /* before the link: whoever sees the link sees the bit */
        __atomic_store_n(w, i, __ATOMIC_RELEASE);
    }
    gs_splock_unlock(l);
    return s;
}

/* Drops the objects of one meta word's chain whose address is in
 * [addr, end). */
static void free_chain_range(uint32_t *w, uintptr_t addr, uintptr_t end)
{
    gs_splock *l = stripe_of(w);
    gs_splock_lock(l);
    uint32_t prev = 0; /* 0: the meta word itself links i */
    for (uint32_t i = *w, nx; i; i = nx) {
        nx = pool[i].next;
        if (pool[i].addr >= addr && pool[i].addr < end) {
            if (prev)
                pool[prev].next = nx;
            else
                *w = nx;
            __atomic_add_fetch(&free_epoch, 1, __ATOMIC_RELEASE);
            pool_release(i);
        } else {
            prev = i;
        }
    }
    gs_splock_unlock(l);
}

/* Meta words [w, we) of one region: chains only where a word is non-zero.
 * Pages no object was ever linked in (meta_used) are skipped unread; when
 * more than a few others remain, the kernel is first asked which of them
 * were ever touched: an untouched page holds no chain, and reading it
 * would fault in the zero page (freeing an 8 MB array used to read 4 MB
 * of meta shadow).  A meta page swapped out would be skipped too and keep
 * its objects: a stale clock at a reused address can only add an ordering
 * (a missed race, never a false one), and checker runs are not expected to
 * swap. */
static void free_meta_span(uint32_t *w, uint32_t *we, uintptr_t addr, uintptr_t end)
{
    const uintptr_t page = GOSAN_PAGE_SIZE;
    uintptr_t lo = (uintptr_t)w & ~(page - 1), hi = ((uintptr_t)we + page - 1) & ~(page - 1);
    size_t npages = (hi - lo) / page;
    unsigned char vec[256];
    for (size_t p0 = 0; p0 < npages; p0 += sizeof vec) {
        size_t n = npages - p0 < sizeof vec ? npages - p0 : sizeof vec;
        size_t used = 0;
        for (size_t k = 0; k < n; k++)
            used += meta_page_used(lo + (p0 + k) * page);
        if (!used)
            continue; /* no chain was ever linked in these pages */
        bool known = used > 4 && mincore((void *)(lo + p0 * page), n * page, vec) == 0;
        for (size_t k = 0; k < n; k++) {
            if (!meta_page_used(lo + (p0 + k) * page) || (known && !(vec[k] & 1)))
                continue;
            uint32_t *a = (uint32_t *)(lo + (p0 + k) * page), *b = a + page / sizeof *a;
            if (a < w)
                a = w;
            if (b > we)
                b = we;
            for (; a < b; a++)
                if (__atomic_load_n(a, __ATOMIC_RELAXED))
                    free_chain_range(a, addr, end);
        }
    }
}

void gs_sync_free_range(uintptr_t addr, size_t size)
{
    uintptr_t end = addr + size;
    for (uintptr_t a = addr & ~(uintptr_t)7; a < end;) {
        uintptr_t rend = ((a >> GS_REGION_BITS) + 1) << GS_REGION_BITS;
        uintptr_t chunk_end = end < rend ? end : rend;
        uint32_t *w = gs_meta_word_if_mapped(a);
        if (w) /* an unmapped region has no chains */
            free_meta_span(w, w + ((chunk_end - a + 7) >> 3), addr, end);
        a = chunk_end;
    }
}

void gs_thr_ready_sync(gs_thr *t)
{
    gs_thr_sync_gen(t);
    if (!t->sid)
        gs_slot_attach(t);
}

void gs_thr_acquire_clock(gs_thr *t, const gs_epoch *c, unsigned n)
{
    uint32_t sid = t->sid;
    if (!sid) {
        gs_ep_join(t->clk.e, c, n);
        return;
    }
    gs_epoch own = t->clk.e[sid], x = sid < n ? c[sid] : 0;
    /* Only t makes epochs of its slot from t->start on: nobody can have
     * seen one later than t's own.  x >= start: c has seen one of t's own
     * releases, and a join keeps only the larger epoch, so c no longer
     * says how much of the earlier owners' events came with it (an
     * owner's release, then another goroutine's acquire from t and
     * release into c).  Every other holder of such an epoch counts all of
     * them as known (docs/race.md); t, acquiring the same clock, must too,
     * else it reports the earlier owner's accesses it is ordered after. */
    GS_DCHECK(x <= own && n <= GS_SLOTS);
    gs_ep_join(t->clk.e, c, n);
    t->clk.e[sid] = own;
    gs_epoch learned = x < t->start ? x : t->start - 1;
    if (learned > t->k)
        t->k = learned;
}

/* Whether s holds a clock of the current generation (s locked); a clock of
 * an older one is zeroed on the way. */
static bool sync_current(gs_sync *s)
{
    uint32_t gen = __atomic_load_n(&gs_gen, __ATOMIC_ACQUIRE);
    if (s->gen == gen)
        return s->clk != NULL;
    s->gen = gen;
    clock_zero(s);
    return false;
}

void gs_sync_acquire_locked(gs_thr *t, gs_sync *s)
{
    if (sync_current(s))
        gs_thr_acquire_clock(t, s->clk, readable(s, gs_vc_limit_now()));
}

void gs_sync_join_into_locked(gs_sync *s, gs_vclock *dst)
{
    if (sync_current(s))
        gs_ep_join(dst->e, s->clk, readable(s, gs_vc_limit_now()));
}

/* s's clock, able to hold n entries (s locked, current): inline while n
 * fits, else moved out to a full clock. */
static gs_epoch *sync_clock_for(gs_sync *s, unsigned n)
{
    if (!s->clk) {
        s->clk = s->small;
        gs_ep_zero(s->small, GS_SYNC_INLINE);
    }
    if (n > GS_SYNC_INLINE && s->clk == s->small) {
        gs_vclock *full = gs_calloc(1, sizeof(gs_vclock));
        gs_ep_copy(full->e, s->small, GS_SYNC_INLINE);
        s->clk = full->e;
    }
    return s->clk;
}

void gs_sync_release_clock_locked(gs_sync *s, const gs_vclock *c, bool store)
{
    sync_current(s);
    unsigned n = gs_vc_limit_now();
    gs_epoch *d = sync_clock_for(s, n); /* holds n entries now */
    ver_bump(s);
    GS_DCHECK(n <= gs_sync_clock_cap(s));
    if (store)
        gs_ep_copy(d, c->e, n);
    else
        gs_ep_join(d, c->e, n);
}

void gs_sync_release_locked(gs_thr *t, gs_sync *s, bool store)
{
    gs_sync_release_clock_locked(s, &t->clk, store);
}

/* Not analysed: the lock is conditional (`serial`: the caller's lock orders). */
GS_NO_THREAD_SAFETY_ANALYSIS void gs_sync_at(gs_thr *t, uintptr_t addr, uint8_t tag, gs_sync_op op, bool serial)
{
    gs_sync *s = gs_sync_get(addr, tag, op != GS_SYNC_OP_ACQUIRE);
    if (!s)
        return;
    gs_thr_ready_sync(t);
    uint32_t idx = (uint32_t)(s - pool);
    /* Without the lock: a release this acquire is ordered after changed
     * the version before the program's own synchronisation let us here. */
    if (op == GS_SYNC_OP_ACQUIRE &&
        gs_acq_known(&t->acq, t->gen, t->sid, idx, __atomic_load_n(&s->ver, __ATOMIC_ACQUIRE)))
        return;
    if (!serial)
        gs_splock_lock(&s->lock);
    bool known; /* s's clock <= t's after this operation */
    if (op == GS_SYNC_OP_ACQUIRE || op == GS_SYNC_OP_RELEASE_ACQUIRE) {
        gs_sync_acquire_locked(t, s);
        known = true;
    } else {
        known = op == GS_SYNC_OP_RELEASE_STORE || gs_acq_known(&t->acq, t->gen, t->sid, idx, s->ver);
    }
    if (op != GS_SYNC_OP_ACQUIRE)
        gs_sync_release_locked(t, s, op != GS_SYNC_OP_RELEASE);
    if (known)
        gs_acq_note(&t->acq, t->gen, t->sid, idx, s->ver);
    if (!serial)
        gs_splock_unlock(&s->lock);
    if (op != GS_SYNC_OP_ACQUIRE)
        gs_thr_tick(t);
}
