/* reachability.c - partial deadlocks by reachability (see reachability.h).
 *
 * Memory the scan knows: the writable PT_LOAD segments of every loaded
 * module (the globals: always reachable), the live heap blocks (heap_map.h) and
 * the goroutine stacks of the snapshot.  Every aligned word of a reached
 * region that points into a heap block or a stack reaches it; a pointer
 * into a stack reaches that whole stack (its frames have no known bounds).
 * An object the scan knows nothing about (user mmap, TLS) counts as
 * reachable, so only memory the scan fully sees can make a goroutine stuck.
 *
 * Everything needed while the world is stopped (region tables, mark bits,
 * the work list) is allocated beforehand in prepare; nothing here locks or
 * allocates between stop and start.
 */
#include "reachability.h"

#include <link.h>

#include "clock.h"
#include "flags.h"
#include "log.h"
#include "report.h"
#include "str.h"
#include "heap_map.h"
#include "heapsort.h"
#include "internal_alloc.h"
#include "held_locks.h"
#include "spinlock.h"
#include "suppress.h"
#include "thread_state.h"

#define REACH_MAX_GLOBALS 512
#define REACH_MAX_BLOCKERS 8 /* a mutex wait with more goroutines to wait for counts as able to run */
#define REACH_MAX_LOOKUPS (1u << 22) /* id lookups per scan for mutex waits; beyond, they may run */
#define REACH_MAX_STACK (1ul << 30) /* no real stack is larger */

typedef struct reach_range {
    uintptr_t lo, hi;
    bool libc; /* holds glibc malloc's arena (see skip_chunk_link) */
} reach_range;

typedef struct reach_state {
    reach_range globals[REACH_MAX_GLOBALS];
    size_t nglobals;
    gs_heap_block *blk;     /* sorted by base */
    uint8_t *blk_mark;
    uintptr_t *blk_from;    /* verbosity>=3: the word that first reached each block */
    size_t nblk, capblk;
    bool blk_overflow;
    int64_t *work;          /* >= 0: heap block index; < 0: ~goroutine index */
    uint32_t *blockers;     /* per goroutine, REACH_MAX_BLOCKERS snapshot indices */
    uint8_t *nblockers;     /* 0: not a mutex wait decided here */
    uint8_t *handoff;       /* per goroutine: its mutex may be unlocked by others than its blockers */
    size_t capg;
    size_t nwork, capwork;
    uintptr_t lo, hi;       /* bounds of every heap block and stack */
    gs_gset *s;
    size_t nstacks;
    const char *gave_up;    /* why the last stopped attempt gave up (verbosity) */
    uint64_t gave_up_g;
} reach_state;

/* ---- preparation, world running */

static int collect_module(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    reach_state *r = arg;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_W) || r->nglobals == REACH_MAX_GLOBALS)
            continue;
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
        bool libc = info->dlpi_name && gs_strstr(info->dlpi_name, "/libc.so");
        r->globals[r->nglobals++] = (reach_range){lo & ~(uintptr_t)7, lo + ph->p_memsz, libc};
    }
    return 0;
}

static void reach_prepare(gs_gset *s, void *arg, int retry)
{
    reach_state *r = arg;
    gs_free(r->blk);
    gs_free(r->blk_mark);
    gs_free(r->blk_from);
    gs_free(r->work);
    size_t live = gs_heap_live_blocks();
    r->capblk = (live + live / 4 + 1024) << retry;
    r->blk = gs_alloc(r->capblk * sizeof(*r->blk));
    r->blk_mark = gs_alloc(r->capblk);
    r->blk_from = gs_flags.verbosity >= 3 ? gs_alloc(r->capblk * sizeof(*r->blk_from)) : NULL;
    r->capwork = r->capblk + s->cap;
    r->work = gs_alloc(r->capwork * sizeof(*r->work));
    gs_free(r->blockers);
    gs_free(r->nblockers);
    gs_free(r->handoff);
    r->capg = s->cap;
    r->blockers = gs_alloc(s->cap * REACH_MAX_BLOCKERS * sizeof(*r->blockers));
    r->nblockers = gs_alloc(s->cap);
    r->handoff = gs_alloc(s->cap);
    r->nglobals = 0;
    dl_iterate_phdr(collect_module, r);
}

/* ---- the stopped world: regions */

static bool collect_block(const gs_heap_block *b, void *arg)
{
    reach_state *r = arg;
    if (r->nblk == r->capblk) {
        r->blk_overflow = true;
        return false;
    }
    r->blk[r->nblk++] = *b;
    return true;
}

