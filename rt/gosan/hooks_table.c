/* hooks_table.c - the checker's side of rt/hooks/go_hooks.h: one hook table,
 * installed at start-up (init.c), that turns library events into
 * happens-before edges, library-object accesses and misuse reports, and
 * hands each event to the detectors that want it: lock events, goroutine
 * exits and freed memory to the deadlock detectors (held_locks.h), parks
 * to the free of waited objects check (free_waited.h), and the library's
 * all-asleep, dump and leak-check requests to goroutines/.  This is the
 * top layer: it is the one place that sees every detector.
 *
 * Mutex happens-before (Go's model): a write lock acquires the mutex's
 * clock and, for an RWMutex, the readers' clock; an unlock releases into
 * the mutex's clock; a read lock acquires the mutex's clock only and a read
 * unlock releases into the readers' clock, so readers never order each
 * other.
 */
#include "hooks_table.h"

#include "access.h"
#include "all_asleep.h"
#include "call_stack.h"
#include "chan_access.h"
#include "debug_pages.h"
#include "dump.h"
#include "fd_hook.h"
#include "free_waited.h"
#include "goroutine_record.h"
#include "held_locks.h"
#include "leak.h"
#include "lock_access.h"
#include "log.h"
#include "report.h"
#include "report_dedup.h"
#include "report_names.h"
#include "stackdepot.h"
#include "suppress.h"
#include "syncobj.h"

/* The library's functions, weak so that the runtime links on its own. */
#pragma weak go_hooks_install

static __thread uintptr_t pending_stack_lo, pending_stack_hi;

static inline uintptr_t call_pc(void *ret) { return ret ? (uintptr_t)ret - 1 : 0; }

static gs_thr *who(void *ctx)
{
    return ctx ? (gs_thr *)ctx : gs_thr_current();
}

static void *h_g_create(uint64_t parent_id, uint64_t child_id, void *pc)
{
    gs_thr *p = gs_thr_current();
    gs_thr *c = gs_thr_new(child_id);
    c->parent = parent_id;
    c->create_node = gs_current_node(p, call_pc(pc));
    if (pending_stack_hi) {
        c->stack_lo = pending_stack_lo;
        c->stack_hi = pending_stack_hi;
        pending_stack_lo = pending_stack_hi = 0;
    }
    if (p) {
        gs_thr_ready_sync(p);
        gs_vc_copy(&c->clk, &p->clk);
        c->gen = p->gen;
        gs_thr_tick(p);
    }
    gs_grec_created(child_id, parent_id, c->create_node, GS_GREC_CREATED, child_id == 1);
    return c;
}

static void h_g_start(void *ctx)
{
    gs_thr *t = ctx;
    if (!t)
        return;
    t->started = true;
    gs_grec_set_state(t->goid, GS_GREC_RUNNING);
}

static void h_g_exit(void *ctx)
{
    gs_thr *t = ctx;
    if (!t)
        return;
    t->finished = true;
    if (t->stack_hi)
        gs_stack_exited(t->stack_lo);
    gs_labels_remember(t);
    gs_grec_set_state(t->goid, GS_GREC_FINISHED);
    gs_held_locks_g_exit(t->goid);
    if (gs_cur == t)
        gs_cur = NULL;
    gs_thr_free(t);
}

/* The main thread ran as a plain thread before the library made it
 * goroutine 1: goroutine 1 inherits that history and call stack. */
static void adopt_fallback(gs_thr *t)
{
    gs_thr *f = gs_thr_fallback();
    if (!f || f == t || f->goid != t->goid || f->finished)
        return;
    gs_thr_sync_gen(f);
    gs_thr_sync_gen(t);
    gs_thr_acquire_clock(t, f->clk.e, gs_vc_limit_now());
    for (uint32_t i = 0; i < f->depth && i < f->cap; i++)
        gs_thr_push_slow(t, f->pcs[i]);
    t->create_node = f->create_node;
    f->finished = true; /* never adopted twice */
    gs_slot_detach(f);
}

static void h_g_switch(void *ctx)
{
    gs_thr *t = ctx;
    if (t && t->goid == 1 && !t->started)
        adopt_fallback(t);
    gs_cur = t;
    gs_thr_runs_goroutines = true;
}

