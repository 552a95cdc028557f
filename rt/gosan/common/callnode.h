/* callnode.h - call stacks as interned nodes of a global call tree.
 *
 * A node is (parent node, pc): the stack "pc called from the parent's
 * stack".  Node 0 is the empty stack.  A shadow cell keeps the node of its
 * access (the access pc under the goroutine's call stack), so the previous
 * access's full stack can always be rebuilt, at the cost of 4 bytes per
 * cell.  Nodes live forever and are never changed; interning is lock-free,
 * with a per-thread direct-mapped cache in front of the global tree so
 * that a repeated (parent, pc) costs two compares.
 */
#ifndef GOSAN_CALLNODE_H
#define GOSAN_CALLNODE_H

#include <stddef.h>
#include <stdint.h>

/* The per-thread cache: direct-mapped, large enough for the distinct
 * (parent, pc) pairs of a big C program (SQLite has about 15k call paths;
 * a 1024-entry cache missed on most of them, and the misses cost 15% of
 * its checked run).  Taken at a thread's first miss (never-touched
 * pages cost nothing), from an exited thread's if there is one. */
#define GS_NODE_CACHE 16384u

typedef struct gs_node_cache_ent {
    uintptr_t pc;
    uint32_t parent, id;
} gs_node_cache_ent;

/* This thread's cache, or an all-zero table that never hits (before its
 * first miss, and after the thread's exit released it). */
extern __thread gs_node_cache_ent *gs_node_cache;

/* The miss path: looks (parent, pc) up in the global tree and fills the
 * thread's cache entry. */
uint32_t gs_node_intern_miss(uint32_t parent, uintptr_t pc);
/* The global tree's lookup alone, without the thread's cache (the miss
 * path's first half; test/unit/callnode.c drives it directly). */
uint32_t gs_node_intern_slow(uint32_t parent, uintptr_t pc);

static inline uint32_t gs_node_cache_slot(uint32_t parent, uintptr_t pc)
{
    return (uint32_t)((pc ^ (pc >> 11) ^ ((uintptr_t)parent * 0x9e37u)) & (GS_NODE_CACHE - 1));
}

static inline uint32_t gs_node_intern(uint32_t parent, uintptr_t pc)
{
    const gs_node_cache_ent *c = &gs_node_cache[gs_node_cache_slot(parent, pc)];
    if (__builtin_expect(c->pc == pc && c->parent == parent && c->id, 1))
        return c->id;
    return gs_node_intern_miss(parent, pc);
}

/* At a thread's exit: gives its cache to the next new thread; later interning on the thread
 * (its TSD destructors) goes to the global tree every time. */
void gs_node_cache_thread_exit(void);

/* Writes the stack of node (innermost first) into pcs; returns the count
 * (at most max). */
size_t gs_node_stack(uint32_t node, uintptr_t *pcs, size_t max);
uintptr_t gs_node_pc(uint32_t node);

#endif
