/* callnode.h - call stacks as interned nodes of a global call tree.
 *
 * A node is (parent node, pc): the stack "pc called from the parent's
 * stack".  Node 0 is the empty stack.  A shadow cell keeps the node of its
 * access (the access pc under the goroutine's call stack), so the previous
 * access's full stack can always be rebuilt, at the cost of 4 bytes per
 * cell.  Nodes live forever and are never changed; interning is lock-free,
 * with a per-thread direct-mapped cache in front of the global hash table
 * so that a repeated (parent, pc) costs two compares.
 */
#ifndef GOSAN_CALLNODE_H
#define GOSAN_CALLNODE_H

#include <stddef.h>
#include <stdint.h>

#define GS_NODE_CACHE 1024u

typedef struct gs_node_cache_ent {
    uintptr_t pc;
    uint32_t parent, id;
} gs_node_cache_ent;

extern __thread gs_node_cache_ent gs_node_cache[GS_NODE_CACHE];

uint32_t gs_node_intern_slow(uint32_t parent, uintptr_t pc);

static inline uint32_t gs_node_intern(uint32_t parent, uintptr_t pc)
{
    gs_node_cache_ent *c = &gs_node_cache[(pc ^ (pc >> 11) ^ ((uintptr_t)parent * 0x9e37u)) & (GS_NODE_CACHE - 1)];
    if (__builtin_expect(c->pc == pc && c->parent == parent && c->id, 1))
        return c->id;
    uint32_t id = gs_node_intern_slow(parent, pc);
    c->pc = pc;
    c->parent = parent;
    c->id = id;
    return id;
}

/* Writes the stack of node (innermost first) into pcs; returns the count
 * (at most max). */
size_t gs_node_stack(uint32_t node, uintptr_t *pcs, size_t max);
uintptr_t gs_node_pc(uint32_t node);

#endif
