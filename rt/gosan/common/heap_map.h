/* heap_map.h - the heap map: the program's live heap blocks, each with
 * its base, requested size, allocating goroutine and allocation stack (a
 * call node: interning it costs a cache probe, where saving a stack in the
 * depot hashed every frame on every malloc).  Filled by the malloc
 * interceptors (intercept/malloc.c); works before __gosan_init and on
 * unknown threads.
 */
#ifndef GOSAN_HEAP_MAP_H
#define GOSAN_HEAP_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct gs_heap_block {
    uintptr_t base;
    size_t size;          /* requested size */
    uint64_t goid;        /* allocating goroutine (0: none / unknown thread) */
    uint32_t node;        /* allocation stack as a call node (callnode.h), or 0 */
} gs_heap_block;

/* The live block containing addr (interior pointers included; a pointer to
 * one past the end does not count).  Returns true and fills *out. */
bool gs_heap_find(uintptr_t addr, gs_heap_block *out);
/* Calls fn for every live block.  Holds registry locks: fn must not
 * allocate with malloc nor call gs_heap_*.  fn returns false to stop.
 * Returns false if the walk was incomplete because a registry lock stayed
 * held (a thread stopped inside malloc while the world is stopped): the
 * caller should then not trust the scan.  gs_heap_find likewise answers
 * "not found" rather than hang. */
bool gs_heap_foreach(bool (*fn)(const gs_heap_block *b, void *arg), void *arg);
size_t gs_heap_live_blocks(void);

/* The malloc interceptors' side: a block was allocated / is being freed.
 * remove returns false for an address the map does not know. */
void gs_heap_map_add(const gs_heap_block *b);
bool gs_heap_map_remove(uintptr_t base, gs_heap_block *out);
/* While this thread frees block b (already removed), gs_heap_find still
 * finds it, so a race found by the free's check is located in it; NULL
 * ends that. */
void gs_heap_map_set_freeing(const gs_heap_block *b);

#endif
