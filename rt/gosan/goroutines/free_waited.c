/* free_waited.c - the `free of object with blocked goroutines` misuse: memory
 * holding a channel, Mutex, RWMutex, WaitGroup or Cond is freed while
 * goroutines are blocked on it.  They would sleep on freed memory (a later
 * unlock, send or select would take a freed lock), so the report names who
 * frees and every goroutine blocked in the freed range, with where each
 * blocked and who created it.
 *
 * Channels: go_chan_free reports through the misuse hook (the library sees
 * its own queues).  The sync types have no free function, so the checker
 * keeps the addresses that goroutines are blocked on (a dense array with a
 * count per address, changed only around parks, which already cost a
 * context switch) and looks there when the program frees a heap block.
 * Invariant: `fw_n` is 0 whenever no goroutine is blocked on a sync object,
 * so a free then costs one load.  fw_lock guards the array and is never
 * held while reporting.
 *
 * It lives in goroutines/ because its report is about goroutines blocked
 * on freed memory, shown from a goroutine snapshot (snapshot.h) like the
 * leak and partial deadlock reports.  Callers: the hook table (waits begin
 * and end, channels freed) and the malloc interceptor (intercept/, which
 * sees goroutines/) at every free.
 */
#include "free_waited.h"

#include "call_stack.h"
#include "internal_alloc.h"
#include "report.h"
#include "report_names.h"
#include "snapshot.h"
#include "spinlock.h"
#include "suppress.h"

typedef struct fw_entry {
    uintptr_t addr;
    uint32_t count;
} fw_entry;

static gs_splock fw_lock = GS_SPLOCK_INIT;
static fw_entry *fw_tab;
static uint32_t fw_n_locked, fw_cap;
static uint32_t fw_n; /* mirror of fw_n_locked for the unlocked test in a free */

/* Waits that only a call on that object ends (a channel's are the library's). */
static bool fw_is_sync_wait(go_wait_reason r)
{
    return r == GO_WAIT_MUTEX || r == GO_WAIT_RWMUTEX_LOCK || r == GO_WAIT_RWMUTEX_RLOCK ||
           r == GO_WAIT_WAITGROUP || r == GO_WAIT_COND;
}

static void fw_publish(void) { __atomic_store_n(&fw_n, fw_n_locked, __ATOMIC_RELEASE); }

void gs_freewait_block(go_wait_reason r, const void *obj)
{
    if (!obj || !fw_is_sync_wait(r))
        return;
    gs_splock_lock(&fw_lock);
    for (uint32_t i = 0; i < fw_n_locked; i++)
        if (fw_tab[i].addr == (uintptr_t)obj) {
            fw_tab[i].count++;
            gs_splock_unlock(&fw_lock);
            return;
        }
    if (fw_n_locked == fw_cap) {
        uint32_t cap = fw_cap ? fw_cap * 2 : 64;
        fw_entry *t = gs_alloc(cap * sizeof *t);
        for (uint32_t i = 0; i < fw_n_locked; i++)
            t[i] = fw_tab[i];
        gs_free(fw_tab);
        fw_tab = t;
        fw_cap = cap;
    }
    fw_tab[fw_n_locked++] = (fw_entry){(uintptr_t)obj, 1};
    fw_publish();
    gs_splock_unlock(&fw_lock);
}

void gs_freewait_unblock(go_wait_reason r, const void *obj)
{
    if (!obj || !fw_is_sync_wait(r))
        return;
    gs_splock_lock(&fw_lock);
    for (uint32_t i = 0; i < fw_n_locked; i++)
        if (fw_tab[i].addr == (uintptr_t)obj) {
            if (--fw_tab[i].count == 0) {
                fw_tab[i] = fw_tab[--fw_n_locked];
                fw_publish();
            }
            break;
        }
    gs_splock_unlock(&fw_lock);
}

/* Is some goroutine blocked on a sync object inside [lo, lo+size)? */
static const void *fw_find(uintptr_t lo, size_t size)
{
    if (!__atomic_load_n(&fw_n, __ATOMIC_ACQUIRE))
        return NULL;
    const void *hit = NULL;
    gs_splock_lock(&fw_lock);
    for (uint32_t i = 0; i < fw_n_locked && !hit; i++)
        if (fw_tab[i].addr - lo < size)
            hit = (const void *)fw_tab[i].addr;
    gs_splock_unlock(&fw_lock);
    return hit;
}

static bool fw_waits_in(const gs_gset *s, const gs_gsnap *g, uintptr_t lo, size_t size)
{
    if (g->state != GO_G_WAITING)
        return false;
    if ((uintptr_t)g->wait_obj - lo < size)
        return true;
    const void *const *objs = gs_gsnap_objs(s, g);
    for (size_t i = 0; i < g->nobjs; i++)
        if ((uintptr_t)objs[i] - lo < size)
            return true;
    return false;
}

static void fw_print_waiter(const gs_gset *s, const gs_gsnap *g)
{
    gs_printf("  Goroutine %llu", (unsigned long long)g->id);
    gs_gsnap_print_labels(s, g);
    gs_printf(" is blocked in %s", go_gstate_name(g->state, g->reason));
    gs_gsnap_print_obj(s, g);
    gs_printf(":\n");
    gs_print_stack(g->stack);
    if (g->id != 1) {
        gs_printf("  Goroutine %llu created by goroutine %llu at:\n", (unsigned long long)g->id,
                  (unsigned long long)g->parent_id);
        gs_print_stack(g->create_stack);
    }
    gs_printf("\n");
}

#define FW_KIND "free of object with blocked goroutines"

static size_t fw_count_waiters(const gs_gset *s, uintptr_t lo, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++)
        n += fw_waits_in(s, &s->g[i], lo, size);
    return n;
}

/* The report: the freeing stack, then each goroutine blocked in the range.
 * sure: the library saw a waiter itself (a channel's queue), report even if
 * the snapshot catches it before its park is complete.  Otherwise only
 * goroutines still parked count: a WaitGroup's or Cond's waiter that was
 * already woken has finished with the object and it may be freed. */
void gs_report_free_waited(const void *obj, uintptr_t lo, size_t size, uintptr_t ret_pc, bool sure)
{
    gs_thr *t = gs_thr_current();
    gs_stack_id st = gs_node_to_stack(gs_current_node(t, ret_pc ? ret_pc - 1 : 0));
    if (gs_suppressed("misuse", &st, 1))
        return;
    gs_gset s;
    bool have = gs_gset_take(&s, NULL) >= 0;
    if (have && !sure && !fw_count_waiters(&s, lo, size)) {
        gs_gset_free(&s);
        return;
    }
    if (have)
        gs_gset_save_stacks(&s);
    if (!gs_report_begin(FW_KIND)) {
        if (have)
            gs_gset_free(&s);
        return;
    }
    uint64_t goid = t ? t->goid : 0;
    gs_printf("  Free of %p, which goroutines are blocked on, by ", obj);
    gs_print_who(goid);
    gs_print_labels(goid);
    gs_printf(":\n");
    gs_print_stack(st);
    gs_printf("\n");
    for (size_t i = 0; have && i < s.n; i++)
        if (fw_waits_in(&s, &s.g[i], lo, size))
            fw_print_waiter(&s, &s.g[i]);
    if (have)
        gs_gset_free(&s);
    gs_report_end_ret(FW_KIND, ret_pc);
}

void gs_freewait_check_free(uintptr_t lo, size_t size, uintptr_t ret_pc)
{
    const void *obj = fw_find(lo, size);
    if (obj)
        gs_report_free_waited(obj, lo, size, ret_pc, false);
}
