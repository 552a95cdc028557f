/* heap.h - the malloc family interceptors and the heap-block registry.
 *
 * The runtime defines malloc, free, calloc, realloc, ... (it is linked
 * --whole-archive, so these override libc's) and forwards to glibc's
 * __libc_* allocator, recording every live block: base, size, allocating
 * goroutine and allocation stack (a call node: interning it costs a cache
 * probe, where saving a stack in the depot hashed every frame on every
 * malloc).  The engine is told about every
 * allocation and free (gs_engine_on_alloc/on_free) so freed memory's access
 * history is forgotten.  Works before __gosan_init and on unknown threads.
 */
#ifndef GOSAN_HEAP_H
#define GOSAN_HEAP_H

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

#endif
