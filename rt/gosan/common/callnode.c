/* callnode.c - the global call tree: an append-only node array, each
 * node's list of its first children, and a hash index for the rest, all
 * reserved once (MAP_NORESERVE) and filled lock-free.  A node is immutable
 * once it is linked (into its parent's list or the index).  A lost insert
 * race only wastes one node: both ids are valid and describe the same
 * stack.
 *
 * A node's first KIDS_MAX children are on a list headed in the node
 * itself: looking up a child of a node just made (every call of a
 * recursion makes a new stack) then touches that node and nodes made next
 * to it, where the index costs a cache and TLB miss at a random bucket and
 * another at each node of its chain (a 4M-int mergesort spent 56% of its
 * checked time there).  A node with more children (a big function's access
 * sites) puts the rest into the index.  The list's head and its length are
 * one word, so a push is one compare-and-swap and the list stops growing
 * at once for everyone when it is full.
 *
 * The index is a split-ordered list (Shalev and Shavit): every node is on
 * one list sorted by its hash with the bits reversed, and bucket b points
 * to a dummy node whose key is b reversed, placed where b's nodes begin.
 * The number of buckets in use doubles as the nodes grow (bucket b + n of a
 * table of n buckets starts inside bucket b's stretch of the list, so
 * nothing moves), so the memory the index touches is a few bytes per node
 * (the 4-byte heads of about a bucket per two nodes, and the dummies), not
 * a table sized for the largest tree: a program with few call stacks (most
 * real programs) touches a few pages, and a recursive one (a new stack at
 * every call) pays for what it has.  Nothing is ever removed, so an insert
 * is one compare-and-swap on its predecessor's link, and a walk never meets
 * a node being unlinked.
 *
 * Invariants: the list is sorted by key (non-decreasing; equal keys are
 * hash collisions, any order among them); a dummy's key is even and no
 * other node's is; a bucket head, once set, never changes; `used` only
 * grows, to at most BUCKETS. */
#include "callnode.h"

#include <stdbool.h>
#include <sys/mman.h>

#include "gosan_platform.h"
#include "log.h"
#include "spinlock.h"


#define NODE_MAX (1u << 26)          /* 64 Mi nodes, 1 GiB reserved */
#define BUCKETS (1u << 22)           /* at most, 16 MiB reserved */
#define FIRST_BUCKETS 1024u
#define LOAD 2u                      /* nodes per bucket before it doubles */
#define DUMMY_PC UINTPTR_MAX         /* a dummy's pc; its parent is its bucket */

#define CHUNK 64u                    /* node ids a thread takes at a time */
#define KIDS_MAX 8u                  /* children on a node's own list */
#define KIDS_SHIFT 26                /* kids word: count << KIDS_SHIFT | first child */
_Static_assert(NODE_MAX == 1u << KIDS_SHIFT, "node ids fit below the count");

typedef struct gs_node {
    uintptr_t pc;
    uint32_t parent;
    uint32_t next; /* the next node of its parent's list or of the index, 0: none */
    uint32_t kids; /* its own children's list: count and head */
    uint32_t key;  /* its place on the index's list (node_key), set before it is linked */
} gs_node;

/* Never written: a zero id never hits.  In .bss, so its pages, read
 * only, are the shared zero page. */
static gs_node_cache_ent cache_none[GS_NODE_CACHE];
__thread gs_node_cache_ent *gs_node_cache = cache_none;
static __thread bool cache_gone; /* the thread's exit released it: no new one */
static gs_node *nodes;
static uint32_t *buckets;
static uint32_t used = FIRST_BUCKETS;  /* buckets in use, a power of two */
static uint32_t indexed;               /* nodes in the index (not dummies) */
static uint32_t next_node = 1;  /* the first id no thread has taken */
static int init_state; /* 0 none, 1 in progress, 2 done */

static void *reserve(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        gs_die("cannot reserve the call-stack table (%zu MiB)", size >> 20);
    return p;
}