/* The sorts below run with the world stopped: gs_heapsort, not qsort. */
static bool block_before(const void *a, const void *b, const void *ctx)
{
    (void)ctx;
    return ((const gs_heap_block *)a)->base < ((const gs_heap_block *)b)->base;
}

static bool stack_before(const void *a, const void *b, const void *ctx)
{
    const gs_gsnap *g = ctx;
    return g[*(const uint32_t *)a].stack_lo < g[*(const uint32_t *)b].stack_lo;
}

/* s->order[0..k) := goroutines with a known stack, sorted by stack_lo. */
static size_t sort_stacks(gs_gset *s)
{
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->g[i].stack_hi > s->g[i].stack_lo)
            s->order[k++] = (uint32_t)i;
    gs_heapsort(s->order, k, sizeof *s->order, stack_before, s->g);
    return k;
}

static long find_block(const reach_state *r, uintptr_t v)
{
    size_t lo = 0, hi = r->nblk;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r->blk[mid].base <= v)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return -1;
    const gs_heap_block *b = &r->blk[lo - 1];
    return v - b->base < b->size ? (long)(lo - 1) : -1;
}

static long find_stack(const reach_state *r, size_t nstacks, uintptr_t v)
{
    const gs_gset *s = r->s;
    size_t lo = 0, hi = nstacks;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->g[s->order[mid]].stack_lo <= v)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return -1;
    const gs_gsnap *g = &s->g[s->order[lo - 1]];
    return v < g->stack_hi ? (long)s->order[lo - 1] : -1;
}

static bool in_globals(const reach_state *r, uintptr_t v)
{
    for (size_t i = 0; i < r->nglobals; i++)
        if (v >= r->globals[i].lo && v < r->globals[i].hi)
            return true;
    return false;
}

/* ---- marking */

static void push_stack(reach_state *r, size_t gi)
{
    gs_gsnap *g = &r->s->g[gi];
    if (g->reached || g->stack_hi <= g->stack_lo)
        return;
    g->reached = true;
    r->work[r->nwork++] = ~(int64_t)gi;
}

/* glibc's main arena (in libc's data) points at chunk headers: its top
 * chunk, its bins' free chunks.  A chunk header is the last 8 bytes of the
 * block before it whenever that block's size is 8 mod 16 (malloc lends the
 * next chunk's prev_size field to it), so such a link is no pointer to
 * that block.  Pointers the program leaves with libc (on_exit, setvbuf)
 * point at block starts and are kept. */
static bool skip_chunk_link(const gs_heap_block *b, uintptr_t v)
{
    size_t chunk = (b->size + sizeof(size_t) + 15) & ~(size_t)15;
    if (chunk < 32)
        chunk = 32;
    return v != b->base && v == b->base - 2 * sizeof(size_t) + chunk;
}

static void scan_words(reach_state *r, size_t nstacks, uintptr_t lo, uintptr_t hi, bool libc)
{
    lo = (lo + 7) & ~(uintptr_t)7;
    for (uintptr_t p = lo; p + sizeof(uintptr_t) <= hi; p += sizeof(uintptr_t)) {
        uintptr_t v = *(const uintptr_t *)p;
        if (v < r->lo || v >= r->hi)
            continue;
        long b = find_block(r, v);
        if (b >= 0) {
            if (libc && skip_chunk_link(&r->blk[b], v))
                continue;
            if (!r->blk_mark[b]) {
                r->blk_mark[b] = 1;
                if (r->blk_from)
                    r->blk_from[b] = p;
                r->work[r->nwork++] = b;
            }
            continue;
        }
        long g = find_stack(r, nstacks, v);
        if (g >= 0)
            push_stack(r, (size_t)g);
    }
}

static void drain(reach_state *r, size_t nstacks)
{
    while (r->nwork) {
        int64_t w = r->work[--r->nwork];
        if (w >= 0) {
            const gs_heap_block *b = &r->blk[w];
            scan_words(r, nstacks, b->base, b->base + b->size, false);
        } else {
            const gs_gsnap *g = &r->s->g[~w];
            scan_words(r, nstacks, g->stack_lo, g->stack_hi, false);
        }
    }
}

/* Is a primitive at p reachable?  Unknown memory counts as reachable. */
static bool obj_marked(const reach_state *r, size_t nstacks, const void *p)
{
    uintptr_t v = (uintptr_t)p;
    if (in_globals(r, v))
        return true;
    long b = find_block(r, v);
    if (b >= 0)
        return r->blk_mark[b];
    long g = find_stack(r, nstacks, v);
    if (g >= 0)
        return r->s->g[g].reached;
    return true;
}

