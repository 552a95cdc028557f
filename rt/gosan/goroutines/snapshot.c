/* snapshot.c - goroutine snapshots (see snapshot.h).
 *
 * Invariant: fill_one runs under the library's goroutine-list lock and
 * possibly with the world stopped, so it only copies into the buffers
 * reserved before; when one is too small it sets `overflow` and the whole
 * snapshot is taken again with larger buffers.
 */
#include "snapshot.h"

#include <sys/syscall.h>
#include <unistd.h>

#include "callnode.h"
#include "report.h"
#include "report_record.h"
#include "str.h"
#include "internal_alloc.h"
#include "quote.h"
#include "symbolize.h"
#include "thread_state.h"
#include "user_stack.h"

/* The library's side, weak so that the runtime links on its own. */
#pragma weak go_hooks_foreach_g
#pragma weak go_hooks_stop_world
#pragma weak go_hooks_start_world
#pragma weak go_hooks_fp_walk
#pragma weak go_hooks_self_ctx
#pragma weak go_hooks_chan_len_cap

extern void *__libc_stack_end;

#define GSNAP_MAIN_STACK_MAX (64ul << 20)
#define GSNAP_OBJS_PER_G 8
#define GSNAP_STRS_PER_G 128
#define GSNAP_MAX_LABELS 32    /* labels_cut has two bits per label */
#define GSNAP_LABEL_STR 128    /* bytes kept of one key or value */
#define GSNAP_LABEL_BYTES 1024 /* label bytes kept per goroutine */
#define GSNAP_ATTEMPTS 6

bool gs_wait_is_primitive(go_wait_reason r)
{
    switch (r) {
    case GO_WAIT_CHAN_SEND:
    case GO_WAIT_CHAN_RECV:
    case GO_WAIT_CHAN_SEND_NIL:
    case GO_WAIT_CHAN_RECV_NIL:
    case GO_WAIT_SELECT:
    case GO_WAIT_SELECT_NO_CASES:
    case GO_WAIT_WAITGROUP:
    case GO_WAIT_COND:
        return true;
    default:
        return false;
    }
}

/* ---- filling */

typedef struct fill_ctx {
    gs_gset *s;
    void *self_fp, *self_pc;
} fill_ctx;

static size_t shadow_depth(const gs_thr *t)
{
    if (!t)
        return 0;
    uint32_t d = __atomic_load_n(&t->depth, __ATOMIC_RELAXED);
    return d < t->cap ? d : t->cap;
}

/* The caller's own frame chain, from fp up to hi (exclusive), with pc as
 * frame 0. */
static size_t own_walk(void *fp, void *pc, uintptr_t hi, void **w, size_t max)
{
    w[0] = pc;
    return 1 + go_hooks_fp_chain(fp, fp, (const void *)hi, w + 1, max - 1);
}

/* The top of the caller's stack, if known: where own_walk may read up to.
 * The main thread's is trusted only if `here` is plausibly on it. */
static uintptr_t self_stack_hi(const go_ginfo *gi, const gs_thr *t, uintptr_t here)
{
    if (gi->stack_hi)
        return (uintptr_t)gi->stack_hi;
    if (t && t->stack_hi)
        return t->stack_hi;
    uintptr_t top = (uintptr_t)__libc_stack_end;
    if (syscall(SYS_gettid) == getpid() && here < top && top - here < GSNAP_MAIN_STACK_MAX)
        return top;
    return 0;
}

/* Frame 0 of a goroutine that is not parked in a library call: the frame
 * below its innermost instrumented function in a frame-pointer walk (that
 * function's return address is the top of the shadow stack).  With no
 * shadow stack at all, the raw walk is the whole stack. */
static size_t walk_top(fill_ctx *fc, const gs_gsnap *g, const go_ginfo *gi, size_t d, uintptr_t *dst)
{
    const gs_thr *t = gi->checker_ctx;
    void *w[GS_STACK_MAX_DEPTH];
    size_t m = 0;
    uintptr_t hi = g->self ? g->stack_hi : 0;
    if (g->self && hi)
        m = own_walk(fc->self_fp, fc->self_pc, hi, w, GS_STACK_MAX_DEPTH);
    else if (go_hooks_fp_walk && (g->self ? fc->self_fp : gi->saved_fp))
        m = go_hooks_fp_walk(g->self ? fc->self_fp : gi->saved_fp, g->self ? fc->self_pc : gi->saved_pc, w,
                             GS_STACK_MAX_DEPTH);
    if (d == 0) {
        for (size_t i = 0; i < m; i++)
            dst[i] = (uintptr_t)w[i];
        return m;
    }
    for (size_t j = 1; j < m; j++) {
        if ((uintptr_t)w[j] == t->pcs[d - 1]) {
            dst[0] = j == 1 ? (uintptr_t)w[0] : (uintptr_t)w[j - 1] - 1;
            return 1;
        }
    }
    return 0;
}

