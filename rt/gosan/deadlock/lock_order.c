/* lock_order.c - the lock-order graph (see lock_order.h).
 *
 * Nodes and edges live in two fixed pools (mmap'd once, touched lazily),
 * named by 1-based indices so that 0 means "none"; a node is found by
 * address through a chained hash.  Each edge is on its source's out-list
 * and its target's in-list (doubly linked), so a freed mutex leaves in time
 * proportional to its degree.  There is one edge per ordered pair of
 * mutexes; its modes are the union of what was seen (a write variant
 * replaces the stacks of a read-only one, so a report shows the variant
 * that can block).
 *
 * Read locks.  A cycle deadlocks only if at every mutex L on it the
 * goroutine arriving at L (the incoming edge, which acquires L) can be
 * blocked by the goroutine leaving L (the outgoing edge, which holds L).
 * Holding or acquiring L for writing always can.  Read held + read
 * acquired can too, in Go, but only through a third party: RLock waits
 * while a writer is waiting, and that writer waits for the reader.  So a
 * read/read junction at L counts when L has ever been write-locked with a
 * blocking Lock (writer_seen); when L gets its first writer, the cycles
 * through L are searched again.  A self-edge L->L is only recorded for
 * read/read (recursive RLock): a recursive write or mixed lock blocks at
 * once, which the wait-cycle detector (wait_cycle.c) reports.
 *
 * Hand-off mutexes (unlocked by another goroutine than their locker) are
 * no sources of edges: held_locks.c leaves them out of the held sets it
 * passes, and drops their node (with the edges out of it) at their first
 * hand-off (gs_lo_forget_range).
 *
 * Fast path.  Most acquisitions repeat orders the graph already has, and
 * then change nothing in it (an existing edge gains nothing, so no cycle
 * can close).  Each thread caches the orders it saw in the graph
 * (lock_order_known.h) with the graph's generation, lo_gen, which every
 * deletion of an edge or node bumps; an acquisition whose orders are all
 * cached at the current generation only marks them used for the eviction
 * clock and takes no lock, searches nothing.  Only a new order, or one
 * gaining a mode, reaches the locked path and the cycle search.
 *
 * Invariant: lo_lock is held for every access to the pools and the hash
 * except the fast path's relaxed stores of `used` bytes (a stale store
 * only gives some entry a second chance), and never while calling the
 * depot, symbolizer or report output.  lo_gen changes only under lo_lock.
 */
#include "lock_order.h"

#include "check.h"
#include "flags.h"
#include "internal_alloc.h"
#include "location.h"
#include "lock_order_groups.h"
#include "lock_order_known.h"
#include "log.h"
#include "report.h"
#include "report_dedup.h"
#include "report_names.h"
#include "spinlock.h"
#include "stackdepot.h"
#include "suppress.h"
#include "user_stack.h"

#define LO_BUCKETS (1u << 15)
#define LO_MAX_CYCLE 16 /* longest cycle searched and reported */
#define GS_LO_FAST_MAX 16 /* held locks the fast path handles (held_locks.c keeps 16) */

typedef struct lo_node {
    uintptr_t addr;
    uint64_t uid;          /* unique per instance (address reuse gets a new one) */
    uint32_t hnext;        /* hash chain; free-list link when free */
    uint32_t out, in;      /* edge lists */
    uint32_t mark[2];      /* search stamps, per incoming mode (read, write) */
    uint32_t pin;          /* lo_op of the acquisition using it: not evictable */
    bool is_rw, writer_seen;
    bool used;             /* touched since the eviction hand last passed */
} lo_node;

typedef struct lo_edge {
    uint32_t from, to;
    uint32_t out_next, out_prev; /* on from's out-list; out_next links the free list */
    uint32_t in_next, in_prev;   /* on to's in-list */
    uint32_t from_node, to_node; /* call nodes: where from was taken, where to was */
    uint64_t goid;
    bool from_w, to_w;           /* from held for writing, to acquired for writing */
    bool used;                   /* seen again since the eviction hand last passed */
} lo_edge;

/* A cycle copied out of the graph for reporting: edge i goes from mutex i
 * to mutex (i+1) % n. */