static bool is_mutex_wait(go_wait_reason r)
{
    return r == GO_WAIT_MUTEX || r == GO_WAIT_RWMUTEX_LOCK || r == GO_WAIT_RWMUTEX_RLOCK;
}

/* A goroutine parked on a mutex waits for the goroutines that must unlock
 * it first (held_locks.h): it may run again once one of them may.  That
 * takes the locker of a mutex for its unlocker; where Go's hand-off is
 * possible (handoff[gi]: the waiter holds the mutex itself, or the mutex
 * was handed off before) any goroutine that may run and reaches the mutex
 * may unlock it too (docs/deadlock.md).  Finds them in the snapshot; false
 * when any of them is unknown (then g counts as able to run). */
static bool find_blockers(reach_state *r, gs_gset *s, size_t gi, size_t *lookups)
{
    gs_gsnap *g = &s->g[gi];
    uint64_t ids[REACH_MAX_BLOCKERS];
    bool handoff = false;
    int k = gs_mutex_blockers_try(g->wait_obj, g->reason != GO_WAIT_RWMUTEX_RLOCK, g->id, ids, REACH_MAX_BLOCKERS,
                                  &handoff);
    if (k <= 0)
        return false;
    r->handoff[gi] = handoff;
    uint32_t *out = r->blockers + gi * REACH_MAX_BLOCKERS;
    for (int j = 0; j < k; j++) {
        size_t i = 0;
        *lookups += s->n;
        if (*lookups > REACH_MAX_LOOKUPS)
            return false;
        while (i < s->n && s->g[i].id != ids[j])
            i++;
        if (i == s->n)
            return false; /* exited, or not in the list: it may still unlock */
        out[j] = (uint32_t)i;
    }
    r->nblockers[gi] = (uint8_t)k;
    g->blocker = ids[0];
    return true;
}

static bool blocker_may_run(const reach_state *r, const gs_gset *s, size_t gi)
{
    const uint32_t *b = r->blockers + gi * REACH_MAX_BLOCKERS;
    for (size_t j = 0; j < r->nblockers[gi]; j++)
        if (s->g[b[j]].root)
            return true;
    return false;
}

/* Can g go on by itself?  Only waits on primitives with a known object are
 * decided by reachability; mutex waits, sleeps, descriptor waits (the
 * world outside the process may write to the descriptor, whoever can
 * reach the go_fd) and anything unknown are roots. */
static bool is_root(const gs_gsnap *g)
{
    if (!g->self && g->state == GO_G_WAITING && is_mutex_wait(g->reason) && g->wait_obj)
        return false; /* decided by its blockers (find_blockers) */
    if (g->self || g->state != GO_G_WAITING || g->reason == GO_WAIT_IO || !gs_wait_is_primitive(g->reason))
        return true;
    switch (g->reason) {
    case GO_WAIT_CHAN_SEND_NIL:
    case GO_WAIT_CHAN_RECV_NIL:
    case GO_WAIT_SELECT_NO_CASES:
        return false;
    case GO_WAIT_SELECT:
        return g->nobjs == 0 && !g->wait_obj;
    default:
        return !g->wait_obj;
    }
}

static bool may_wake(const reach_state *r, size_t nstacks, const gs_gsnap *g)
{
    switch (g->reason) {
    case GO_WAIT_CHAN_SEND_NIL:
    case GO_WAIT_CHAN_RECV_NIL:
    case GO_WAIT_SELECT_NO_CASES:
        return false;
    case GO_WAIT_SELECT:
        for (size_t i = 0; i < g->nobjs; i++)
            if (obj_marked(r, nstacks, gs_gsnap_objs(r->s, g)[i]))
                return true;
        return g->nobjs == 0 && obj_marked(r, nstacks, g->wait_obj);
    default:
        return obj_marked(r, nstacks, g->wait_obj);
    }
}