static void capture_stack(fill_ctx *fc, gs_gsnap *g, const go_ginfo *gi)
{
    gs_gset *s = fc->s;
    const gs_thr *t = gi->checker_ctx;
    g->pcs_off = s->npcs;
    g->npcs = 0;
    if (gi->state == GO_G_RUNNING && !g->self && !s->world_stopped)
        return; /* its stack changes under us: Go prints "stack unavailable" too */
    if (s->cappcs - s->npcs < GS_STACK_MAX_DEPTH) {
        s->overflow = true;
        return;
    }
    g->has_stack = true;
    uintptr_t *dst = s->pcs + s->npcs;
    size_t d = shadow_depth(t), n = 0;
    if (gi->state == GO_G_WAITING && t && t->block_reason != GO_WAIT_NONE && t->block_pc) {
        dst[n++] = (uintptr_t)t->block_pc - 1;
    } else {
        n = walk_top(fc, g, gi, d, dst);
        if (d == 0) {
            g->npcs = n;
            s->npcs += n;
            return;
        }
    }
    for (size_t i = d; i-- > 0 && n < GS_STACK_MAX_DEPTH;)
        dst[n++] = t->pcs[i];
    g->npcs = n;
    s->npcs += n;
}

/* Copies at most GSNAP_LABEL_STR bytes of str; *cut says it was longer. */
static bool copy_str(gs_gset *s, const char *str, bool *cut)
{
    if (!str)
        str = "";
    size_t len = 0;
    while (len < GSNAP_LABEL_STR && str[len])
        len++;
    *cut = str[len] != 0;
    if (s->capstrs - s->nstrs < len + 1) {
        s->overflow = true;
        return false;
    }
    __builtin_memcpy(s->strs + s->nstrs, str, len);
    s->strs[s->nstrs + len] = 0;
    s->nstrs += len + 1;
    return true;
}

/* Bounded per goroutine (count and bytes), so that one goroutine with huge
 * labels cannot make every snapshot overflow; what is left out is counted
 * and shown as such. */
static void copy_labels(gs_gset *s, gs_gsnap *g, const go_ginfo *gi)
{
    g->labels_off = s->nstrs;
    g->nlabels = 0;
    g->labels_cut = 0;
    size_t i = 0;
    for (; i < gi->nlabels && i < GSNAP_MAX_LABELS && s->nstrs - g->labels_off < GSNAP_LABEL_BYTES; i++) {
        bool kc, vc;
        if (!copy_str(s, gi->labels[i].key, &kc) || !copy_str(s, gi->labels[i].value, &vc))
            return;
        g->labels_cut |= (uint64_t)kc << (2 * i) | (uint64_t)vc << (2 * i + 1);
        g->nlabels++;
    }
    g->labels_omitted = gi->nlabels - i;
}

static void copy_objs(gs_gset *s, gs_gsnap *g, const go_ginfo *gi)
{
    g->objs_off = s->nobjs;
    g->nobjs = 0;
    if (gi->nwait_objs > s->capobjs - s->nobjs) {
        s->overflow = true;
        return;
    }
    for (size_t i = 0; i < gi->nwait_objs; i++)
        if (gi->wait_objs[i])
            s->objs[s->nobjs + g->nobjs++] = gi->wait_objs[i];
    s->nobjs += g->nobjs;
}

