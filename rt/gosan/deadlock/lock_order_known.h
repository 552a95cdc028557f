/* lock_order_known.h - a per-thread cache of lock orders the lock-order
 * graph already holds, so that an acquisition repeating known orders costs
 * a few loads and takes no lock (lock_order.c's fast path).
 *
 * An entry says: "the edge from -> to, with at least modes from_w/to_w,
 * was in the graph at graph generation gen, as edge slot `edge`".  The
 * graph bumps its generation whenever it deletes an edge or a node
 * (eviction, freed memory, hand-off), so an entry of the current
 * generation is still true: edges only gain modes while they live.  A miss
 * or a stale entry only sends the acquisition to the locked slow path.
 *
 * Special key: from == 0 records "mutex `to` has had a blocking writer"
 * (the graph's writer_seen), which a write lock of an RWMutex needs.
 * Per OS thread (the facts are global, so a goroutine moving between
 * threads loses nothing but hits); no locking.
 */
#ifndef GOSAN_LOCK_ORDER_KNOWN_H
#define GOSAN_LOCK_ORDER_KNOWN_H

#include <stdbool.h>
#include <stdint.h>

/* The cached edge slot for (from, to, modes) of generation gen, or 0. */
uint32_t gs_lo_known(uintptr_t from, uintptr_t to, bool from_w, bool to_w, uint32_t gen);
/* Remember (from, to, modes) as edge slot `edge` of generation gen. */
void gs_lo_known_add(uintptr_t from, uintptr_t to, bool from_w, bool to_w, uint32_t gen, uint32_t edge);

#endif