typedef struct lo_cycle {
    size_t n;
    uintptr_t addr[LO_MAX_CYCLE];
    uint64_t uid[LO_MAX_CYCLE];
    bool is_rw[LO_MAX_CYCLE], writer_seen[LO_MAX_CYCLE];
    lo_edge e[LO_MAX_CYCLE];
} lo_cycle;

static gs_splock lo_lock = GS_SPLOCK_INIT;
static lo_node *lo_nodes;   /* [0] unused */
static lo_edge *lo_edges;   /* [0] unused */
static uint32_t *lo_hash;
static uint32_t lo_node_top = 1, lo_edge_top = 1; /* never-used tails of the pools */
static uint32_t lo_node_free, lo_edge_free;
static uint32_t lo_live_nodes;
static uint64_t lo_next_uid = 1;
static uint32_t lo_stamp;
/* Bounds of the nodes' addresses, kept in mmap'd memory: a global of the
 * runtime holding a mutex's address would make the reachability scan
 * (reachability.c), which reads the program's globals, take the mutex for
 * reachable. */
typedef struct lo_span {
    uintptr_t min, max;
} lo_span;
static lo_span *lo_addrs;
static uint32_t lo_op;                      /* stamp of the current gs_lo_acquire */
static uint32_t lo_node_hand, lo_edge_hand; /* eviction clocks */
static uint64_t lo_evicted;
static uint32_t lo_gen = 1; /* bumped by every deletion; never 0 */
static bool lo_warned_full;

static bool lo_ready(void)
{
    if (lo_nodes)
        return true;
    lo_nodes = gs_mmap_or_die(sizeof(lo_node) * (GS_LO_MAX_NODES + 1), "lock-order graph nodes");
    lo_edges = gs_mmap_or_die(sizeof(lo_edge) * (GS_LO_MAX_EDGES + 1), "lock-order graph edges");
    lo_hash = gs_mmap_or_die(sizeof(uint32_t) * LO_BUCKETS, "lock-order graph hash");
    lo_addrs = gs_mmap_or_die(sizeof *lo_addrs, "lock-order graph bounds");
    lo_addrs->min = UINTPTR_MAX;
    return true;
}

static inline uint32_t lo_bucket(uintptr_t a)
{
    return (uint32_t)(((uint64_t)a * 0x9e3779b97f4a7c15ull) >> 49) & (LO_BUCKETS - 1);
}

static uint32_t lo_find(uintptr_t a)
{
    for (uint32_t i = lo_hash[lo_bucket(a)]; i; i = lo_nodes[i].hnext)
        if (lo_nodes[i].addr == a)
            return i;
    return 0;
}

/* ---- eviction: when a pool is full, the least recently used entry goes
 *
 * A clock (second chance) per pool: entries get `used` when created or
 * seen again; the hand clears it as it passes and evicts the first entry
 * that has not been used since its last pass.  So the graph keeps the
 * orders the program still takes and forgets old ones; an inversion one of
 * whose orders was forgotten (taken long ago, not since) is missed.  Said
 * once, whatever the verbosity: a run that fills the graph is checked less
 * well than a smaller one. */

static void lo_evicting(void)
{
    lo_evicted++;
    if (lo_warned_full)
        return;
    lo_warned_full = true;
    gs_warn("lock-order graph is full (%u mutexes, %u lock orders): the least recently used are "
            "forgotten from now on, so an inversion involving only forgotten orders is missed",
            GS_LO_MAX_NODES, GS_LO_MAX_EDGES);
}

static void lo_node_del(uint32_t i);
static void lo_edge_del(uint32_t i);

/* A deletion: every thread's cached orders (lock_order_known.h) go stale. */
static void lo_gen_bump(void)
{
    uint32_t g = lo_gen + 1;
    __atomic_store_n(&lo_gen, g ? g : 1, __ATOMIC_RELEASE);
}

