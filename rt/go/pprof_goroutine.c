/* pprof_goroutine.c - the goroutine profile (every goroutine, grouped by
 * stack and label set), gosan_pprof_write, and the profiles written at exit
 * (GOSAN_MUTEXPROFILE, GOSAN_BLOCKPROFILE).
 *
 * The snapshot is taken with the world stopped (world.c), so goroutines
 * running on other workers show their stacks too and every label set is
 * copied while its owner cannot change it.  Nothing is allocated while the
 * world is stopped (a stopped thread may hold malloc's lock): the snapshot
 * array is allocated first, sized from a count of the goroutines, and
 * taken again larger if goroutines were spawned in between.  When the
 * world cannot be stopped (already stopped by the checker, a worker not
 * answering, three times) the snapshot is taken under the goroutine-list
 * lock alone and running goroutines are filed under their start function.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pprof.h"

static size_t copy_str(char *buf, size_t *off, size_t size, const char *s)
{
    size_t n = strlen(s);
    if (*off + n + 1 > size)
        return SIZE_MAX;
    memcpy(buf + *off, s, n + 1);
    size_t at = *off;
    *off += n + 1;
    return at;
}

/* A goroutine stopped (or interrupted by SIGQUIT) inside go_label_set has
 * an array in flux (labels_seq odd): it is shown without labels. */
static void copy_labels(go_g *g, pp_gsnap *s)
{
    size_t off = 0, n = 0;
    s->nlabels = 0;
    if (atomic_load_explicit(&g->labels_seq, memory_order_acquire) & 1)
        return;
    size_t at[8][2];
    for (size_t i = 0; i < g->nlabels && n < 8; i++) {
        if (!g->labels[i].key || !g->labels[i].value)
            continue;
        size_t k = copy_str(s->label_text, &off, sizeof s->label_text, g->labels[i].key);
        size_t v = k == SIZE_MAX ? SIZE_MAX : copy_str(s->label_text, &off, sizeof s->label_text, g->labels[i].value);
        if (v == SIZE_MAX)
            break;
        at[n][0] = k;
        at[n][1] = v;
        n++;
    }
    for (size_t i = 0; i < n; i++)
        s->labels[i] = (pp_label){s->label_text + at[i][0], s->label_text + at[i][1]};
    s->nlabels = n;
}

void go_pprof_snap_g(go_g *g, pp_gsnap *s, bool self, void *fp, void *const *pre, size_t npre, const void *lo)
{
    memset(s, 0, offsetof(pp_gsnap, pcs));
    s->id = g->id;
    s->parent_id = g->parent_id;
    s->status = atomic_load(&g->status);
    s->reason = g->wait_reason;
    s->since = g->state_since;
    s->create_pc = (uintptr_t)g->create_pc;
    s->self = self;
    s->is_main = g->is_main;
    void *raw[PP_MAX_FRAMES + 16];
    size_t n = 0;
    bool first_exact = false;
    const void *stack_lo = g->stack_lo;
    if (self) {
        fp = __builtin_frame_address(0);
        stack_lo = fp;
    } else if (!fp && (s->status == G_WAITING || s->status == G_RUNNABLE) && g->sp) {
        void *const *sp = g->sp;
        if (sp[7] == (void *)go_ctx_trampoline) { /* not started: its function */
            raw[n++] = (void *)g->fn;
            first_exact = true;
            fp = NULL;
        } else {
            fp = sp[6];
            raw[n++] = sp[7];
        }
    } else if (fp) {
        for (size_t i = 0; i < npre && n < 8; i++)
            raw[n++] = pre[i];
        first_exact = true;
        stack_lo = lo;
    }
    if (fp || n) {
        s->stack_known = true;
        if (fp && g->stack_hi)
            n += go_hooks_fp_chain(fp, stack_lo ? stack_lo : fp, g->stack_hi, raw + n, PP_MAX_FRAMES + 16 - n);
        s->npcs = go_pprof_user_frames(raw, n, first_exact, true, g->is_main, s->pcs, PP_MAX_FRAMES);
    }
    copy_labels(g, s);
}

