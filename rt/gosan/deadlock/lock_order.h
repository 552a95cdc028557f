/* lock_order.h - the lock-order graph: potential deadlocks that this run did
 * not hit (`lock-order inversion (potential deadlock)` reports).
 *
 * Nodes are mutex instances (by address, until their memory is freed);
 * an edge A->B says some goroutine waited for B while holding A.  An edge
 * that closes a cycle whose every junction can block is reported once per
 * set of mutexes.  Read locks: see lock_order.c and docs/deadlock.md.
 *
 * The graph is bounded (GS_LO_MAX_NODES live mutexes, GS_LO_MAX_EDGES
 * edges); once a pool is full, a new mutex or edge evicts the least
 * recently used one (a clock; a warning says so once), so recent orders
 * are always checked, inversions through forgotten orders are missed, and
 * memory does not grow.  Thread-safe: one internal spin lock, never held while calling
 * out of the module (stack depot, symbolizer, reports).
 */
#ifndef GOSAN_LOCKORDER_H
#define GOSAN_LOCKORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GS_LO_MAX_NODES (1u << 16)
#define GS_LO_MAX_EDGES (1u << 17)

/* A lock the acquiring goroutine holds: where it took it (engine call node,
 * see callnode.h) and in which mode. */
typedef struct gs_lo_held {
    uintptr_t addr;
    uint32_t node;
    bool write, is_rw;
} gs_lo_held;

/* Goroutine goid is about to wait for mutex m (mode write or read) at call
 * node `node` while holding held[0..n): adds the edges held[i] -> m and
 * reports a cycle one of them closes.  Called for blocking acquisitions
 * only: a try-lock never waits, so no edge leads into it. */
void gs_lo_acquire(uint64_t goid, const gs_lo_held *held, size_t n, uintptr_t m, bool is_rw,
                   bool write, uint32_t node);
/* [lo, lo+size) was freed or reused: mutexes there leave the graph. */
void gs_lo_forget_range(uintptr_t lo, size_t size);

/* An edge of the graph as the debug endpoint's page shows it: goroutine
 * goid waited for `to` (taken at call node to_node) while holding `from`
 * (taken at from_node). */
typedef struct gs_lo_edge_view {
    uintptr_t from, to;
    bool from_w, to_w;
    uint64_t goid;
    uint32_t from_node, to_node;
} gs_lo_edge_view;
/* Copies up to max live edges into out, resuming at *cursor (0 to begin),
 * which it advances; 0 once every edge was seen.  Takes the graph's lock
 * for the one batch. */
size_t gs_lo_edges_snapshot(uint32_t *cursor, gs_lo_edge_view *out, size_t max);

#endif