/* Frees a node other than the ones the current acquisition uses. */
static bool lo_evict_node(void)
{
    for (uint32_t step = 0; step < 2 * GS_LO_MAX_NODES + 2; step++) {
        uint32_t i = lo_node_hand % GS_LO_MAX_NODES + 1;
        lo_node_hand = i;
        lo_node *n = &lo_nodes[i];
        if (!n->addr || n->pin == lo_op)
            continue;
        if (n->used) {
            n->used = false;
            continue;
        }
        lo_evicting();
        lo_node_del(i);
        return true;
    }
    return false;
}

static bool lo_evict_edge(void)
{
    for (uint32_t step = 0; step < 2 * GS_LO_MAX_EDGES + 2; step++) {
        uint32_t i = lo_edge_hand % GS_LO_MAX_EDGES + 1;
        lo_edge_hand = i;
        lo_edge *e = &lo_edges[i];
        if (!e->from)
            continue;
        if (e->used) {
            e->used = false;
            continue;
        }
        lo_evicting();
        lo_edge_del(i);
        return true;
    }
    return false;
}

static uint32_t lo_get(uintptr_t a, bool is_rw)
{
    uint32_t i = lo_find(a);
    if (i) {
        lo_nodes[i].used = true;
        lo_nodes[i].pin = lo_op;
        return i;
    }
    if (!lo_node_free && lo_node_top > GS_LO_MAX_NODES && !lo_evict_node())
        return 0;
    if (lo_node_free) {
        i = lo_node_free;
        lo_node_free = lo_nodes[i].hnext;
    } else {
        i = lo_node_top++;
    }
    lo_node *n = &lo_nodes[i];
    __builtin_memset(n, 0, sizeof *n);
    n->used = true;
    n->pin = lo_op;
    n->addr = a;
    n->uid = lo_next_uid++;
    n->is_rw = is_rw;
    uint32_t b = lo_bucket(a);
    n->hnext = lo_hash[b];
    lo_hash[b] = i;
    lo_live_nodes++;
    if (a < lo_addrs->min)
        lo_addrs->min = a;
    if (a > lo_addrs->max)
        lo_addrs->max = a;
    return i;
}

static uint32_t lo_edge_find(uint32_t from, uint32_t to)
{
    for (uint32_t e = lo_nodes[from].out; e; e = lo_edges[e].out_next)
        if (lo_edges[e].to == to)
            return e;
    return 0;
}

static uint32_t lo_edge_new(uint32_t from, uint32_t to)
{
    uint32_t i;
    if (!lo_edge_free && lo_edge_top > GS_LO_MAX_EDGES && !lo_evict_edge())
        return 0;
    if (lo_edge_free) {
        i = lo_edge_free;
        lo_edge_free = lo_edges[i].out_next;
    } else {
        i = lo_edge_top++;
    }
    lo_edge *e = &lo_edges[i];
    __builtin_memset(e, 0, sizeof *e);
    e->used = true;
    e->from = from;
    e->to = to;
    e->out_next = lo_nodes[from].out;
    if (e->out_next)
        lo_edges[e->out_next].out_prev = i;
    lo_nodes[from].out = i;
    e->in_next = lo_nodes[to].in;
    if (e->in_next)
        lo_edges[e->in_next].in_prev = i;
    lo_nodes[to].in = i;
    return i;
}

static void lo_edge_del(uint32_t i)
{
    lo_edge *e = &lo_edges[i];
    GS_DCHECK(gs_splock_held(&lo_lock) && e->from && e->to); /* a live edge */
    /* ...on both of its doubly linked lists */
    GS_DCHECK(e->out_prev ? lo_edges[e->out_prev].out_next == i : lo_nodes[e->from].out == i);
    GS_DCHECK(e->in_prev ? lo_edges[e->in_prev].in_next == i : lo_nodes[e->to].in == i);
    if (e->out_prev)
        lo_edges[e->out_prev].out_next = e->out_next;
    else
        lo_nodes[e->from].out = e->out_next;
    if (e->out_next)
        lo_edges[e->out_next].out_prev = e->out_prev;
    if (e->in_prev)
        lo_edges[e->in_prev].in_next = e->in_next;
    else
        lo_nodes[e->to].in = e->in_next;
    if (e->in_next)
        lo_edges[e->in_next].in_prev = e->in_prev;
    e->from = e->to = 0;
    lo_gen_bump();
    e->out_next = lo_edge_free;
    lo_edge_free = i;
}