static void ensure_init(void)
{
    if (__atomic_load_n(&init_state, __ATOMIC_ACQUIRE) == 2)
        return;
    int expect = 0;
    if (__atomic_compare_exchange_n(&init_state, &expect, 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        nodes = reserve(sizeof(gs_node) * (size_t)NODE_MAX);
        buckets = reserve(sizeof(uint32_t) * (size_t)BUCKETS);
        /* node 0 (the empty stack) has only its kids list */
        nodes[1].pc = DUMMY_PC; /* bucket 0's dummy: key 0, the list's head */
        nodes[1].parent = 0;
        nodes[1].key = 0;
        buckets[0] = 1;
        next_node = CHUNK; /* ids below stay unused: every run starts on a cache line */
        __atomic_store_n(&init_state, 2, __ATOMIC_RELEASE);
        return;
    }
    while (__atomic_load_n(&init_state, __ATOMIC_ACQUIRE) != 2)
        gosan_cpu_relax();
}

static uint32_t hash(uint32_t parent, uintptr_t pc)
{
    uint64_t h = (uint64_t)pc * 0x9e3779b97f4a7c15ull ^ ((uint64_t)parent * 0xc2b2ae3d27d4eb4full);
    return (uint32_t)((h ^ (h >> 29)) >> 1) & (BUCKETS - 1);
}

static uint32_t reverse(uint32_t x)
{
    x = (x >> 1 & 0x55555555u) | (x & 0x55555555u) << 1;
    x = (x >> 2 & 0x33333333u) | (x & 0x33333333u) << 2;
    x = (x >> 4 & 0x0f0f0f0fu) | (x & 0x0f0f0f0fu) << 4;
    return __builtin_bswap32(x);
}

/* The list order: a node's hash reversed, odd; a dummy's bucket reversed,
 * even (bucket numbers stay below 2^31, so reversed their low bit is 0). */
static uint32_t key_of(uint32_t parent, uintptr_t pc)
{
    return pc == DUMMY_PC ? reverse(parent) : reverse(hash(parent, pc)) | 1;
}

/* Kept in the node (it fits in the padding): a walk compares keys of
 * nodes it passes without hashing each one again. */
static uint32_t node_key(const gs_node *n)
{
    return n->key;
}

/* A bucket head.  A plain load first: a compare-and-swap on every lookup
 * took the line's ownership from the other processors each time (SQLite's
 * four threads spent 2.3% of their checked time in bucket_head).  A head
 * still 0 is read again with a write access: a plain load of a page no one
 * touched would map the shared zero page there, which the insert right
 * after must then replace (a copy-on-write fault that flushes every
 * processor's TLB); the pages of new buckets are touched for writing when
 * they come into use (grow), so the plain load rarely meets one. */
static uint32_t head_read(uint32_t *head)
{
    uint32_t id = __atomic_load_n(head, __ATOMIC_ACQUIRE);
    if (id)
        return id;
    __atomic_compare_exchange_n(head, &id, 0, false, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE);
    return id;
}

/* Walks from node *prev (whose key is <= key) to the first node whose key
 * is above key or that is (parent, pc) itself; returns the latter or 0,
 * leaving *prev at the last node before the stop. */
static uint32_t list_find(uint32_t *prev, uint32_t key, uint32_t parent, uintptr_t pc)
{
    for (;;) {
        uint32_t id = __atomic_load_n(&nodes[*prev].next, __ATOMIC_ACQUIRE);
        if (!id)
            return 0;
        const gs_node *n = &nodes[id];
        uint32_t k = node_key(n);
        if (k > key)
            return 0;
        if (k == key && n->pc == pc && n->parent == parent)
            return id;
        *prev = id;
    }
}

/* This thread's run of node ids, taken CHUNK at a time from the shared
 * counter: the nodes one thread makes sit together, never in a cache line
 * another thread is filling with its own.  Taken one by one, the nodes of
 * two threads each making a new stack at every call (a parallel recursion)
 * alternated in the array, and every lookup and fill of a node bounced its
 * line between the processors (a 4M-int parallel mergesort spent 14% of
 * its checked time there).  One word, next id << 32 | end, changed by
 * compare-and-swap: a signal handler interning a stack in the middle of
 * the thread's own take gets other ids, never the same.  Ids a thread does
 * not use stay holes, never linked and so never read. */
static __thread uint64_t chunk;

static uint32_t node_id_new(void)
{
    uint64_t c = __atomic_load_n(&chunk, __ATOMIC_RELAXED);
    for (;;) {
        if ((uint32_t)(c >> 32) < (uint32_t)c) {
            if (__atomic_compare_exchange_n(&chunk, &c, c + (1ull << 32), false, __ATOMIC_RELAXED,
                                            __ATOMIC_RELAXED))
                return (uint32_t)(c >> 32);
            continue;
        }
        if (__atomic_load_n(&next_node, __ATOMIC_RELAXED) > NODE_MAX - CHUNK)
            return NODE_MAX; /* full: no more adds, so the counter cannot wrap */
        uint32_t first = __atomic_fetch_add(&next_node, CHUNK, __ATOMIC_RELAXED);
        if (first > NODE_MAX - CHUNK)
            return NODE_MAX;
        uint64_t fresh = (uint64_t)(first + 1) << 32 | (first + CHUNK);
        if (__atomic_compare_exchange_n(&chunk, &c, fresh, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
            return first;
        /* a handler took ids meanwhile: this run is dropped, look again */
    }
}

/* A fresh node (parent, pc), not linked yet; 0 if the array is full. */
static uint32_t node_new(uint32_t parent, uintptr_t pc)
{
    uint32_t id = node_id_new();
    if (id >= NODE_MAX)
        return 0;
    nodes[id].pc = pc;
    nodes[id].parent = parent;
    nodes[id].key = key_of(parent, pc);
    return id;
}

/* The node (parent, pc) on the list after start, inserted as `mine` (a
 * fresh node, filled in, or 0 to allocate one) if missing. */
static uint32_t list_insert(uint32_t start, uint32_t key, uint32_t parent, uintptr_t pc, uint32_t mine,
                            bool *added)
{
    uint32_t prev = start;
    for (;;) {
        uint32_t id = list_find(&prev, key, parent, pc);
        if (id)
            return id;
        if (!mine && !(mine = node_new(parent, pc)))
            return 0;
        uint32_t succ = __atomic_load_n(&nodes[prev].next, __ATOMIC_ACQUIRE);
        if (succ && node_key(&nodes[succ]) <= key)
            continue; /* moved on meanwhile: walk again from prev */
        nodes[mine].next = succ;
        if (__atomic_compare_exchange_n(&nodes[prev].next, &succ, mine, false, __ATOMIC_RELEASE,
                                        __ATOMIC_RELAXED)) {
            *added = true;
            return mine;
        }
    }
}

/* Bucket b's dummy, made (after its parent bucket's) if it has none yet.
 * Two makers agree on one dummy: the second finds the first's on the list. */
static uint32_t bucket_head(uint32_t b)
{
    uint32_t id = head_read(&buckets[b]);
    if (id)
        return id;
    uint32_t parent = b & ~(1u << (31 - __builtin_clz(b))); /* b without its top bit */
    uint32_t start = bucket_head(parent);
    bool added = false;
    id = list_insert(start, reverse(b), b, DUMMY_PC, 0, &added);
    if (!id)
        return start; /* node array full: search from the parent's stretch */
    __atomic_store_n(&buckets[b], id, __ATOMIC_RELEASE);
    return id;
}

/* Touches buckets [from, to) for writing, a word per page (see head_read). */
static void buckets_touch(uint32_t from, uint32_t to)
{
    const uint32_t per_page = 4096 / sizeof(uint32_t);
    for (uint32_t b = from; b < to; b += per_page) {
        uint32_t zero = 0;
        __atomic_compare_exchange_n(&buckets[b], &zero, 0, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED);
    }
}

/* One more node in the index: double the buckets in use when they
 * average LOAD. */
static void grow(void)
{
    uint32_t count = __atomic_add_fetch(&indexed, 1, __ATOMIC_RELAXED);
    uint32_t n = __atomic_load_n(&used, __ATOMIC_RELAXED);
    if (count > n * LOAD && n < BUCKETS &&
        __atomic_compare_exchange_n(&used, &n, n * 2, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
        buckets_touch(n, n * 2);
}

/* The child pc on a kids list, from id up to (not including) stop, or 0. */
static uint32_t kids_find(uint32_t id, uint32_t stop, uintptr_t pc)
{
    for (; id && id != stop; id = nodes[id].next)
        if (nodes[id].pc == pc)
            return id;
    return 0;
}

/* The child (parent, pc) from the index, inserted there as mine (or a new
 * node) if missing; 0 if the node array is full. */
static uint32_t index_intern(uint32_t parent, uintptr_t pc, uint32_t mine)
{
    uint32_t h = hash(parent, pc);
    uint32_t start = bucket_head(h & (__atomic_load_n(&used, __ATOMIC_RELAXED) - 1));
    bool added = false;
    uint32_t id = list_insert(start, reverse(h) | 1, parent, pc, mine, &added);
    if (added)
        grow();
    return id;
}

uint32_t gs_node_intern_slow(uint32_t parent, uintptr_t pc)
{
    ensure_init();
    uint32_t *kw = &nodes[parent].kids;
    uint32_t w = __atomic_load_n(kw, __ATOMIC_ACQUIRE);
    uint32_t id = kids_find(w & (NODE_MAX - 1), 0, pc), mine = 0;
    if (id)
        return id;
    while ((w >> KIDS_SHIFT) < KIDS_MAX) {
        if (!mine && !(mine = node_new(parent, pc)))
            return parent; /* table full: the stack loses this frame */
        nodes[mine].next = w & (NODE_MAX - 1);
        uint32_t pushed = (((w >> KIDS_SHIFT) + 1) << KIDS_SHIFT) | mine;
        if (__atomic_compare_exchange_n(kw, &w, pushed, false, __ATOMIC_RELEASE, __ATOMIC_ACQUIRE))
            return mine;
        /* others pushed in between: one of theirs may be this child */
        id = kids_find(w & (NODE_MAX - 1), nodes[mine].next, pc);
        if (id)
            return id;
    }
    id = index_intern(parent, pc, mine);
    return id ? id : parent; /* table full: the stack loses this frame */
}

/* Caches of exited threads, for new threads to take: their entries map
 * (parent, pc) to global nodes, so they stay right on any thread.  Mapping
 * and unmapping one per thread cost a program making 200k short threads
 * (bench/checker/pthread/spawnheavy) twice its checked CPU time.  The list
 * runs through each cache's first word; its lock is only tried (a signal
 * handler may interrupt the holder on the same thread), and a cache that
 * cannot be pooled or taken is unmapped or mapped instead. */
static gs_node_cache_ent *pool;
static gs_splock pool_lock = GS_SPLOCK_INIT;

static gs_node_cache_ent *pool_take(void)
{
    if (!__atomic_load_n(&pool, __ATOMIC_RELAXED) || !gs_splock_try(&pool_lock))
        return NULL;
    gs_node_cache_ent *c = pool;
    if (c) {
        pool = (gs_node_cache_ent *)c[0].pc;
        c[0].id = 0; /* its first entry held the link */
        c[0].pc = 0;
    }
    gs_splock_unlock(&pool_lock);
    return c;
}

static bool pool_put(gs_node_cache_ent *c)
{
    if (!gs_splock_try(&pool_lock))
        return false;
    c[0].id = 0;
    c[0].pc = (uintptr_t)pool;
    pool = c;
    gs_splock_unlock(&pool_lock);
    return true;
}

/* This thread's own cache, taken or mapped now if it has none.  A signal
 * handler interrupting this takes its own: the compare-and-swap keeps one. */
static gs_node_cache_ent *cache_mine(void)
{
    gs_node_cache_ent *c = __atomic_load_n(&gs_node_cache, __ATOMIC_RELAXED);
    if (c != cache_none || __atomic_load_n(&cache_gone, __ATOMIC_RELAXED))
        return c;
    void *p = pool_take();
    if (!p)
        p = mmap(NULL, sizeof(cache_none), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                 -1, 0);
    if (p == MAP_FAILED)
        return cache_none; /* no cache: every lookup goes to the tree */
    if (!__atomic_compare_exchange_n(&gs_node_cache, &c, (gs_node_cache_ent *)p, false, __ATOMIC_RELAXED,
                                     __ATOMIC_RELAXED)) {
        if (!pool_put(p))
            munmap(p, sizeof(cache_none));
        return c;
    }
    return p;
}

uint32_t gs_node_intern_miss(uint32_t parent, uintptr_t pc)
{
    uint32_t id = gs_node_intern_slow(parent, pc);
    gs_node_cache_ent *c = cache_mine();
    if (c != cache_none) {
        c += gs_node_cache_slot(parent, pc);
        c->id = 0; /* a handler between these stores sees no hit, not a torn one */
        __atomic_signal_fence(__ATOMIC_SEQ_CST);
        c->pc = pc;
        c->parent = parent;
        __atomic_signal_fence(__ATOMIC_SEQ_CST);
        c->id = id;
    }
    return id;
}

void gs_node_cache_thread_exit(void)
{
    gs_node_cache_ent *c = gs_node_cache;
    __atomic_store_n(&cache_gone, true, __ATOMIC_RELAXED);
    __atomic_store_n(&gs_node_cache, cache_none, __ATOMIC_RELAXED);
    __atomic_signal_fence(__ATOMIC_SEQ_CST); /* a handler from here on sees no cache */
    if (c != cache_none && !pool_put(c))
        munmap(c, sizeof(cache_none));
}

uintptr_t gs_node_pc(uint32_t node)
{
    return node && nodes ? nodes[node].pc : 0;
}

size_t gs_node_stack(uint32_t node, uintptr_t *pcs, size_t max)
{
    size_t n = 0;
    while (node && n < max && nodes) {
        pcs[n++] = nodes[node].pc;
        node = nodes[node].parent;
    }
    return n;
}