/* A goroutine whose stack is unknown (running where the world could not
 * be stopped, or caught switching stacks) still counts in the profile: it
 * is filed under the function it was started with, so a profile's totals
 * never depend on where the workers were interrupted.  The text traceback
 * says the stack is unavailable (stack_known). */
static void file_under_start_function(go_g *g, pp_gsnap *s)
{
    s->npcs = 0;
    if (g->fn) {
        void *root = (void *)g->fn;
        s->npcs = go_pprof_user_frames(&root, 1, true, true, g->is_main, s->pcs, PP_MAX_FRAMES);
    }
}

/* Up to max goroutines into out, the caller's first, then oldest first.
 * Returns how many there are (more than max: take again). */
static size_t take_snapshot(pp_gsnap *out, size_t max, bool stopped)
{
    go_g *self = go_cur_g();
    size_t n = 0, total = 0;
    if (self) {
        if (n < max)
            go_pprof_snap_g(self, &out[n++], true, NULL, NULL, 0, NULL);
        total++;
    }
    go_g *g = go_sched.all;
    while (g && g->all_next)
        g = g->all_next;
    for (; g; g = g->all_prev) {
        if (g == self)
            continue;
        total++;
        if (n >= max)
            continue;
        const void *lo = NULL;
        void *fp = NULL, *pc = NULL;
        int st = atomic_load(&g->status);
        if (st == G_RUNNING || st == G_RUNNING_WOKEN) {
            if (!stopped || !go_world_regs(g, &lo, &fp, &pc))
                fp = pc = NULL;
        }
        void *pre[2] = {pc, fp ? (void *)go_pprof_checker_ret((uintptr_t)pc, go_world_sp(g)) : NULL};
        go_pprof_snap_g(g, &out[n], false, fp, pre, pre[1] ? 2 : 1, lo);
        if ((st == G_RUNNING || st == G_RUNNING_WOKEN) && !fp)
            out[n].stack_known = false;
        if (!out[n].stack_known || out[n].npcs == 0)
            file_under_start_function(g, &out[n]);
        n++;
    }
    return total;
}

static size_t count_goroutines(void)
{
    size_t n = 0;
    golock_lock(&go_sched.all_lock);
    for (go_g *g = go_sched.all; g; g = g->all_next)
        n++;
    golock_unlock(&go_sched.all_lock);
    return n;
}

/* A worker descheduled by the kernel for the whole of one stop's second
 * (a loaded machine) makes that stop fail; the profile tries twice more
 * before it files the running goroutines under their start functions. */
static bool stop_world_patiently(void)
{
    for (int attempt = 0; attempt < 3; attempt++)
        if (go_hooks_stop_world() == 0)
            return true;
    return false;
}

/* A snapshot of every goroutine in a malloc'd array. */
static pp_gsnap *snapshot(size_t *np)
{
    size_t cap = count_goroutines() + 16;
    /* What take_snapshot needs while the world is stopped is ready before:
     * a stopped thread may hold the lock that would build it. */
    go_symtab_ready();
    for (int attempt = 0; attempt < 8; attempt++) {
        cap += cap / 4;
        pp_gsnap *v = malloc(cap * sizeof *v);
        if (!v)
            return NULL;
        bool stopped = stop_world_patiently();
        if (!stopped)
            golock_lock(&go_sched.all_lock);
        size_t total = take_snapshot(v, cap, stopped);
        if (stopped)
            go_hooks_start_world();
        else
            golock_unlock(&go_sched.all_lock);
        if (total <= cap) {
            *np = total;
            return v;
        }
        free(v);
        cap = total + 16;
    }
    return NULL;
}

static const char *const goroutine_types[][2] = {{"goroutine", "count"}};