static void lo_node_del(uint32_t i)
{
    while (lo_nodes[i].out)
        lo_edge_del(lo_nodes[i].out);
    while (lo_nodes[i].in)
        lo_edge_del(lo_nodes[i].in);
    GS_DCHECK(lo_nodes[i].addr && lo_live_nodes > 0);
    uint32_t *p = &lo_hash[lo_bucket(lo_nodes[i].addr)];
    while (*p != i)
        p = &lo_nodes[*p].hnext;
    *p = lo_nodes[i].hnext;
    lo_nodes[i].addr = 0;
    lo_gen_bump();
    lo_nodes[i].hnext = lo_node_free;
    lo_node_free = i;
    lo_live_nodes--;
}

/* Can the goroutine arriving at L (acquiring it in mode in_w) be blocked by
 * the one leaving L (holding it in mode out_w)?  See the file comment. */
static inline bool lo_blocks(uint32_t l, bool in_w, bool out_w)
{
    return in_w || out_w || lo_nodes[l].writer_seen;
}

/* A path start -> ... -> target of 1..LO_MAX_CYCLE-1 edges whose every
 * junction can block, the one at start entered in mode start_in_w and the
 * one at target left in mode target_out_w.  Returns its length (edge
 * indices in path) or 0.  Depth-first with a stamp per (node, mode). */
static size_t lo_find_path(uint32_t start, bool start_in_w, uint32_t target, bool target_out_w,
                           uint32_t *path)
{
    struct {
        uint32_t node, it;
        bool in_w;
    } st[LO_MAX_CYCLE];
    if (++lo_stamp == 0)
        lo_stamp = 1;
    int d = 0;
    st[0].node = start;
    st[0].in_w = start_in_w;
    st[0].it = lo_nodes[start].out;
    lo_nodes[start].mark[start_in_w] = lo_stamp;
    while (d >= 0) {
        uint32_t ei = st[d].it;
        if (!ei) {
            d--;
            continue;
        }
        lo_edge *e = &lo_edges[ei];
        st[d].it = e->out_next;
        if (!lo_blocks(st[d].node, st[d].in_w, e->from_w))
            continue;
        path[d] = ei;
        if (e->to == target && lo_blocks(target, e->to_w, target_out_w))
            return (size_t)d + 1;
        if (d + 2 >= LO_MAX_CYCLE || lo_nodes[e->to].mark[e->to_w] == lo_stamp)
            continue;
        lo_nodes[e->to].mark[e->to_w] = lo_stamp;
        d++;
        st[d].node = e->to;
        st[d].in_w = e->to_w;
        st[d].it = lo_nodes[e->to].out;
    }
    return 0;
}

static void lo_copy_cycle(lo_cycle *c, const uint32_t *edges, size_t n)
{
    c->n = n;
    for (size_t i = 0; i < n; i++) {
        const lo_edge *e = &lo_edges[edges[i]];
        const lo_node *m = &lo_nodes[e->from];
        c->e[i] = *e;
        c->addr[i] = m->addr;
        c->uid[i] = m->uid;
        c->is_rw[i] = m->is_rw;
        c->writer_seen[i] = m->writer_seen;
    }
}

/* Edge ei (from -> to) is new or gained a mode: does it close a cycle? */
static bool lo_check_edge(uint32_t ei, lo_cycle *c)
{
    lo_edge *e = &lo_edges[ei];
    uint32_t path[LO_MAX_CYCLE];
    path[0] = ei;
    if (e->from == e->to) {
        if (!lo_blocks(e->from, e->to_w, e->from_w))
            return false;
        lo_copy_cycle(c, path, 1);
        return true;
    }
    size_t n = lo_find_path(e->to, e->to_w, e->from, e->from_w, path + 1);
    if (!n)
        return false;
    lo_copy_cycle(c, path, n + 1);
    return true;
}

/* L got its first blocking writer: read/read junctions at L now block. */
static bool lo_check_node(uint32_t l, lo_cycle *c)
{
    if (!lo_nodes[l].in || !lo_nodes[l].out)
        return false;
    uint32_t path[LO_MAX_CYCLE];
    size_t n = lo_find_path(l, true, l, true, path);
    if (!n)
        return false;
    lo_copy_cycle(c, path, n);
    return true;
}