static void h_stack_reuse(void *lo, size_t size)
{
    gs_shadow_clear_touched((uintptr_t)lo, size);
    gs_sync_free_range((uintptr_t)lo, size);
    gs_deadlock_forget_range((uintptr_t)lo, size);
    pending_stack_lo = (uintptr_t)lo;
    pending_stack_hi = (uintptr_t)lo + size;
}

/* A happens-before operation on sync by ctx's goroutine (NULL: the running one). */
static void hb(void *ctx, const void *sync, gs_sync_op op, bool serial)
{
    gs_thr *t = who(ctx);
    if (t)
        gs_sync_at(t, (uintptr_t)sync, GS_SYNC_PLAIN, op, serial);
}

static void h_acquire(void *ctx, const void *sync, void *pc)
{
    (void)pc;
    hb(ctx, sync, GS_SYNC_OP_ACQUIRE, false);
}

static void h_release(void *ctx, const void *sync, void *pc)
{
    (void)pc;
    hb(ctx, sync, GS_SYNC_OP_RELEASE, false);
}

static void h_release_store(void *ctx, const void *sync, void *pc)
{
    (void)pc;
    hb(ctx, sync, GS_SYNC_OP_RELEASE_STORE, false);
}

static void h_release_acquire(void *ctx, const void *sync, void *pc)
{
    (void)pc;
    hb(ctx, sync, GS_SYNC_OP_RELEASE_ACQUIRE, false);
}

static void h_hb_serial(go_hb_op op, void *ctx, const void *sync, void *pc)
{
    (void)pc;
    hb(ctx, sync,
       op == GO_HB_ACQUIRE ? GS_SYNC_OP_ACQUIRE
       : op == GO_HB_RELEASE_STORE ? GS_SYNC_OP_RELEASE_STORE
                                   : GS_SYNC_OP_RELEASE_ACQUIRE,
       true);
}

static void h_sync_free(const void *sync, size_t size)
{
    gs_sync_free_range((uintptr_t)sync, size ? size : 1);
    gs_deadlock_forget_range((uintptr_t)sync, size ? size : 1);
}

static void h_access(void *ctx, const void *addr, size_t size, int flags, go_obj_kind kind, void *pc)
{
    gs_thr *t = who(ctx);
    uint64_t k = (flags & (GO_ACCESS_WRITE | GO_ACCESS_FREE)) ? GS_K_WRITE : GS_K_READ;
    /* A sync call's read of its object's first byte (mutexes, and
     * go_cond's and go_once's calls, read as often), aside: lock_access.h. */
    if (k == GS_K_READ && size == 1 &&
        (kind == GO_OBJ_MUTEX || kind == GO_OBJ_RWMUTEX || kind == GO_OBJ_COND || kind == GO_OBJ_ONCE)) {
        gs_lock_object_read(t, (uintptr_t)addr, call_pc(pc));
        return;
    }
    if (flags & GO_ACCESS_ATOMIC)
        k |= GS_K_ATOMIC;
    gs_access_thr(t, (uintptr_t)addr, size, k, call_pc(pc));
}

/* A channel's race address, checked against its record (chan_access.c). */
static void h_chan(go_chan_event ev, void *rec, const void *c, size_t size, void *pc)
{
    gs_thr *t = gs_thr_current();
    if (ev == GO_CHAN_SEND)
        gs_chan_send(t, rec, (uintptr_t)c, call_pc(pc));
    else if (ev == GO_CHAN_CLOSE)
        gs_chan_close(t, rec, (uintptr_t)c, call_pc(pc));
    else
        gs_chan_free(t, rec, (uintptr_t)c, size, call_pc(pc));
}

/* serial: the event is ordered with every other event on (m, tag) by the
 * mutex itself, so the sync object's own lock can be skipped (as for
 * hb_serial).  A write lock's LOCKED and UNLOCK are reported while it is
 * held exclusively (go_hooks.h), and so are the only events on the plain
 * clock then: readers touch it only while they hold the read lock, which
 * excludes the writer.  A reader's events can overlap other readers'. */
static void mutex_op(const void *m, uint8_t tag, bool release, bool serial)
{
    gs_thr *t = gs_thr_current();
    if (t)
        gs_sync_at(t, (uintptr_t)m, tag, release ? GS_SYNC_OP_RELEASE : GS_SYNC_OP_ACQUIRE, serial);
}

