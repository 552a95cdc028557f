/* callnode.c - the global call tree: an append-only node array and a
 * hash index of chains through the nodes, both reserved once
 * (MAP_NORESERVE) and filled lock-free.  A node is immutable once its
 * bucket's head points to it.  A lost insert race only wastes one node:
 * both ids are valid and describe the same stack.
 *
 * The index is chained, not open-addressed, so that the memory it touches
 * is the 16 MiB of bucket heads at most, not a slot anywhere in a table
 * sized for the largest tree: a recursive program makes a new stack at
 * every call, and an open-addressed table twice the nodes' size had every
 * insert fault in a page of its own (a 64K-int mergesort touched 420 MiB). */
#include "callnode.h"

#include <stdbool.h>
#include <sys/mman.h>

#include "gosan_platform.h"
#include "log.h"


#define NODE_MAX (1u << 26)          /* 64 Mi nodes, 1 GiB reserved */
#define BUCKETS (1u << 22)           /* chains of 16 nodes at NODE_MAX */

typedef struct gs_node {
    uintptr_t pc;
    uint32_t parent;
    uint32_t next; /* the next node of its bucket's chain, 0: none */
} gs_node;

__thread gs_node_cache_ent gs_node_cache[GS_NODE_CACHE];
static gs_node *nodes;
static uint32_t *buckets;
static uint32_t next_node = 1;
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
        __atomic_store_n(&init_state, 2, __ATOMIC_RELEASE);
        return;
    }
    while (__atomic_load_n(&init_state, __ATOMIC_ACQUIRE) != 2)
        gosan_cpu_relax();
}

static uint64_t hash(uint32_t parent, uintptr_t pc)
{
    uint64_t h = (uint64_t)pc * 0x9e3779b97f4a7c15ull ^ ((uint64_t)parent * 0xc2b2ae3d27d4eb4full);
    return h ^ (h >> 29);
}

/* A bucket head, read with a write access: most first touches of a
 * bucket page are this read, and a plain load would map the shared zero
 * page there, which the insert right after must then replace (a
 * copy-on-write fault that flushes every processor's TLB). */
static uint32_t head_read(uint32_t *head)
{
    uint32_t id = 0;
    __atomic_compare_exchange_n(head, &id, 0, false, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE);
    return id;
}

/* The node (parent, pc) in the chain from id up to (not including) stop, or 0. */
static uint32_t chain_find(uint32_t id, uint32_t stop, uint32_t parent, uintptr_t pc)
{
    for (; id && id != stop; id = nodes[id].next)
        if (nodes[id].pc == pc && nodes[id].parent == parent)
            return id;
    return 0;
}

uint32_t gs_node_intern_slow(uint32_t parent, uintptr_t pc)
{
    ensure_init();
    uint32_t *head = &buckets[hash(parent, pc) & (BUCKETS - 1)];
    uint32_t first = head_read(head);
    uint32_t id = chain_find(first, 0, parent, pc);
    if (id)
        return id;
    uint32_t mine = __atomic_fetch_add(&next_node, 1, __ATOMIC_RELAXED);
    if (mine >= NODE_MAX)
        return parent; /* table full: the stack loses this frame */
    nodes[mine].pc = pc;
    nodes[mine].parent = parent;
    for (;;) {
        nodes[mine].next = first;
        if (__atomic_compare_exchange_n(head, &first, mine, false, __ATOMIC_RELEASE, __ATOMIC_ACQUIRE))
            return mine;
        /* others pushed in between: one of theirs may be this stack */
        id = chain_find(first, nodes[mine].next, parent, pc);
        if (id)
            return id;
    }
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
