/* thread_state.c - goroutine states: creation, recycling, the per-thread fallback,
 * the shadow call stack's slow paths.
 *
 * gs_thr structs are recycled, never unmapped, so a stale pointer (a report
 * racing with an exit) reads a valid, if outdated, state.
 */
#include "thread_state.h"

#include <stddef.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "callnode.h"
#include "internal_alloc.h"
#include "spinlock.h"

__thread gs_thr *gs_cur;
__thread bool gs_thr_runs_goroutines;
bool gs_engine_ready;
static __thread gs_thr *thread_fallback;
static gs_splock free_lock = GS_SPLOCK_INIT;
static gs_thr *free_list;
static uint32_t next_thread_no;

#define STACK_INIT 32u
#define STACK_MAX (1u << 16) /* deeper frames are counted, not recorded */

gs_thr *gs_thr_new(uint64_t goid)
{
    gs_splock_lock(&free_lock);
    gs_thr *t = free_list;
    if (t)
        free_list = t->next_free;
    gs_splock_unlock(&free_lock);
    uintptr_t *pcs = NULL;
    uint32_t *nodes = NULL;
    uint32_t cap = 0;
    if (t) {
        pcs = t->pcs;
        nodes = t->nodes;
        cap = t->cap;
        /* fence_rel != NULL means "executed a release fence": a recycled
         * state must not carry its previous goroutine's fences. */
        gs_free(t->fence_rel);
        gs_free(t->fence_acq);
        /* its clock's entries from gs_vc_limit on are zero already
         * (vclock.h): only the used ones are cleared */
        __builtin_memset(t, 0, offsetof(gs_thr, clk));
        gs_vc_zero(&t->clk);
    } else {
        t = gs_alloc(sizeof(*t));
        __builtin_memset(t, 0, sizeof(*t));
    }
    if (!pcs) {
        cap = STACK_INIT;
        pcs = gs_alloc(cap * sizeof(*pcs));
        nodes = gs_alloc(cap * sizeof(*nodes));
    }
    t->pcs = pcs;
    t->nodes = nodes;
    t->cap = cap;
    t->goid = goid;
    t->gen = __atomic_load_n(&gs_gen, __ATOMIC_ACQUIRE);
    return t;
}

void gs_thr_free(gs_thr *t)
{
    if (!t)
        return;
    gs_slot_detach(t);
    t->fast = 0;
    gs_splock_lock(&free_lock);
    t->next_free = free_list;
    free_list = t;
    gs_splock_unlock(&free_lock);
}

uint64_t gs_thr_new_thread_id(void)
{
    return GS_THREAD_ID_BIT | __atomic_add_fetch(&next_thread_no, 1, __ATOMIC_RELAXED);
}

gs_thr *gs_thr_current_slow(void)
{
    gs_thr *t;
    if (!gs_engine_ready)
        return NULL;
    t = thread_fallback;
    if (!t) {
        bool is_main = syscall(SYS_gettid) == getpid();
        uint64_t id = is_main ? 1 : gs_thr_new_thread_id();
        t = gs_thr_new(id);
        t->is_thread = !is_main;
        t->started = true;
        gs_grec_created(id, 0, 0, GS_GREC_RUNNING, is_main);
        thread_fallback = t;
        gs_cur = t;
        gs_thread_state_created(t); /* needs gs_cur */
        return t;
    }
    gs_cur = t;
    return t;
}

gs_thr *gs_thr_fallback(void)
{
    return thread_fallback;
}

void gs_thr_push_slow(gs_thr *t, uintptr_t pc)
{
    if (t->depth < t->cap) {
        t->pcs[t->depth++] = pc;
        return;
    }
    if (t->cap >= STACK_MAX) {
        t->depth++; /* too deep: count it so exits stay balanced */
        return;
    }
    uint32_t cap = t->cap * 2;
    uintptr_t *pcs = gs_alloc(cap * sizeof(*pcs));
    uint32_t *nodes = gs_alloc(cap * sizeof(*nodes));
    __builtin_memcpy(pcs, t->pcs, t->cap * sizeof(*pcs));
    __builtin_memcpy(nodes, t->nodes, t->cap * sizeof(*nodes));
    gs_free(t->pcs);
    gs_free(t->nodes);
    t->pcs = pcs;
    t->nodes = nodes;
    t->cap = cap;
    t->pcs[t->depth++] = pc;
}

uint32_t gs_thr_stack_node_slow(gs_thr *t)
{
    uint32_t d = t->depth < t->cap ? t->depth : t->cap;
    if (t->valid > d)
        t->valid = d;
    uint32_t node = t->valid ? t->nodes[t->valid - 1] : 0;
    for (uint32_t i = t->valid; i < d; i++) {
        node = gs_node_intern(node, t->pcs[i]);
        t->nodes[i] = node;
    }
    t->valid = d;
    if (t->depth > d) /* frames beyond the recorded ones: keep the cached path */
        return node;
    return node;
}