static int reach_stopped(gs_gset *s, void *arg)
{
    reach_state *r = arg;
    r->s = s;
    r->nblk = 0;
    r->blk_overflow = false;
    bool complete = gs_heap_foreach(collect_block, r);
    r->gave_up = NULL;
    if (r->blk_overflow)
        return 1;
    if (!complete) {
        r->gave_up = "the heap registry was locked";
        return 2;
    }
    if (r->nblk + s->n > r->capwork)
        return 1;
    gs_heapsort(r->blk, r->nblk, sizeof *r->blk, block_before, NULL);
    __builtin_memset(r->blk_mark, 0, r->nblk);
    if (s->n > r->capg)
        return 1;
    size_t lookups = 0;
    for (size_t i = 0; i < s->n; i++) {
        gs_gsnap *g = &s->g[i];
        g->root = g->reached = g->stuck = false;
        g->blocker = 0;
        r->nblockers[i] = 0;
        r->handoff[i] = 0;
        g->root = is_root(g);
        if (!g->root && is_mutex_wait(g->reason) && !find_blockers(r, s, i, &lookups))
            g->root = true;
        if (g->stack_hi - g->stack_lo > REACH_MAX_STACK)
            g->stack_lo = g->stack_hi = 0; /* bounds from a confused unwind: do not read them */
        if (g->root && g->stack_hi <= g->stack_lo) {
            r->gave_up = "a goroutine that may run has no known stack";
            r->gave_up_g = g->id;
            return 2; /* a goroutine that may run, with memory we cannot see */
        }
    }
    size_t nstacks = sort_stacks(s);
    r->nstacks = nstacks;
    r->lo = UINTPTR_MAX;
    r->hi = 0;
    if (r->nblk) {
        r->lo = r->blk[0].base;
        r->hi = r->blk[r->nblk - 1].base + r->blk[r->nblk - 1].size;
    }
    for (size_t k = 0; k < nstacks; k++) {
        const gs_gsnap *g = &s->g[s->order[k]];
        r->lo = g->stack_lo < r->lo ? g->stack_lo : r->lo;
        r->hi = g->stack_hi > r->hi ? g->stack_hi : r->hi;
    }
    for (size_t i = 0; i < r->nglobals; i++)
        scan_words(r, nstacks, r->globals[i].lo, r->globals[i].hi, r->globals[i].libc);
    for (size_t i = 0; i < s->n; i++)
        if (s->g[i].root)
            push_stack(r, i);
    drain(r, nstacks);
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t i = 0; i < s->n; i++) {
            gs_gsnap *g = &s->g[i];
            if (g->root)
                continue;
            bool may;
            if (r->nblockers[i])
                may = blocker_may_run(r, s, i) || (r->handoff[i] && obj_marked(r, nstacks, g->wait_obj));
            else
                may = may_wake(r, nstacks, g);
            if (!may)
                continue;
            g->root = changed = true;
            push_stack(r, i);
        }
        drain(r, nstacks);
    }
    for (size_t i = 0; i < s->n; i++)
        s->g[i].stuck = !s->g[i].root;
    return 0;
}

/* verbosity>=3: why a parked goroutine's object counted as reachable, as
 * the chain of words that reached it (a debugging aid for false "may
 * wake" verdicts: stale pointers in stacks or reused heap blocks). */
static void explain_one(const reach_state *r, const gs_gsnap *g, uintptr_t a)
{
    gs_warn("reachability: goroutine %llu (%s) waits on %p:", (unsigned long long)g->id,
            go_gstate_name(g->state, g->reason), (void *)a);
    for (int step = 0; step < 16; step++) {
        long b = find_block(r, a);
        if (b >= 0 && r->blk_mark[b] && r->blk_from[b]) {
            gs_warn("  in heap block %p size %zu, reached from the word at %p", (void *)r->blk[b].base,
                    r->blk[b].size, (void *)r->blk_from[b]);
            a = r->blk_from[b];
            continue;
        }
        long k = find_stack(r, r->nstacks, a);
        if (k >= 0) {
            gs_warn("  on the stack of goroutine %llu (%s)", (unsigned long long)r->s->g[k].id,
                    r->s->g[k].root ? "may run" : "parked");
            return;
        }
        gs_warn("  %s", in_globals(r, a) ? "in a global" : b >= 0 ? "in an unmarked heap block" : "in unknown memory");
        return;
    }
}

static void explain(const reach_state *r, const gs_gset *s)
{
    for (size_t i = 0; i < s->n; i++) {
        const gs_gsnap *g = &s->g[i];
        if (g->self || g->state != GO_G_WAITING || (!gs_wait_is_primitive(g->reason) && !is_mutex_wait(g->reason)))
            continue;
        if (g->reason == GO_WAIT_SELECT)
            for (size_t j = 0; j < g->nobjs; j++)
                explain_one(r, g, (uintptr_t)gs_gsnap_objs(s, g)[j]);
        else if (g->wait_obj)
            explain_one(r, g, (uintptr_t)g->wait_obj);
    }
}

/* The scan of the caller's own stack covers the runtime's frames between
 * the user's call and gs_gset_take (they hold the user's callee-saved
 * registers), dead slots included: stale pointers there (left by earlier
 * walks of the goroutines) would make stuck goroutines reachable.  Zeroing
 * the stack the scan's frames are about to occupy leaves only what they
 * write. */
