/* dump.c - goroutine dumps, SIGQUIT and the runtime's watch thread (see
 * dump.h).
 *
 * Output is assembled in a fixed buffer and written with write(2) in
 * chunks: no stdio, no malloc, so a dump from the watch thread never
 * touches a lock a goroutine may hold.  The signal handler is
 * async-signal-safe: one write(2) of a byte to a non-blocking pipe.
 */
#include "dump.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "flags.h"
#include "log.h"
#include "printf.h"
#include "str.h"
#include "clock.h"
#include "snapshot.h"
#include "user_stack.h"
#include "own_code.h"
#include "runtime_thread.h"
#include "reachability.h"
#include "symbolize.h"

/* ---- a buffered writer */

typedef struct gd_out {
    int fd;
    size_t len;
    char buf[8192];
} gd_out;

static void gd_flush(gd_out *o)
{
    gs_write_all(o->fd, o->buf, o->len);
    o->len = 0;
}

static void gd_printf(gd_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void gd_printf(gd_out *o, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = gs_vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    size_t len = (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1;
    if (o->len + len > sizeof o->buf)
        gd_flush(o);
    __builtin_memcpy(o->buf + o->len, tmp, len);
    o->len += len;
}

/* ---- one goroutine */

/* gosan's and the library's own frames are not the program's: known by
 * address, whatever the program names its functions. */
static bool gd_internal(uintptr_t pc)
{
    return gs_pc_in_runtime(pc) || gs_pc_in_library(pc);
}

static void gd_location(gd_out *o, const gs_frame *f)
{
    if (f->file)
        gd_printf(o, "\t%s:%d\n", f->file, f->line);
    else if (f->module)
        gd_printf(o, "\t%s+0x%lx\n", f->module, (unsigned long)f->module_offset);
    else
        gd_printf(o, "\t%p\n", (void *)f->pc);
}

/* Prints the program's frames of pcs, innermost first,
 * stopping after the last one with a source file: what lies below it (libc
 * starting main, the library starting a goroutine) is not the program's. */
static void gd_frames(gd_out *o, const uintptr_t *pcs, size_t n)
{
    size_t last = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0, k = 0; i < n; i++) {
            uintptr_t pc = i == 0 ? pcs[0] : pcs[i] - 1;
            if (gd_internal(pc))
                continue;
            gs_frame fr[16];
            size_t m = gs_symbolize_inlined(pc, fr, 16);
            for (size_t j = 0; j < m; j++, k++) {
                if (pass == 0 && fr[j].file)
                    last = k + 1;
                if (pass == 1 && (k < last || last == 0)) { /* no debug info: print all */
                    gd_printf(o, "%s(...)\n", fr[j].function);
                    gd_location(o, &fr[j]);
                }
            }
        }
    }
}

static void gd_labels(gd_out *o, const gs_gset *s, const gs_gsnap *g)
{
    if (!g->nlabels && !g->labels_omitted)
        return;
    char buf[512];
    gd_printf(o, "labels: {%s}\n", gs_gsnap_format_labels(s, g, buf, sizeof buf, true));
}

static void gd_one(gd_out *o, const gs_gset *s, const gs_gsnap *g, int64_t now)
{
    gd_printf(o, "goroutine %llu [%s", (unsigned long long)g->id, go_gstate_name(g->state, g->reason));
    int64_t mins = (now - g->since_ns) / (60ll * 1000000000);
    if (g->state == GO_G_WAITING && mins >= 1)
        gd_printf(o, ", %lld minute%s", (long long)mins, mins == 1 ? "" : "s");
    if (g->stuck)
        gd_printf(o, ", stuck");
    gd_printf(o, "]:\n");
    gd_labels(o, s, g);
    if (g->has_stack) {
        const uintptr_t *pcs = s->pcs + g->pcs_off;
        size_t n = gs_stack_user_depth(pcs, g->npcs);
        gd_frames(o, pcs, n ? n : g->npcs);
    }
    else
        gd_printf(o, "goroutine running on other thread; stack unavailable\n");
    if (g->id != 1 && g->create_pc) {
        gs_frame f;
        gs_symbolize((uintptr_t)g->create_pc - 1, &f);
        gd_printf(o, "created by %s in goroutine %llu\n", f.function, (unsigned long long)g->parent_id);
        gd_location(o, &f);
    }
    gd_printf(o, "\n");
}

static void gd_all(gd_out *o)
{
    gs_gset s;
    gs_reach_scan(&s); /* a stopped world gives running goroutines' stacks and `stuck` */
    if (!s.g) {
        gd_printf(o, "gosan: no goroutine list (the library is not linked)\n");
        return;
    }
    int64_t now = gs_state_now_ns();
    for (size_t i = 0; i < s.n; i++)
        if (s.g[i].self)
            gd_one(o, &s, &s.g[i], now);
    for (size_t i = 0; i < s.n; i++)
        if (!s.g[i].self)
            gd_one(o, &s, &s.g[i], now);
    gs_gset_free(&s);
}