/* ---- reporting, outside lo_lock */

static uint64_t lo_cycle_key(const lo_cycle *c)
{
    uint64_t u[LO_MAX_CYCLE];
    for (size_t i = 0; i < c->n; i++) {
        size_t j = i;
        for (; j > 0 && u[j - 1] > c->uid[i]; j--)
            u[j] = u[j - 1];
        u[j] = c->uid[i];
    }
    uint64_t k = 0x6c6f636b6f726465ull; /* distinct from other reports' keys */
    for (size_t i = 0; i < c->n; i++)
        k = (k ^ u[i]) * 0x100000001b3ull;
    return k;
}

/* The cycle's shape: where its acquisitions were made (each edge's two
 * stacks), whatever the mutexes and wherever the search started. */
static uint64_t lo_cycle_shape(const gs_stack_id *st, size_t n)
{
    uint64_t h[LO_MAX_CYCLE];
    for (size_t i = 0; i < n; i++) {
        uint64_t v = (((uint64_t)st[2 * i] << 32) | st[2 * i + 1]) * 0x9e3779b97f4a7c15ull;
        size_t j = i;
        for (; j > 0 && h[j - 1] > v; j--)
            h[j] = h[j - 1];
        h[j] = v;
    }
    uint64_t k = 0x73686170656c6f63ull;
    for (size_t i = 0; i < n; i++)
        k = (k ^ h[i]) * 0x100000001b3ull;
    return k;
}

static const char *lo_mode(bool is_rw, bool w, bool past)
{
    if (!is_rw)
        return "";
    if (past)
        return w ? " (write-locked)" : " (read-locked)";
    return w ? " (write lock)" : " (read lock)";
}

static void lo_print_edge(const lo_cycle *c, size_t i, gs_stack_id to_st, gs_stack_id from_st)
{
    size_t j = (i + 1) % c->n;
    const lo_edge *e = &c->e[i];
    gs_printf("  Mutex M%zu%s acquired here while holding mutex M%zu%s in ", j + 1,
              lo_mode(c->is_rw[j], e->to_w, false), i + 1, lo_mode(c->is_rw[i], e->from_w, true));
    gs_print_who(e->goid);
    gs_print_labels(e->goid);
    gs_printf(":\n");
    gs_print_stack(to_st);
    gs_printf("  Mutex M%zu previously acquired by the same %s here:\n", i + 1,
              gs_goid_is_thread(e->goid) ? "thread" : "goroutine");
    gs_print_stack(from_st);
    gs_printf("\n");
}

/* Junctions that block only through a waiting writer deserve a word. */
static void lo_print_read_notes(const lo_cycle *c)
{
    for (size_t j = 0; j < c->n; j++) {
        size_t in = (j + c->n - 1) % c->n;
        if (c->e[in].to_w || c->e[j].from_w)
            continue;
        gs_printf("  M%zu is read-locked on both sides: Go's RWMutex makes RLock wait while a writer "
                  "waits, and M%zu is also write-locked, so this can block.\n",
                  j + 1, j + 1);
    }
}

static bool lo_seen_goid(const lo_cycle *c, size_t i)
{
    for (size_t k = 0; k < i; k++)
        if (c->e[k].goid == c->e[i].goid)
            return true;
    return false;
}