static void fill_one(const go_ginfo *gi, void *arg)
{
    fill_ctx *fc = arg;
    gs_gset *s = fc->s;
    if (gi->state == GO_G_DEAD)
        return;
    if (s->n == s->cap) {
        s->overflow = true;
        return;
    }
    gs_gsnap *g = &s->g[s->n++];
    __builtin_memset(g, 0, sizeof(*g));
    const gs_thr *t = gi->checker_ctx;
    g->id = gi->id;
    g->parent_id = gi->parent_id;
    g->state = gi->state;
    g->reason = gi->state == GO_G_WAITING ? gi->wait_reason : GO_WAIT_NONE;
    g->wait_obj = gi->wait_obj;
    g->since_ns = gi->state_since_ns;
    g->create_pc = gi->create_pc;
    g->create_node = t ? t->create_node : 0;
    g->stack_lo = (uintptr_t)gi->stack_lo;
    g->stack_hi = (uintptr_t)gi->stack_hi;
    g->self = s->self_id && gi->id == s->self_id;
    if (g->self)
        g->state = GO_G_RUNNING; /* the caller runs, whatever its worker's token says */
    if (g->self) { /* the caller: from below gs_gset_take's register spills up */
        g->stack_hi = self_stack_hi(gi, t, s->self_lo);
        g->stack_lo = g->stack_hi > s->self_lo ? s->self_lo : 0;
        if (!g->stack_lo)
            g->stack_hi = 0;
    }
    copy_objs(s, g, gi);
    copy_labels(s, g, gi);
    capture_stack(fc, g, gi);
}

static void count_one(const go_ginfo *gi, void *arg)
{
    (void)gi;
    (*(size_t *)arg)++;
}

static void reserve(gs_gset *s, size_t cap)
{
    gs_gset_free(s);
    s->cap = cap;
    s->g = gs_alloc(cap * sizeof(*s->g));
    s->capobjs = cap * GSNAP_OBJS_PER_G;
    s->objs = gs_alloc(s->capobjs * sizeof(*s->objs));
    s->capstrs = cap * GSNAP_STRS_PER_G;
    s->strs = gs_alloc(s->capstrs);
    s->cappcs = cap * GS_STACK_MAX_DEPTH;
    s->pcs = gs_alloc(s->cappcs * sizeof(*s->pcs));
    s->order = gs_alloc(cap * sizeof(*s->order));
}

/* The goroutine taking the snapshot, or 0: the library's answer, since on
 * a worker's scheduler context (no goroutine) gs_cur may still name a
 * record of goroutine 1 (the main thread's from before it became one). */
static uint64_t self_goid(void)
{
    if (go_hooks_self_ctx) {
        const gs_thr *g = go_hooks_self_ctx();
        return g ? g->goid : 0;
    }
    gs_thr *t = gs_cur;
    return t && !t->is_thread ? t->goid : 0;
}

/* Noinline with every callee-saved register spilled in its frame: the
 * caller's stack from just below this frame up holds every pointer the
 * caller had, for the reachability scan of the caller's own stack. */
__attribute__((noinline)) int gs_gset_take(gs_gset *s, const gs_gset_user *user)
{
    __builtin_unwind_init();
    __builtin_memset(s, 0, sizeof(*s));
    if (!go_hooks_foreach_g)
        return -1;
    size_t hint = 0;
    go_hooks_foreach_g(count_one, &hint);
    fill_ctx fc = {s, __builtin_frame_address(0), (void *)(uintptr_t)&gs_gset_take};
    for (int attempt = 0; attempt < GSNAP_ATTEMPTS; attempt++) {
        reserve(s, hint * 2 + 16);
        s->self_id = self_goid();
        s->self_lo = (uintptr_t)fc.self_fp - 64; /* the spills sit just below the frame pointer */
        if (user && user->prepare)
            user->prepare(s, user->arg, attempt);
        bool stopped = user && go_hooks_stop_world && go_hooks_stop_world() == 0;
        s->world_stopped = stopped;
        go_hooks_foreach_g(fill_one, &fc);
        int rc = 2;
        if (stopped && !s->overflow && user->stopped)
            rc = user->stopped(s, user->arg);
        if (stopped)
            go_hooks_start_world();
        if (s->overflow || rc == 1) {
            hint = s->cap * 2;
            continue;
        }
        return stopped && rc == 0 ? 1 : 0;
    }
    gs_gset_free(s);
    return -1;
}

