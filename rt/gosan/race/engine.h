/* engine.h - the happens-before engine's internal interface shared by its
 * modules (access, atomic, memintrin, hooks_impl, race, init), and the
 * observer functions through which the other detectors (deadlock, leak,
 * dump) receive library events from the one hook table this engine installs.
 */
#ifndef GOSAN_ENGINE_H
#define GOSAN_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine_api.h"
#include "go_hooks.h"
#include "shadow.h"
#include "thread_state.h"

/* An access by t (any goroutine, e.g. a parked one a library call acts for). */
void gs_access_thr(gs_thr *t, uintptr_t addr, size_t size, uint64_t kind, uintptr_t pc);
/* free(): checks [addr, addr+size) as a write without recording it (the
 * caller forgets the block's history right after). */
void gs_check_free(gs_thr *t, uintptr_t addr, size_t size, uintptr_t pc);
void gs_record_cells(gs_thr *t, gs_cell *c, uint64_t cur, uintptr_t addr, uintptr_t pc);
/* The current stack with pc as frame 0, as a call node / depot id. */
uint32_t gs_current_node(gs_thr *t, uintptr_t pc);
gs_stack_id gs_node_to_stack(uint32_t node);

/* Reports a misuse (hooks' misuse) with the current stack. */
void gs_report_misuse(const char *kind, const void *obj, uintptr_t ret_pc);
/* free_waited.c: goroutines blocked on a sync object, and freeing one. */
void gs_freewait_block(go_wait_reason r, const void *obj);
void gs_freewait_unblock(go_wait_reason r, const void *obj);
void gs_freewait_check_free(uintptr_t lo, size_t size, uintptr_t ret_pc);
void gs_report_free_waited(const void *obj, uintptr_t lo, size_t size, uintptr_t ret_pc, bool sure);
/* Prints ` [k=v, ...]` for goroutine goid if it has labels. */
void gs_print_labels(uint64_t goid);
/* On an exiting goroutine: keeps its labels for reports printed after it. */
void gs_labels_remember(gs_thr *t);
/* Prints `  Goroutine N (state) created at:` + stack, or the main line. */
void gs_print_goroutine(uint64_t goid);
/* "goroutine 7", "thread T2" or "a goroutine forgotten by a reset": who
 * did something, in a report line. */
void gs_print_who(uint64_t goid);
/* The same, capitalised when it starts a line ("Thread T2 waits ..."). */
void gs_print_who_at(uint64_t goid, bool starts_line);

/* Observers: defined (strong) by the deadlock/leak/dump modules if they
 * exist; the engine's hooks call each one that is linked. */
__attribute__((weak)) void gs_obs_g_create(uint64_t parent, uint64_t child, void *pc);
__attribute__((weak)) void gs_obs_g_exit(uint64_t goid);
__attribute__((weak)) void gs_obs_mutex(go_mutex_event ev, const void *m, bool is_rw, void *pc);
/* The same for POSIX threads' mutexes, spin locks and rwlocks, which only
 * their holder may unlock (thread_hb.c). */
__attribute__((weak)) void gs_obs_posix_mutex(go_mutex_event ev, const void *m, bool is_rw, void *pc);
__attribute__((weak)) void gs_obs_block(go_wait_reason reason, const void *obj, void *pc);
__attribute__((weak)) void gs_obs_unblock(void);
__attribute__((weak)) int gs_obs_all_asleep(bool *reported);
__attribute__((weak)) void gs_obs_dump(int fd);
__attribute__((weak)) int gs_obs_leakcheck(void);
__attribute__((weak)) void gs_obs_init(void);
/* Memory [lo, lo+size) was freed or is reused (heap free, sync_free, a
 * recycled goroutine stack): objects there are gone (mutexwait.c, for it
 * and the lock-order graph). */
__attribute__((weak)) void gs_obs_free_range(uintptr_t lo, size_t size);

#endif
