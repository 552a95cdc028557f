/* hooks.c - the library's side of go_hooks.h: the hook table pointer and the
 * queries the checker may make (goroutine snapshots, stop-the-world, safe
 * frame-pointer walks).  Nothing else of the library is visible to it.
 *
 * The queries that read the goroutine list take go_sched.all_lock unless the
 * calling thread already owns the list: it stopped the world, or it is inside
 * go_hooks_foreach_g, whose callback may walk a goroutine's stack (which
 * looks the stack up in the same list).  golock is not recursive, so taking
 * it twice would hang the thread that is writing a report.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "g.h"

const struct go_hooks *go_hooks_active;

int go_hooks_install(const struct go_hooks *h)
{
    if (!h || h->version != GO_HOOKS_VERSION) {
        fprintf(stderr, "gosan: checker hook table version %u, library expects %u: checker disabled\n",
                h ? h->version : 0, GO_HOOKS_VERSION);
        return GO_EINVAL;
    }
    go_hooks_active = h;
    return 0;
}

/* go_ginfo.state_since_ns is a reading of GO_HOOKS_STATE_CLOCK, but in the
 * deterministic mode g->state_since is virtual time: it is moved onto the
 * real clock keeping its age, so the checker's "(for 2 minutes)" is the
 * virtual wait the program saw, not the machine's uptime. */
static int64_t state_since_on_hook_clock(int64_t since)
{
    if (!GO_DET_ON() || !since)
        return since;
    struct timespec ts;
    clock_gettime(GO_HOOKS_STATE_CLOCK, &ts);
    int64_t real_now = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
    return real_now - (go_det_now_quiet() - since);
}

static void fill(go_ginfo *gi, go_g *g, bool self)
{
    memset(gi, 0, sizeof *gi);
    gi->id = g->id;
    gi->parent_id = g->parent_id;
    int st = atomic_load(&g->status);
    gi->state = st == G_WAITING ? GO_G_WAITING : st == G_RUNNABLE ? GO_G_RUNNABLE : GO_G_RUNNING;
    if (st == G_RUNNING && g->m && !g->bound_m && !atomic_load(&g->m->token))
        gi->state = GO_G_SYSCALL;
    if (st == G_WAITING) {
        gi->wait_reason = g->wait_reason;
        gi->wait_obj = g->wait_obj;
        gi->wait_objs = g->wait_objs;
        gi->nwait_objs = g->nwait_objs;
        gi->state_since_ns = state_since_on_hook_clock(g->state_since);
    }
    gi->create_pc = g->create_pc;
    gi->checker_ctx = g->checker_ctx;
    gi->labels = g->labels;
    gi->nlabels = g->nlabels;
    bool parked = (st == G_WAITING || st == G_RUNNABLE) && !g->bound_m && g->sp;
    if (parked) {
        void *const *sp = g->sp;
        gi->stack_lo = g->sp;
        gi->stack_hi = g->stack_hi;
        if (sp[7] != (void *)go_ctx_trampoline) {
            gi->saved_fp = sp[6];
            gi->saved_pc = sp[7];
        }
    } else if (self) {
        gi->stack_lo = __builtin_frame_address(0);
        gi->stack_hi = g->stack_hi;
        gi->saved_fp = __builtin_frame_address(0);
    } else {
        const void *lo;
        void *fp, *pc;
        if (go_world_regs(g, &lo, &fp, &pc)) {
            gi->stack_lo = lo;
            gi->stack_hi = g->stack_hi;
            gi->saved_fp = fp;
            gi->saved_pc = pc;
        }
    }
}

static __thread bool all_list_mine; /* this thread holds all_lock, in go_hooks_foreach_g */

/* Takes all_lock unless this thread already owns the goroutine list; true
 * when it took it (the caller then calls all_list_release). */
static bool all_list_acquire(void)
{
    if (all_list_mine || go_world_stopped_by_me())
        return false;
    golock_lock(&go_sched.all_lock);
    all_list_mine = true;
    return true;
}

static void all_list_release(void)
{
    all_list_mine = false;
    golock_unlock(&go_sched.all_lock);
}

void go_hooks_foreach_g(void (*fn)(const go_ginfo *g, void *arg), void *arg)
{
    go_g *self = go_cur_g();
    bool took = all_list_acquire();
    go_g *g = go_sched.all;
    while (g && g->all_next)
        g = g->all_next;
    for (; g; g = g->all_prev) {
        go_ginfo gi;
        fill(&gi, g, g == self);
        fn(&gi, arg);
    }
    if (took)
        all_list_release();
}

void go_hooks_self(void (*fn)(const go_ginfo *g, void *arg), void *arg)
{
    go_g *g = go_cur_g();
    if (!g)
        return;
    go_ginfo gi;
    fill(&gi, g, true);
    fn(&gi, arg);
}

void *go_hooks_self_ctx(void)
{
    go_g *g = go_cur_g();
    return g ? g->checker_ctx : NULL;
}

void go_hooks_entry_range(uintptr_t *lo, uintptr_t *hi)
{
    *lo = (uintptr_t)__start_gosan_go_entry;
    *hi = (uintptr_t)__stop_gosan_go_entry;
}

void go_hooks_chan_len_cap(const void *chan, size_t *len, size_t *cap)
{
    *len = go_chan_len((go_chan *)chan);
    *cap = go_chan_cap((go_chan *)chan);
}

/* Is p inside some goroutine's stack, or the calling thread's? */
static bool in_stack(const char *p, const char *lo, const char *hi) { return p >= lo && p + 16 <= hi; }

size_t go_hooks_fp_walk(void *fp, void *pc, void **out, size_t max)
{
    size_t n = 0;
    if (max && pc)
        out[n++] = pc;
    /* Find the stack holding fp: the current goroutine's, or a parked one's. */
    const char *lo = NULL, *hi = NULL;
    go_g *self = go_cur_g();
    if (self && self->stack_lo && in_stack(fp, self->stack_lo, self->stack_hi)) {
        lo = self->stack_lo;
        hi = self->stack_hi;
    } else {
        bool took = all_list_acquire();
        for (go_g *g = go_sched.all; g; g = g->all_next)
            if (g->stack_lo && in_stack(fp, g->stack_lo, g->stack_hi)) {
                lo = g->stack_lo;
                hi = g->stack_hi;
                break;
            }
        if (took)
            all_list_release();
    }
    if (!lo)
        return n;
    return n + go_hooks_fp_chain(fp, lo, hi, out + n, max - n);
}