void gs_gset_save_stacks(gs_gset *s)
{
    for (size_t i = 0; i < s->n; i++) {
        gs_gsnap *g = &s->g[i];
        g->stack = g->npcs ? gs_stack_save_user(s->pcs + g->pcs_off, g->npcs) : 0;
        uintptr_t pcs[GS_STACK_MAX_DEPTH];
        size_t n = g->create_node ? gs_node_stack(g->create_node, pcs, GS_STACK_MAX_DEPTH) : 0;
        if (n == 0 && g->create_pc)
            pcs[n++] = (uintptr_t)g->create_pc - 1;
        g->create_stack = n ? gs_stack_save_user(pcs, n) : 0;
    }
}

void gs_gset_free(gs_gset *s)
{
    gs_free(s->g);
    gs_free(s->objs);
    gs_free(s->strs);
    gs_free(s->pcs);
    gs_free(s->order);
    s->order = NULL;
    s->g = NULL;
    s->objs = NULL;
    s->strs = NULL;
    s->pcs = NULL;
    s->n = s->nobjs = s->nstrs = s->npcs = 0;
    s->overflow = false;
}

/* ---- printing helpers shared by the reports */

const char *gs_gsnap_format_labels(const gs_gset *s, const gs_gsnap *g, char *buf, size_t size,
                                   bool dump_style)
{
    gs_labels_out o;
    gs_labels_begin(&o, buf, size, dump_style);
    const char *p = gs_gsnap_labels(s, g);
    for (size_t i = 0; i < g->nlabels; i++) {
        const char *k = p;
        size_t kl = gs_strlen(k);
        const char *v = k + kl + 1;
        size_t vl = gs_strlen(v);
        p = v + vl + 1;
        gs_labels_add(&o, k, kl, g->labels_cut >> (2 * i) & 1, v, vl, g->labels_cut >> (2 * i + 1) & 1);
    }
    gs_labels_omit(&o, g->labels_omitted);
    return gs_labels_end(&o);
}

void gs_gsnap_print_labels(const gs_gset *s, const gs_gsnap *g)
{
    if (!g->nlabels && !g->labels_omitted)
        return;
    char buf[512];
    const char *labels = gs_gsnap_format_labels(s, g, buf, sizeof buf, false);
    gs_rec_who(g->id, 0); /* the stack that follows is this goroutine's */
    gs_rec_labels(labels);
    gs_printf(" [%s]", labels);
}

static void print_chan(const void *c)
{
    size_t len, cap;
    if (go_hooks_chan_len_cap) {
        go_hooks_chan_len_cap(c, &len, &cap);
        gs_printf("channel %p (len %zu, cap %zu)", c, len, cap);
    } else
        gs_printf("channel %p", c);
}

void gs_gsnap_print_origin(const gs_gsnap *g)
{
    if (g->id == 1) {
        gs_printf("  Goroutine 1 is main.\n");
    } else {
        gs_printf("  Goroutine %llu created by goroutine %llu at:\n", (unsigned long long)g->id,
                  (unsigned long long)g->parent_id);
        gs_print_stack(g->create_stack);
    }
    gs_printf("\n");
}

void gs_gsnap_print_obj(const gs_gset *s, const gs_gsnap *g)
{
    switch (g->reason) {
    case GO_WAIT_CHAN_SEND:
    case GO_WAIT_CHAN_RECV:
        if (g->wait_obj) {
            gs_printf(" on ");
            print_chan(g->wait_obj);
        }
        return;
    case GO_WAIT_CHAN_SEND_NIL:
    case GO_WAIT_CHAN_RECV_NIL:
        gs_printf(" on a NULL channel");
        return;
    case GO_WAIT_SELECT: {
        const void *const *objs = gs_gsnap_objs(s, g);
        for (size_t i = 0; i < g->nobjs; i++) {
            gs_printf(i ? ", " : " on ");
            print_chan(objs[i]);
        }
        return;
    }
    case GO_WAIT_WAITGROUP: gs_printf(" on WaitGroup %p", g->wait_obj); return;
    case GO_WAIT_COND: gs_printf(" on Cond %p", g->wait_obj); return;
    case GO_WAIT_MUTEX: gs_printf(" on Mutex %p", g->wait_obj); return;
    case GO_WAIT_RWMUTEX_LOCK:
    case GO_WAIT_RWMUTEX_RLOCK: gs_printf(" on RWMutex %p", g->wait_obj); return;
    case GO_WAIT_IO: gs_printf(" on go_fd %p", g->wait_obj); return;
    default: return;
    }
}