static void lo_report(const lo_cycle *c)
{
    static const char *kind = "lock-order inversion (potential deadlock)";
    gs_stack_id st[2 * LO_MAX_CYCLE];
    for (size_t i = 0; i < c->n; i++) {
        st[2 * i] = gs_node_user_stack(c->e[i].to_node);
        st[2 * i + 1] = gs_node_user_stack(c->e[i].from_node);
    }
    if (gs_suppressed("deadlock", st, 2 * c->n) || gs_report_seen(lo_cycle_key(c)))
        return;
    if (!gs_lo_group_first(lo_cycle_shape(st, c->n), st[0]))
        return;
    if (!gs_report_begin(kind))
        return;
    gs_printf("  Cycle in lock order graph:");
    for (size_t i = 0; i < c->n; i++)
        gs_printf(" M%zu (%p) =>", i + 1, (void *)c->addr[i]);
    gs_printf(" M1\n\n");
    for (size_t i = 0; i < c->n; i++)
        lo_print_edge(c, i, st[2 * i], st[2 * i + 1]);
    lo_print_read_notes(c);
    for (size_t i = 0; i < c->n; i++) {
        gs_printf("  Mutex M%zu (%p)%s:\n", i + 1, (void *)c->addr[i], c->is_rw[i] ? ", an RWMutex" : "");
        gs_print_location(c->addr[i]);
    }
    gs_printf("\n");
    for (size_t i = 0; i < c->n; i++)
        if (!lo_seen_goid(c, i))
            gs_print_goroutine(c->e[i].goid);
    gs_printf("\n");
    gs_report_end_stack(kind, st[0]);
}

/* ---- entry points */

/* Adds or strengthens held -> m (the edge in *edge, 0 if none); returns
 * the edge if the cycle check must run (new, or a mode it did not have),
 * else 0. */
static uint32_t lo_add_edge(uint64_t goid, const gs_lo_held *h, uint32_t to, bool write, uint32_t node,
                            uint32_t *edge)
{
    *edge = 0;
    uint32_t from = lo_get(h->addr, h->is_rw);
    if (!from)
        return 0;
    if (from == to && (h->write || write))
        return 0; /* recursive blocking lock: a wait cycle, not an order */
    uint32_t ei = lo_edge_find(from, to);
    bool fresh = !ei;
    if (fresh && !(ei = lo_edge_new(from, to)))
        return 0;
    *edge = ei;
    lo_edge *e = &lo_edges[ei];
    e->used = true;
    bool stronger = (h->write && !e->from_w) || (write && !e->to_w);
    if (!fresh && !stronger)
        return 0;
    e->from_w |= h->write;
    e->to_w |= write;
    e->goid = goid;
    e->from_node = h->node;
    e->to_node = node;
    return ei;
}

static inline void lo_touch(bool *used)
{
    if (!__atomic_load_n(used, __ATOMIC_RELAXED))
        __atomic_store_n(used, true, __ATOMIC_RELAXED);
}

/* The fast path: every order of this acquisition is cached at the current
 * generation, so the graph already has it and nothing would change but
 * the eviction clock's `used` marks, which are set here. */
static bool lo_all_known(const gs_lo_held *held, size_t n, uintptr_t m, bool is_rw, bool write)
{
    uint32_t gen = __atomic_load_n(&lo_gen, __ATOMIC_ACQUIRE);
    uint32_t edges[GS_LO_FAST_MAX];
    if (n > GS_LO_FAST_MAX)
        return false;
    if (is_rw && write && !gs_lo_known(0, m, true, true, gen))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (held[i].addr == m && (held[i].write || write))
            return false; /* the slow path ignores these; not worth caching */
        if (!(edges[i] = gs_lo_known(held[i].addr, m, held[i].write, write, gen)))
            return false;
    }
    for (size_t i = 0; i < n; i++) {
        lo_edge *e = &lo_edges[edges[i]];
        lo_touch(&e->used);
        lo_touch(&lo_nodes[__atomic_load_n(&e->from, __ATOMIC_RELAXED)].used);
    }
    if (n)
        lo_touch(&lo_nodes[__atomic_load_n(&lo_edges[edges[0]].to, __ATOMIC_RELAXED)].used);
    return true;
}

/* After the slow path, under lo_lock: caches the orders now in the graph
 * (an edge evicted again by this very acquisition is left out). */
static void lo_remember(const gs_lo_held *held, const uint32_t *edges, size_t n, uintptr_t m, uint32_t to,
                        bool write)
{
    uint32_t gen = lo_gen;
    if (to && lo_nodes[to].addr == m && lo_nodes[to].writer_seen)
        gs_lo_known_add(0, m, true, true, gen, to);
    for (size_t i = 0; i < n; i++) {
        const lo_edge *e = edges[i] ? &lo_edges[edges[i]] : NULL;
        if (!e || e->to != to || lo_nodes[e->from].addr != held[i].addr || (held[i].write && !e->from_w) ||
            (write && !e->to_w))
            continue;
        gs_lo_known_add(held[i].addr, m, held[i].write, write, gen, edges[i]);
    }
}

