/* thread_state.h - per-goroutine checker state (the hooks' `ctx`).
 *
 * Invariants:
 *  - gs_cur is the state of the goroutine running on this OS thread (set by
 *    the g_switch hook), or a per-thread fallback for threads the library
 *    does not run goroutines on, or NULL before either exists.
 *  - `fast` is the access word template (epoch | sid | gen) of an attached
 *    goroutine that checks accesses; 0 sends every access to the slow path
 *    (not attached to a slot, reset happened, ignoring, or disabled).  Only
 *    the owner writes it, except a reset, which may zero it from any thread.
 *  - clk[sid] == epoch while attached; k is what the goroutine knew of its
 *    slot's previous owners when it attached (events before `start`).
 *  - Only the owner (or a thread acting for it while it is parked, through
 *    a hook's ctx) touches the other fields.
 */
#ifndef GOSAN_THR_H
#define GOSAN_THR_H

#include <stdbool.h>
#include <stdint.h>

#include "acquire_cache.h"
#include "go_hooks.h"
#include "goroutine_record.h"
#include "shadow.h"
#include "vclock.h"

typedef struct gs_thr {
    uint64_t fast;        /* access word template, or 0: slow path */
    uint32_t depth;       /* shadow call stack: frames pushed */
    uint32_t valid;       /* nodes[0..valid) are up to date */
    uint32_t cap;         /* capacity of pcs/nodes */
    int32_t ignore;       /* gosan_ignore_begin nesting */
    uint64_t frees;       /* blocks freed so far (range_memo.h) */
    uintptr_t *pcs;       /* return addresses of func_entry */
    uint32_t *nodes;      /* call node of the stack down to each frame */

    uint64_t goid;
    uint32_t gen;         /* reset generation clk belongs to */
    uint32_t sid;         /* slot, 0 if none */
    gs_epoch start;       /* first epoch of ours in that slot */
    gs_epoch k;           /* knowledge of the slot's earlier owners */
    bool is_thread;       /* a fallback for a non-goroutine thread */
    bool started, finished;
    uint32_t create_node; /* where it was created (with the go_spawn pc) */
    uint64_t parent;
    uintptr_t stack_lo, stack_hi; /* its stack, when known */

    /* the last block hook, for deadlock/leak reports */
    go_wait_reason block_reason;
    const void *block_obj;
    void *block_pc;

    /* fences: clock at the last release fence (NULL: this goroutine
     * executed none), and what its relaxed loads saw (NULL: nothing) */
    gs_vclock *fence_rel, *fence_acq;

    gs_acq_cache acq;     /* sync objects whose clock it knows (acquire_cache.h) */
    void *hl_rec;         /* its held-locks record (deadlock/solo_read_hold.h), NULL until known */

    struct gs_thr *next_free;
    gs_vclock clk;
} gs_thr;

extern __thread gs_thr *gs_cur;
/* Plain threads' ids carry this bit over their number (reports say "thread
 * Tn"); goroutine ids never reach it. */
#define GS_THREAD_ID_BIT (1ull << 31)
static inline bool gs_goid_is_thread(uint64_t goid) { return (goid & GS_THREAD_ID_BIT) != 0; }
/* This OS thread is one of the library's workers (it has switched to a
 * goroutine or to its scheduler at least once): with gs_cur NULL it is in
 * the scheduler, whose own pthread calls are no events of the program. */
extern __thread bool gs_thr_runs_goroutines;
extern uint32_t gs_gen;            /* current reset generation (>= 1) */
extern bool gs_engine_ready;       /* __gosan_init ran */

/* The state for this OS thread: gs_cur, or a fallback created on demand.
 * NULL while the runtime itself is not ready or is reentered.  Inline for
 * gs_cur: a lock call's hooks ask three to four times (a call each was 4%
 * of `rwlocks`). */
gs_thr *gs_thr_current_slow(void);
static inline gs_thr *gs_thr_current(void)
{
    gs_thr *t = gs_cur;
    return __builtin_expect(t != NULL, 1) ? t : gs_thr_current_slow();
}
gs_thr *gs_thr_new(uint64_t goid);
/* A fresh plain-thread id (GS_THREAD_ID_BIT | n, reports say "thread Tn"). */
uint64_t gs_thr_new_thread_id(void);
/* This OS thread's fallback state, or NULL. */
gs_thr *gs_thr_fallback(void);
/* thread_hb.c: a plain thread's state was just created (and is gs_cur). */
void gs_thread_state_created(gs_thr *t);
void gs_thr_free(gs_thr *t);

/* Slow-path entry of every access and sync operation: bring t up to the
 * current generation and attach it to a slot.  Returns false if accesses
 * must not be checked now (ignoring). */
bool gs_thr_prepare(gs_thr *t);

/* t's access template (t->fast) when it checks accesses now, prepared
 * first when it is not attached to a slot of the current generation; 0
 * when it does not check (no state, ignoring, detached). */
static inline uint64_t gs_thr_fast_word(gs_thr *t)
{
    if (!t)
        return 0;
    if (!__atomic_load_n(&t->fast, __ATOMIC_RELAXED) || t->gen != __atomic_load_n(&gs_gen, __ATOMIC_RELAXED))
        if (!gs_thr_prepare(t))
            return 0;
    return __atomic_load_n(&t->fast, __ATOMIC_RELAXED);
}
/* Attach / detach a slot (slot.c). */
void gs_slot_attach(gs_thr *t);
void gs_slot_detach(gs_thr *t);
/* fork (fork.c's handlers): prepare takes the slot table's lock, parent
 * releases it; child releases it and makes the forking thread's clock
 * know every slot's latest epoch: the child comes after every event of
 * every thread and goroutine of the parent before the fork. */
void gs_slot_fork_prepare(void);
void gs_slot_fork_parent(void);
void gs_slot_fork_child(void);
/* The goroutine (or thread) id of the cell word acc's access, from its
 * slot's owner log; GS_GOID_UNKNOWN if a reset has forgotten it,
 * GS_GOID_RECYCLED if the bounded log has dropped its entry. */
#define GS_GOID_UNKNOWN (~0ull)
#define GS_GOID_RECYCLED (~1ull)
uint64_t gs_slot_owner(uint64_t acc);
/* Recompute t->fast from its state. */
void gs_thr_refresh_fast(gs_thr *t);
/* Enters (+1) or leaves (-1) a region whose accesses are not checked
 * (gosan_ignore_begin/end, TSan's AnnotateIgnore*): nested, never below 0. */
void gs_thr_ignore(gs_thr *t, int delta);
/* A release happened: start a new epoch. */
void gs_thr_tick(gs_thr *t);
/* Bring t's clock to the current generation (zero it if stale). */
void gs_thr_sync_gen(gs_thr *t);

/* The call node of t's current stack (frames only, no access pc). */
uint32_t gs_thr_stack_node_slow(gs_thr *t);
static inline uint32_t gs_thr_stack_node(gs_thr *t)
{
    if (__builtin_expect(t->valid == t->depth, 1))
        return t->depth ? t->nodes[t->depth - 1] : 0;
    return gs_thr_stack_node_slow(t);
}
void gs_thr_push_slow(gs_thr *t, uintptr_t pc);


#endif