__attribute__((noinline)) static void reach_scrub_stack(void)
{
    volatile char buf[4096];
    __builtin_memset((char *)buf, 0, sizeof buf);
    __asm__ volatile("" ::"r"(buf) : "memory");
}

__attribute__((noinline)) static int reach_scan(gs_gset *s);

int gs_reach_scan(gs_gset *s)
{
    reach_scrub_stack();
    return reach_scan(s);
}

static int reach_scan(gs_gset *s)
{
    reach_state *r = gs_calloc(1, sizeof(*r));
    gs_gset_user u = {reach_prepare, reach_stopped, r};
    int rc = gs_gset_take(s, &u);
    if (gs_flags.verbosity >= 2) {
        if (rc != 1)
            gs_warn("reachability scan: no verdict (%s, goroutine %llu; world %s)",
                    r->gave_up ? r->gave_up : "could not stop the world", (unsigned long long)r->gave_up_g,
                    s->world_stopped ? "stopped" : "running");
        else if (r->blk_from)
            explain(r, s);
    }
    gs_free(r->blk);
    gs_free(r->blk_mark);
    gs_free(r->blk_from);
    gs_free(r->work);
    gs_free(r->blockers);
    gs_free(r->nblockers);
    gs_free(r->handoff);
    gs_free(r);
    int stuck = 0;
    for (size_t i = 0; rc == 1 && i < s->n; i++)
        stuck += s->g[i].stuck;
    if (rc != 1)
        for (size_t i = 0; i < s->n; i++)
            s->g[i].stuck = false;
    return rc == 1 ? stuck : -1;
}

/* ---- reports, once per goroutine */

static gs_splock reported_lock = GS_SPLOCK_INIT;
static uint64_t *reported;
static size_t nreported, capreported;

/* True the first time goid is seen. */
static bool first_report(uint64_t goid)
{
    bool first = true;
    gs_splock_lock(&reported_lock);
    for (size_t i = 0; i < nreported; i++)
        if (reported[i] == goid)
            first = false;
    if (first) {
        if (nreported == capreported) {
            capreported = capreported ? capreported * 2 : 64;
            reported = gs_realloc(reported, capreported * sizeof(*reported));
        }
        reported[nreported++] = goid;
    }
    gs_splock_unlock(&reported_lock);
    return first;
}

static void print_holder(const gs_gsnap *g)
{
    uint64_t holder = 0;
    gs_stack_id st = 0;
    if (!gs_mutex_holder(g->wait_obj, &holder, &st))
        return;
    gs_printf("  Mutex %p is held by goroutine %llu, which locked it at:\n", g->wait_obj,
              (unsigned long long)holder);
    gs_print_stack(st);
}

static void report_stuck(gs_gset *s, const gs_gsnap *g)
{
    gs_printf("  Goroutine %llu", (unsigned long long)g->id);
    gs_gsnap_print_labels(s, g);
    gs_printf(" is blocked for good in %s", go_gstate_name(g->state, g->reason));
    gs_gsnap_print_obj(s, g);
    gs_printf(" (for ");
    gs_print_duration(gs_state_now_ns() - g->since_ns);
    if (g->blocker == g->id) {
        gs_printf("): it holds the mutex itself, and nothing else that can still run can reach it:\n");
        gs_print_stack(g->stack);
        print_holder(g);
    } else if (g->blocker) {
        gs_printf("): it waits for goroutine %llu, which can never go on either:\n", (unsigned long long)g->blocker);
        gs_print_stack(g->stack);
        print_holder(g);
    } else {
        gs_printf("): nothing that can still run can reach %s:\n",
                  g->reason == GO_WAIT_SELECT ? "these channels" : "it");
        gs_print_stack(g->stack);
    }
    gs_printf("\n");
    gs_gsnap_print_origin(g);
}

int gs_reach_report(gs_gset *s)
{
    int n = 0;
    for (size_t i = 0; i < s->n; i++) {
        const gs_gsnap *g = &s->g[i];
        if (!g->stuck)
            continue;
        gs_stack_id st[2] = {g->stack, g->create_stack};
        if (gs_suppressed("deadlock", st, 2) || !first_report(g->id))
            continue;
        if (!gs_report_begin("deadlock"))
            continue;
        report_stuck(s, g);
        gs_report_end_stack("deadlock", g->stack);
        n++;
    }
    return n;
}

int gs_reach_check(void)
{
    gs_gset s;
    int stuck = gs_reach_scan(&s);
    if (stuck > 0) {
        gs_gset_save_stacks(&s);
        gs_reach_report(&s);
    }
    gs_gset_free(&s);
    return stuck;
}