void gs_lo_acquire(uint64_t goid, const gs_lo_held *held, size_t n, uintptr_t m, bool is_rw,
                   bool write, uint32_t node)
{
    if (!gs_flags.detect_deadlocks || (!n && !(is_rw && write)))
        return;
    /* A thread caches orders only after its own locked pass, which made
     * the pools: no need to look at them here. */
    if (lo_all_known(held, n, m, is_rw, write))
        return;
    lo_cycle c;
    bool found = false;
    uint32_t edges[GS_LO_FAST_MAX] = {0};
    gs_splock_lock(&lo_lock);
    lo_ready();
    if (++lo_op == 0)
        lo_op = 1; /* 0 is a fresh node's pin */
    uint32_t to = lo_get(m, is_rw);
    if (to) {
        lo_nodes[to].is_rw |= is_rw;
        if (is_rw && write && !lo_nodes[to].writer_seen) {
            lo_nodes[to].writer_seen = true;
            found = lo_check_node(to, &c);
        }
        for (size_t i = 0; i < n && !found; i++) {
            uint32_t e;
            uint32_t ei = lo_add_edge(goid, &held[i], to, write, node, &e);
            if (i < GS_LO_FAST_MAX)
                edges[i] = e;
            if (ei)
                found = lo_check_edge(ei, &c);
        }
        if (n <= GS_LO_FAST_MAX)
            lo_remember(held, edges, n, m, to, write);
    }
    gs_splock_unlock(&lo_lock);
    if (found) { /* in flight from here: its stacks are symbolized first */
        gs_report_enter();
        lo_report(&c);
        gs_report_leave();
    }
}

static void lo_forget_one(uintptr_t a)
{
    uint32_t i = lo_find(a);
    if (i)
        lo_node_del(i);
}

void gs_lo_forget_range(uintptr_t lo, size_t size)
{
    if (!__atomic_load_n(&lo_live_nodes, __ATOMIC_RELAXED) || !size)
        return;
    gs_splock_lock(&lo_lock);
    uintptr_t hi = lo + size;
    if (lo_nodes && lo_live_nodes && hi > lo_addrs->min && lo <= lo_addrs->max) {
        if (size / sizeof(void *) <= lo_live_nodes) {
            /* Mutexes hold pointers, so they are pointer-aligned. */
            uintptr_t a = (lo + sizeof(void *) - 1) & ~(uintptr_t)(sizeof(void *) - 1);
            for (; a < hi; a += sizeof(void *))
                lo_forget_one(a);
        } else {
            for (uint32_t i = 1; i < lo_node_top; i++)
                if (lo_nodes[i].addr >= lo && lo_nodes[i].addr < hi)
                    lo_node_del(i);
        }
    }
    gs_splock_unlock(&lo_lock);
}


/* For the debug endpoint's page (lock_order.h): one batch of live edges
 * from pool index *cursor on, copied under lo_lock, so a page never holds
 * the lock while it symbolizes or writes. */
size_t gs_lo_edges_snapshot(uint32_t *cursor, gs_lo_edge_view *out, size_t max)
{
    size_t n = 0;
    if (!__atomic_load_n(&lo_nodes, __ATOMIC_ACQUIRE))
        return 0;
    gs_splock_lock(&lo_lock);
    uint32_t i = *cursor ? *cursor : 1;
    for (; lo_edges && i < lo_edge_top && n < max; i++) {
        const lo_edge *e = &lo_edges[i];
        if (!e->from)
            continue;
        gs_lo_edge_view *v = &out[n++];
        v->from = lo_nodes[e->from].addr;
        v->to = lo_nodes[e->to].addr;
        v->from_w = e->from_w;
        v->to_w = e->to_w;
        v->goid = e->goid;
        v->from_node = e->from_node;
        v->to_node = e->to_node;
    }
    *cursor = i;
    gs_splock_unlock(&lo_lock);
    return n;
}