static void h_mutex(go_mutex_event ev, const void *m, bool is_rw, void *pc)
{
    switch (ev) {
    case GO_MUTEX_LOCKED:
        mutex_op(m, GS_SYNC_PLAIN, false, true);
        if (is_rw)
            mutex_op(m, GS_SYNC_RW_READERS, false, false);
        break;
    case GO_MUTEX_UNLOCK:
        mutex_op(m, GS_SYNC_PLAIN, true, true);
        break;
    case GO_MUTEX_RLOCKED:
        mutex_op(m, GS_SYNC_PLAIN, false, false);
        break;
    case GO_MUTEX_RUNLOCK:
        mutex_op(m, GS_SYNC_RW_READERS, true, false);
        break;
    default:
        break;
    }
    gs_held_locks_event(ev, m, is_rw, pc);
}

static void h_block(go_wait_reason reason, const void *obj, void *pc)
{
    gs_thr *t = gs_cur;
    if (t) {
        t->block_reason = reason;
        t->block_obj = obj;
        t->block_pc = pc;
        gs_freewait_block(reason, obj);
    }
}

static void h_unblock(void)
{
    gs_thr *t = gs_cur;
    if (t) {
        gs_freewait_unblock(t->block_reason, t->block_obj);
        t->block_reason = GO_WAIT_NONE;
        t->block_obj = NULL;
    }
}

static void misuse_report(const char *kind, const void *obj, uintptr_t ret_pc);

/* In flight from detection on, as a race is (race_report.c). */
static void report_misuse(const char *kind, const void *obj, uintptr_t ret_pc)
{
    gs_report_enter();
    misuse_report(kind, obj, ret_pc);
    gs_report_leave();
}

static void misuse_report(const char *kind, const void *obj, uintptr_t ret_pc)
{
    gs_thr *t = gs_thr_current();
    uint32_t node = gs_current_node(t, ret_pc ? ret_pc - 1 : 0);
    gs_stack_id st = gs_node_to_stack(node);
    uint64_t key = 0xcbf29ce484222325ull;
    for (const char *p = kind; *p; p++)
        key = (key ^ (uint8_t)*p) * 0x100000001b3ull;
    key ^= ret_pc * 0x9e3779b97f4a7c15ull;
    if (gs_suppressed("misuse", &st, 1) || gs_report_seen(key))
        return;
    if (!gs_report_begin(kind))
        return;
    uint64_t goid = t ? t->goid : 0;
    gs_printf("  %c%s (object %p) by goroutine %llu", kind[0] - 'a' + 'A', kind + 1, obj,
              (unsigned long long)goid);
    gs_print_labels(goid);
    gs_printf(":\n");
    gs_print_stack(st);
    gs_printf("\n");
    if (goid)
        gs_print_goroutine(goid);
    gs_printf("\n");
    gs_report_end_ret(kind, ret_pc);
}

static void h_misuse(go_misuse kind, const void *obj, void *pc)
{
    if (kind == GO_MISUSE_FREE_WAITED) {
        gs_report_free_waited(obj, (uintptr_t)obj, 1, (uintptr_t)pc, true);
        return;
    }
    report_misuse(go_misuse_name(kind), obj, (uintptr_t)pc);
}

static void h_ignore(int delta)
{
    gs_thr *t = gs_thr_current();
    if (t)
        gs_thr_ignore(t, delta);
}

static struct go_hooks hooks = {
    .version = GO_HOOKS_VERSION,
    .g_create = h_g_create,
    .g_start = h_g_start,
    .g_exit = h_g_exit,
    .g_switch = h_g_switch,
    .stack_reuse = h_stack_reuse,
    .acquire = h_acquire,
    .release = h_release,
    .release_store = h_release_store,
    .release_acquire = h_release_acquire,
    .hb_serial = h_hb_serial,
    .sync_free = h_sync_free,
    .access = h_access,
    .chan = h_chan,
    .mutex = h_mutex,
    .block = h_block,
    .unblock = h_unblock,
    .misuse = h_misuse,
    .ignore = h_ignore,
    .all_asleep = gs_all_asleep_report,
    .dump = gs_dump,
    .leakcheck = gs_leakcheck,
    .fd = gs_fd_hook,

    .debug_page = gs_debug_page,
};

void gs_hooks_install(void)
{
    if (go_hooks_install && go_hooks_install(&hooks) != 0)
        gs_warn("the gosan library and checker disagree on the hook interface version");
}
