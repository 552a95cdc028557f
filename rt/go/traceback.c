/* traceback.c - the library's own goroutine listing, in Go's traceback
 * style, for fatal errors, the all-asleep message and gosan_dump without the
 * checker:
 *
 *     goroutine 7 [chan receive, 2 minutes]:
 *     go_chan_recv+0x8c
 *             /path/to/prog+0x1f3c
 *     worker+0x2f
 *             /path/to/prog+0x1a2f
 *     created by main+0x54 in goroutine 1
 *             /path/to/prog+0x1b04
 *     labels: {"stage": "parse"}
 *
 * Frames come from the frame-pointer chain saved by the context switch,
 * starting at the public library call the goroutine blocked in.  Output is
 * formatted into a stack buffer and written with write(2): no malloc, so it
 * is usable from fatal paths.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "g.h"

#define MAX_FRAMES 32

typedef struct outbuf {
    int fd;
    size_t len;
    char buf[2048];
} outbuf;

static void ob_flush(outbuf *o)
{
    size_t off = 0;
    while (off < o->len) {
        ssize_t n = write(o->fd, o->buf + off, o->len - off);
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    o->len = 0;
}

static void ob_printf(outbuf *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ob_printf(outbuf *o, const char *fmt, ...)
{
    if (o->len > sizeof o->buf - 600)
        ob_flush(o);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->buf + o->len, sizeof o->buf - o->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->len += (size_t)n < sizeof o->buf - o->len ? (size_t)n : sizeof o->buf - o->len - 1;
}

static const char *const state_names[] = {
    [G_IDLE] = "idle", [G_RUNNABLE] = "runnable", [G_RUNNING] = "running",
    [G_RUNNING_WOKEN] = "running", [G_WAITING] = "waiting", [G_DEAD] = "dead",
};

/* Does a symbolised frame ("name+0x12\n\t...") belong to function name? */
static bool frame_is_named(const char *sym, const char *name)
{
    size_t n = strlen(name);
    return strncmp(sym, name, n) == 0 && (sym[n] == '+' || sym[n] == '\n' || sym[n] == 0);
}

static void print_frames(outbuf *o, go_g *g, void *fp, void *pc0)
{
    void *pcs[MAX_FRAMES];
    size_t n = 0;
    if (pc0)
        pcs[n++] = pc0;
    n += go_hooks_fp_chain(fp, g->stack_lo ? g->stack_lo : fp, g->stack_hi ? g->stack_hi : (char *)fp + 65536,
                           pcs + n, MAX_FRAMES - n);
    size_t start = 0;
    if (g->wait_pc)
        for (size_t i = 0; i < n; i++)
            if (pcs[i] == g->wait_pc) {
                start = i ? i - 1 : 0; /* the public call, then its caller */
                break;
            }
    for (size_t i = start; i < n; i++) {
        /* Return addresses point after the call: show the call itself. */
        char *pc = (char *)pcs[i] - (i ? 1 : 0);
        /* The library's goroutine entry and libc's start-up are not the
         * user's frames: a traceback ends at the goroutine's function, or
         * at main for goroutine 1, as Go's does. */
        if (go_is_entry_pc(pc))
            break;
        char sym[512];
        go_symbolize(pc, sym, sizeof sym);
        ob_printf(o, "%s\n", sym);
        if (g->is_main && frame_is_named(sym, "main"))
            break;
    }
}

static void print_g(outbuf *o, go_g *g, bool self)
{
    int st = atomic_load(&g->status);
    ob_printf(o, "goroutine %llu [", (unsigned long long)g->id);
    if (self)
        ob_printf(o, "running");
    else if (st == G_WAITING) {
        const char *why = go_wait_reason_name(g->wait_reason);
        ob_printf(o, "%s", why ? why : "running");
    }
    else
        ob_printf(o, "%s", st >= 0 && st <= G_DEAD ? state_names[st] : "?");
    if (st == G_WAITING && g->state_since) {
        int64_t min = (go_now_coarse() - g->state_since) / (60 * (int64_t)1000000000);
        if (min >= 1)
            ob_printf(o, ", %lld minute%s", (long long)min, min == 1 ? "" : "s");
    }
    ob_printf(o, "]:\n");
    if (self) {
        print_frames(o, g, __builtin_frame_address(0), NULL);
    } else if (st == G_WAITING || st == G_RUNNABLE) {
        void *const *sp = g->sp;
        if (sp && sp[7] != (void *)go_ctx_trampoline)
            print_frames(o, g, sp[6], sp[7]);
    } else {
        ob_printf(o, "\tgoroutine running on other thread; stack unavailable\n");
    }
    if (g->create_pc) {
        char sym[512];
        go_symbolize((char *)g->create_pc - 1, sym, sizeof sym);
        char *tab = strchr(sym, '\n');
        if (tab)
            *tab = 0;
        ob_printf(o, "created by %s in goroutine %llu\n", sym, (unsigned long long)g->parent_id);
        if (tab)
            ob_printf(o, "%s\n", tab + 1);
    }
    if (g->nlabels) {
        ob_printf(o, "labels: {");
        for (size_t i = 0; i < g->nlabels; i++)
            ob_printf(o, "%s\"%s\": \"%s\"", i ? ", " : "", g->labels[i].key, g->labels[i].value);
        ob_printf(o, "}\n");
    }
    ob_printf(o, "\n");
}

void go_traceback_g(int fd, go_g *g, bool self)
{
    outbuf o = {.fd = fd};
    print_g(&o, g, self);
    ob_flush(&o);
}

void go_traceback_all(int fd, bool skip_self)
{
    outbuf o = {.fd = fd};
    go_g *self = go_cur_g();
    /* A fatal error may strike with the list lock held: then walk unlocked. */
    bool locked = false;
    for (int i = 0; i < 1000 && !(locked = golock_trylock(&go_sched.all_lock)); i++)
        usleep(100);
    if (self && !skip_self)
        print_g(&o, self, true);
    /* Oldest first, as Go prints them: walk to the tail, then backwards. */
    go_g *g = go_sched.all;
    while (g && g->all_next)
        g = g->all_next;
    for (; g; g = g->all_prev)
        if (g != self)
            print_g(&o, g, false);
    if (locked)
        golock_unlock(&go_sched.all_lock);
    ob_flush(&o);
}