static int write_goroutine(int fd, int debug)
{
    size_t n = 0;
    pp_gsnap *v = snapshot(&n);
    if (!v)
        return GO_ENOMEM;
    int rc = 0;
    pp_out *o = NULL;
    if (debug >= 1) {
        o = malloc(sizeof *o);
        if (!o) {
            free(v);
            return GO_ENOMEM;
        }
        o->fd = fd;
        o->len = 0;
        o->failed = false;
    }
    if (debug == 2) {
        int64_t now = go_now_coarse();
        for (size_t i = 0; i < n; i++)
            go_pp_traceback(o, &v[i], now);
    } else {
        pp_profile *p = go_pp_new(1, goroutine_types, goroutine_types[0], 1);
        bool ok = p != NULL;
        for (size_t i = 0; ok && i < n; i++) {
            int64_t one = 1;
            ok = go_pp_add(p, v[i].pcs, v[i].npcs, v[i].labels, v[i].nlabels, &one);
        }
        if (!ok) {
            rc = GO_ENOMEM;
        } else if (debug == 0) {
            rc = go_pp_write_proto(p, fd, go_pp_wall_ns(), 0);
        } else {
            size_t ne = 0;
            pp_entry **e = go_pp_entries(p, &ne);
            if (!e) {
                rc = GO_ENOMEM;
            } else {
                go_pp_printf(o, "goroutine profile: total %zu\n", n);
                for (size_t i = 0; i < ne; i++) {
                    go_pp_printf(o, "%lld @", (long long)e[i]->vals[0]);
                    for (size_t k = 0; k < e[i]->npcs; k++)
                        go_pp_printf(o, " %#lx", (unsigned long)e[i]->pcs[k]);
                    go_pp_printf(o, "\n");
                    if (e[i]->nlabels)
                        go_pp_text_labels(o, "# labels: ", e[i]->labels, e[i]->nlabels, "\n");
                    go_pp_text_stack(o, e[i]->pcs, e[i]->npcs);
                    go_pp_printf(o, "\n");
                }
                free(e);
            }
        }
        go_pp_free(p);
    }
    if (o) {
        if (!go_pp_flush(o) && !rc)
            rc = GO_ECLOSED;
        free(o);
    }
    free(v);
    return rc;
}

int gosan_pprof_write(const char *profile, int fd, int debug)
{
    if (!profile || fd < 0 || debug < 0 || debug > 2)
        return GO_EINVAL;
    if (atomic_load(&go_sched.initialized) != 2)
        go_sched_init_slow();
    if (strcmp(profile, "goroutine") == 0)
        return write_goroutine(fd, debug);
    if (debug == 2)
        debug = 1; /* as Go: debug=2 is the goroutine profile's own form */
    if (strcmp(profile, "mutex") == 0)
        return go_pprof_write_contention(true, fd, debug);
    if (strcmp(profile, "block") == 0)
        return go_pprof_write_contention(false, fd, debug);
    return GO_EINVAL;
}

/* ---- GOSAN_MUTEXPROFILE, GOSAN_BLOCKPROFILE: sampling from start-up,
 * written at exit */

static void write_at_exit(const char *env, const char *profile)
{
    const char *path = getenv(env);
    if (!path || !*path)
        return;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        fprintf(stderr, "gosan: %s=%s: cannot open: %s\n", env, path, strerror(errno));
        return;
    }
    int rc = gosan_pprof_write(profile, fd, 0);
    if (rc)
        fprintf(stderr, "gosan: %s=%s: %s\n", env, path, go_strerror(rc));
    close(fd);
}

static void exit_profiles(void)
{
    write_at_exit("GOSAN_MUTEXPROFILE", "mutex");
    write_at_exit("GOSAN_BLOCKPROFILE", "block");
}

__attribute__((constructor(202))) static void env_contention_start(void)
{
    const char *m = getenv("GOSAN_MUTEXPROFILE"), *b = getenv("GOSAN_BLOCKPROFILE");
    bool want_m = m && *m, want_b = b && *b;
    if (!want_m && !want_b)
        return;
    if (want_m && !atomic_load(&go_pprof_mutex_rate))
        gosan_set_mutex_profile_fraction(1);
    if (want_b && !atomic_load(&go_pprof_block_rate))
        gosan_set_block_profile_rate(1);
    atexit(exit_profiles);
}
