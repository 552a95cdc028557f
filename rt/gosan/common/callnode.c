/* callnode.c - the global call tree: an append-only node array and an
 * open-addressing index, both reserved once (MAP_NORESERVE) and filled
 * lock-free.  A lost insert race only wastes one node: both ids are valid
 * and describe the same stack.
 *
 * The index is a row of tiers, each twice the size of the one before
 * (2^16 slots, then 2^17, ... up to twice NODE_MAX), and a node goes into
 * the newest tier, which is replaced by the next once half full.  A
 * lookup probes every tier in use.  Why tiers and not one table sized for
 * NODE_MAX: a hash spreads a program's nodes over all of a table's pages,
 * so one 512 MiB table held a page of memory per node (60 MB for SQLite's
 * ~15k nodes) and took a TLB miss on each lookup; a tier's pages are used
 * densely, so the index costs about 8 bytes a node.  A node inserted into
 * tier t while another thread inserts the same (parent, pc) into t+1 is a
 * lost insert race as above.
 */
#include "callnode.h"

#include <stdbool.h>
#include <sys/mman.h>

#include "gosan_platform.h"
#include "log.h"


#define NODE_MAX (1u << 26)          /* 64 Mi nodes, 1 GiB reserved */
#define TIER0_BITS 16u               /* the first tier's slots: 2^16 (256 KiB) */
#define TIERS 12u                    /* the last has 2^27 slots: twice NODE_MAX */
#define INDEX_SLOTS ((1ull << (TIER0_BITS + TIERS)) - (1ull << TIER0_BITS)) /* all tiers */

typedef struct gs_node {
    uintptr_t pc;
    uint32_t parent;
    uint32_t _pad;
} gs_node;

__thread gs_node_cache_ent gs_node_cache[GS_NODE_CACHE];
static gs_node *nodes;
static uint32_t *index_;
static uint32_t next_node = 1;
static uint32_t index_tier;          /* the tier new nodes go into */
static uint32_t tier_used[TIERS];    /* nodes put into each tier */
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
        index_ = reserve(sizeof(uint32_t) * (size_t)INDEX_SLOTS);
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

/* Tier t: its first slot and its size minus one (a mask). */
static uint32_t *tier_slots(uint32_t t, uint64_t *mask)
{
    uint64_t size = 1ull << (TIER0_BITS + t);
    *mask = size - 1;
    return index_ + (size - (1ull << TIER0_BITS));
}

static bool node_is(uint32_t id, uint32_t parent, uintptr_t pc)
{
    return nodes[id].pc == pc && nodes[id].parent == parent;
}

/* The node (parent, pc) in tiers 0..top, or 0. */
static uint32_t index_find(uint32_t parent, uintptr_t pc, uint32_t top)
{
    uint64_t h = hash(parent, pc), mask;
    for (uint32_t t = 0; t <= top; t++) {
        uint32_t *slots = tier_slots(t, &mask);
        for (uint64_t i = h;; i++) {
            uint32_t id = __atomic_load_n(&slots[i & mask], __ATOMIC_ACQUIRE);
            if (!id)
                break;
            if (node_is(id, parent, pc))
                return id;
        }
    }
    return 0;
}

/* Counts a node put into tier t; past half full, new nodes go to the next. */
static void tier_count(uint32_t t)
{
    uint32_t n = __atomic_add_fetch(&tier_used[t], 1, __ATOMIC_RELAXED);
    if (t + 1 < TIERS && n >= (1u << (TIER0_BITS + t)) / 2) {
        uint32_t expect = t;
        __atomic_compare_exchange_n(&index_tier, &expect, t + 1, false, __ATOMIC_RELEASE, __ATOMIC_RELAXED);
    }
}

uint32_t gs_node_intern_slow(uint32_t parent, uintptr_t pc)
{
    ensure_init();
    uint32_t top = __atomic_load_n(&index_tier, __ATOMIC_ACQUIRE);
    uint32_t id = index_find(parent, pc, top);
    if (id)
        return id;
    uint32_t mine = __atomic_fetch_add(&next_node, 1, __ATOMIC_RELAXED);
    if (mine >= NODE_MAX)
        return parent; /* table full: the stack loses this frame */
    nodes[mine].pc = pc;
    nodes[mine].parent = parent;
    top = __atomic_load_n(&index_tier, __ATOMIC_ACQUIRE);
    uint64_t mask;
    uint32_t *slots = tier_slots(top, &mask);
    for (uint64_t i = hash(parent, pc);; i++) {
        uint32_t *slot = &slots[i & mask];
        id = 0;
        if (__atomic_compare_exchange_n(slot, &id, mine, false, __ATOMIC_RELEASE, __ATOMIC_ACQUIRE)) {
            tier_count(top);
            return mine;
        }
        if (node_is(id, parent, pc))
            return id; /* inserted meanwhile: mine is wasted */
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