void gs_dump(int fd)
{
    static gd_out o; /* 8 KiB: kept off goroutine stacks; dumps are serialized */
    static int busy;
    gd_out local = {.fd = fd};
    gd_out *out = &o;
    if (__atomic_exchange_n(&busy, 1, __ATOMIC_ACQUIRE))
        out = &local; /* a concurrent dump: use the stack */
    out->fd = fd;
    out->len = 0;
    gd_all(out);
    gd_flush(out);
    if (out == &o)
        __atomic_store_n(&busy, 0, __ATOMIC_RELEASE);
}

/* ---- SIGQUIT and the watch thread */

static int gd_pipe[2] = {-1, -1};

static void gd_on_sigquit(int sig)
{
    (void)sig;
    int saved = errno;
    char c = 'q';
    syscall(SYS_write, gd_pipe[1], &c, 1);
    errno = saved;
}

static void gd_sigquit_dump(void)
{
    int fd = gs_report_fd();
    gs_fdprintf(fd, "SIGQUIT: goroutine dump (pid=%d); the program goes on\n\n", (int)syscall(SYS_getpid));
    gs_dump(fd);
}

/* A scan or dump of the watch thread in progress, and exit under way: the
 * program's exit waits for a report already started (a scan that found a
 * stuck goroutine may still be symbolizing when main returns) and lets no
 * new one start, so a report is never cut off or raced by exit. */
static int gd_busy, gd_exiting;

static bool gd_begin(void)
{
    __atomic_store_n(&gd_busy, 1, __ATOMIC_SEQ_CST);
    if (!__atomic_load_n(&gd_exiting, __ATOMIC_SEQ_CST))
        return true;
    __atomic_store_n(&gd_busy, 0, __ATOMIC_SEQ_CST);
    return false;
}

static void gd_end(void) { __atomic_store_n(&gd_busy, 0, __ATOMIC_SEQ_CST); }

void gs_watch_stop(void)
{
    __atomic_store_n(&gd_exiting, 1, __ATOMIC_SEQ_CST);
    struct timespec ts = {0, 2000000};
    for (int i = 0; i < 10000 && __atomic_load_n(&gd_busy, __ATOMIC_SEQ_CST); i++)
        nanosleep(&ts, NULL);
}

static void *gd_watch(void *arg)
{
    (void)arg;
    int timeout = gs_flags.deadlock_scan_ms > 0 ? gs_flags.deadlock_scan_ms : -1;
    for (;;) {
        struct pollfd p = {gd_pipe[0], POLLIN, 0};
        int n = gd_pipe[0] >= 0 ? poll(&p, 1, timeout) : poll(NULL, 0, timeout);
        if (n < 0 && errno != EINTR)
            return NULL;
        if (n > 0) {
            char buf[64];
            while (syscall(SYS_read, gd_pipe[0], buf, sizeof buf) > 0) {
            }
            if (gd_begin()) {
                gd_sigquit_dump();
                gd_end();
            }
        } else if (n == 0 && gs_flags.deadlock_scan_ms > 0 && gd_begin()) {
            gs_reach_check();
            gd_end();
        }
    }
}

static bool gd_install_sigquit(void)
{
    if (pipe2(gd_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        gs_warn("dump_on_sigquit: cannot create a pipe; SIGQUIT keeps its default action");
        return false;
    }
    struct sigaction sa;
    __builtin_memset(&sa, 0, sizeof sa);
    sa.sa_handler = gd_on_sigquit;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGQUIT, &sa, NULL) != 0) {
        gs_warn("dump_on_sigquit: sigaction failed; SIGQUIT keeps its default action");
        return false;
    }
    return true;
}

void gs_watch_start(void)
{
    bool quit = gs_flags.dump_on_sigquit && gd_install_sigquit();
    if (!quit && gs_flags.deadlock_scan_ms <= 0)
        return;
    pthread_t th;
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    if (gs_pthread_create_raw(&th, &a, gd_watch, NULL) != 0)
        gs_warn("cannot start the watch thread: no SIGQUIT dumps, no periodic deadlock scan");
    pthread_attr_destroy(&a);
}

/* fork.c: in a child the watch thread is gone and the SIGQUIT pipe is
 * shared with the parent's: make both anew, as at start-up. */
void gs_watch_fork_child(void)
{
    if (gd_pipe[0] >= 0) {
        close(gd_pipe[0]);
        close(gd_pipe[1]);
        gd_pipe[0] = gd_pipe[1] = -1;
    }
    gs_watch_start();
}
