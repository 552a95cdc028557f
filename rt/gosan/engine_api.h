/* engine_api.h - what the report/interceptor modules (heap, libc_intercept,
 * location) need from the happens-before engine.  Declared weak so either
 * side compiles alone; the engine defines them.  Every one
 * must be safe before __gosan_init and on threads the runtime does not know
 * (then: do nothing / return 0). */
#ifndef GOSAN_ENGINE_API_H
#define GOSAN_ENGINE_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "stackdepot.h"

/* A block [p, p+n) was just allocated / is about to be freed: forget its
 * shadow history (a free may also be checked as a write of the block). */
__attribute__((weak)) void gs_engine_on_alloc(void *p, size_t n);
__attribute__((weak)) void gs_engine_on_free(void *p, size_t n);
/* The running goroutine's current call stack (from func entry/exit) as a
 * call node, with pc as its frame 0 (0: none).  0 if unknown.  heap.c
 * passes its caller's return address minus one, so frame 0 symbolizes to
 * the malloc call's line when printed as an access pc. */
__attribute__((weak)) uint32_t gs_engine_current_node(uintptr_t pc);
/* The running goroutine's id, 0 if none (unknown thread, before init). */
__attribute__((weak)) uint64_t gs_engine_current_goid(void);
/* libc touched [addr, addr+n) on the program's behalf: check it as the
 * program's access at pc.  Respects ignore state and "not initialised".
 * pc is the libc call site in the program: the interceptor's return address
 * minus one, so it symbolizes as is, like an instrumented access's pc. */
__attribute__((weak)) void gs_access_range(const void *addr, size_t n, bool is_write, uintptr_t pc);
/* The running goroutine's stack bounds [lo, hi), false if unknown. */
__attribute__((weak)) bool gs_engine_current_stack_range(uintptr_t *lo, uintptr_t *hi);

#endif
