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

/* Start-up (init.c): from here on the engine checks accesses and builds
 * goroutine states (gs_engine_ready). */
void gs_engine_start(void);

/* A heap block [p, p+n) was just allocated / is about to be freed: forget
 * the shadow history of every granule it touches (it owns them: see
 * gs_shadow_clear_granules); a free is also checked as a write at pc (the
 * free call's return address minus one) and drops the block's sync
 * objects. */
void gs_engine_on_alloc(void *p, size_t n);
void gs_engine_on_free(void *p, size_t n, uintptr_t pc);

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
