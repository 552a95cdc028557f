/* engine.h - the happens-before engine's entry points for the layers above
 * it: start-up, heap events from the malloc interceptors, libc's accesses
 * for the program, and who is running (for the heap map and for locating an address on a stack).
 *
 * Every one is safe before gs_engine_start and on threads the runtime does
 * not know: it then does nothing or returns 0 / false.
 */
#ifndef GOSAN_ENGINE_H
#define GOSAN_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heap_map.h"

/* Start-up (init.c): from here on the engine checks accesses and builds
 * goroutine states (gs_engine_ready). */
void gs_engine_start(void);

/* A heap block [p, p+n) was just allocated at call node `node` (the
 * malloc call under the caller's stack): it counts as a write of the
 * block by the running goroutine (heap_shadow.h), and the history of every
 * granule it touches is forgotten (it owns them: see
 * gs_shadow_clear_granules). */
void gs_engine_on_alloc(void *p, size_t n, uint32_t node);
/* A block the program will not see (allocated re-entrantly, for libc or
 * the runtime): only its history, freed marks included, is forgotten. */
void gs_engine_on_untracked_alloc(void *p, size_t n);
/* A new thread starts on [lo, hi): glibc hands exited threads' stacks
 * (with their TLS) to new ones, and the previous owner's accesses there
 * are history no access of the new owner can race with: forgotten. */
void gs_engine_on_new_stack(uintptr_t lo, uintptr_t hi);
/* Heap block b, at p, is about to be freed: checked as a write at pc (the
 * free call's return address minus one), its sync objects dropped, and,
 * if mark_freed, its first granules marked freed (every later access to
 * them is a heap-use-after-free until an allocation reuses them); else its
 * history is forgotten.  mark_freed is false for memory glibc gives back
 * to the kernel (a later mmap may hand the addresses out for anything). */
void gs_engine_on_free(void *p, const gs_heap_block *b, uintptr_t pc, bool mark_freed);

/* libc touched [addr, addr+n) on the program's behalf: check it as the
 * program's access at pc.  Respects ignore state.  pc is the libc call site
 * in the program: the interceptor's return address minus one, so it
 * symbolizes as is, like an instrumented access's pc. */
void gs_access_range(const void *addr, size_t n, bool is_write, uintptr_t pc);

/* libc touched [addr, addr+n) on the program's behalf: check it as the
 * program's access at pc.  Respects ignore state.  pc is the libc call site
 * in the program: the interceptor's return address minus one, so it
 * symbolizes as is, like an instrumented access's pc. */
void gs_access_range(const void *addr, size_t n, bool is_write, uintptr_t pc);

/* The running goroutine's current call stack (from func entry/exit) as a
 * call node, with pc as its frame 0 (0: none).  0 if unknown.  malloc.c
 * passes its caller's return address minus one, so frame 0 symbolizes to
 * the malloc call's line when printed as an access pc. */
uint32_t gs_engine_current_node(uintptr_t pc);
/* The running goroutine's id, 0 if none (unknown thread, before start). */
uint64_t gs_engine_current_goid(void);
/* The running goroutine's stack bounds [lo, hi), false if unknown. */
bool gs_engine_current_stack_range(uintptr_t *lo, uintptr_t *hi);

#endif
