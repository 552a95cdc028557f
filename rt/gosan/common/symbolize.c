/* symbolize.c - pcs and data addresses to function/file/line (see
 * symbolize.h).
 *
 * One llvm-symbolizer process speaks over a socket pair (a socket, not a
 * pipe, so a dead symbolizer gives EPIPE, never SIGPIPE).  It is chosen at
 * start-up (init.c) and started when the first symbol is needed (a report,
 * a dump, a debug page): most checked runs report nothing, and a
 * symbolizer reading the program's DWARF beside it competes for the CPUs
 * (symbolizer_at_start=1 starts it at start-up and sends it a first
 * request at once, so it loads while the program runs; the first report
 * then does not wait 0.1-0.5 s for it).  It is a grandchild, not a child
 * (an intermediate process starts it and exits: "starting it"), so a program that waits
 * for all its children never waits for it; every exit kills it
 * (gs_symbolize_exit), and it also ends when it reads EOF, i.e. when the
 * program's end of the socket closes.  An answer has a deadline (5 s for
 * the first, 3 s after), stretched up to 20 s while the symbolizer is
 * still at work (a loaded machine); a symbolizer that misses it, exits or
 * garbles is killed and given up for the rest of the run.  Its stderr is /dev/null
 * (verbosity=0): an answer it cannot deliver to an exited program is no
 * news.  A forked child starts its own.  We write `CODE "MODULE" 0xOFFSET`, it answers pairs of lines
 * (function, file:line:col), innermost inlined frame first, ending with an
 * empty line.  MODULE and OFFSET come from dl_iterate_phdr, so PIE and
 * shared objects work.  Answers are cached per pc forever.  When there is
 * no symbolizer (or it dies, or symbolize=0) the ELF symbol table
 * (symtab.h) gives the function's name.  An api frame (api_frame.h) is
 * named by its descriptor, without the cache.
 * Invariant: every entry point that uses the cache or the symbolizer takes
 * sym_lock; nothing here uses malloc.
 */
#include "symbolize.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <poll.h>
#include <signal.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "api_frame.h"
#include "flags.h"
#include "log.h"
#include "printf.h"
#include "proc_progress.h"
#include "str.h"
#include "internal_alloc.h"
#include "spinlock.h"
#include "symtab.h"

#ifndef GOSAN_DEFAULT_SYMBOLIZER
#define GOSAN_DEFAULT_SYMBOLIZER ""
#endif

#define SYM_MAX_INLINE 16
#define SYM_BUCKETS 4096
/* How long one answer may take.  A cold llvm-symbolizer loading large
 * debug info on a loaded machine takes about a second; once it answered,
 * answers come in milliseconds.  A symbolizer that misses the bound is
 * given up for the rest of the run, so a hung one costs one bound, not one
 * per report. */
#define SYM_FIRST_TIMEOUT_MS 5000
#define SYM_TIMEOUT_MS 3000
/* Past that bound, a symbolizer that is still working (running, or its CPU
 * time grew: proc_progress.h) gets another slice, up to this much in all:
 * on a loaded machine a cold start takes many times its CPU time, and
 * giving it up there leaves every frame of the run without its line. One
 * that waits for nothing (hung, or lost our request) ends at the bound.
 * Below exit_wait_timeout's default, so a report at exit still prints. */
#define SYM_BUSY_LIMIT_MS 20000
#define SYM_BUSY_SLICE_MS 500

extern char **environ;

typedef struct sym_entry {
    struct sym_entry *next;
    uintptr_t pc;
    size_t n;
    gs_frame frames[]; /* n */
} sym_entry;

static gs_splock sym_lock = GS_SPLOCK_INIT;
static sym_entry *sym_cache[SYM_BUCKETS];
static int sym_fd = -1;       /* our end of the socket pair */
static pid_t sym_owner;       /* the process sym_fd belongs to (not a fork) */
static ino_t sym_ino;         /* sym_fd's socket, to notice the program closed it */
static int sym_state;         /* 0 not started, 1 running, 2 unavailable */
static int sym_unread;        /* answers to warm-up requests not read yet */
static bool sym_answered;     /* it answered once: the short bound applies */
static const char *sym_why;   /* why the last read failed */
/* The symbolizer's pid and the process that started it; read without
 * sym_lock by gs_symbolize_exit (another thread may hold the lock while
 * waiting for a hung symbolizer). */
static pid_t sym_pid, sym_pid_owner;
static int sym_exiting;       /* gs_symbolize_exit killed it: no warning */
/* Scratch buffers, used only under sym_lock: reports may run on small
 * goroutine stacks. */
static char sym_answer[16384];
static char sym_req[4200];
static char sym_path[4096];

const char *gs_strip_path(const char *path)
{
    const char *prefix = gs_flags.strip_path_prefix;
    if (path && prefix && *prefix && gs_starts_with(path, prefix))
        return path + gs_strlen(prefix);
    return path;
}

/* ---- module lookup */

/* The module containing addr and addr's offset in it (its link-time
 * address: what llvm-symbolizer expects for PIE and DSOs alike). */
static bool sym_find_module(uintptr_t addr, const char **name, uintptr_t *offset)
{
    gs_module m;
    if (!gs_module_of(addr, &m))
        return false;
    *name = m.path;
    *offset = addr - m.base;
    return true;
}

/* ---- the subprocess */

/* Sets errno when not. A directory passes access(X_OK) but is no program. */
static bool sym_executable(const char *path)
{
    if (!path || !*path) {
        errno = ENOENT;
        return false;
    }
    if (syscall(SYS_access, path, X_OK) != 0)
        return false;
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    if (!S_ISREG(st.st_mode)) {
        errno = S_ISDIR(st.st_mode) ? EISDIR : EACCES;
        return false;
    }
    return true;
}

/* Finds NAME in $PATH into buf. */
static bool sym_search_path(const char *name, char *buf, size_t size)
{
    const char *path = getenv("PATH");
    while (path && *path) {
        const char *end = path;
        while (*end && *end != ':')
            end++;
        gs_snprintf(buf, size, "%.*s/%s", (int)(end - path), path, name);
        if (sym_executable(buf))
            return true;
        path = *end ? end + 1 : end;
    }
    return false;
}

static bool sym_choose(char *buf, size_t size)
{
    const char *env = getenv("GOSAN_SYMBOLIZER_PATH");
    if (env && *env) {
        if (sym_executable(env)) {
            gs_snprintf(buf, size, "%s", env);
            return true;
        }
        /* once: a forked child inherits the flag */
        static bool warned;
        if (!warned) {
            warned = true;
            gs_warn("GOSAN_SYMBOLIZER_PATH=%s is not an executable (%s); looking for llvm-symbolizer elsewhere",
                    env, gs_strerror(errno));
        }
    }
    if (sym_executable(GOSAN_DEFAULT_SYMBOLIZER)) {
        gs_snprintf(buf, size, "%s", GOSAN_DEFAULT_SYMBOLIZER);
        return true;
    }
    static const char *const names[] = {"llvm-symbolizer-14", "llvm-symbolizer-19", "llvm-symbolizer"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (sym_search_path(names[i], buf, size))
            return true;
    return false;
}

/* ---- starting it
 *
 * The symbolizer starts when the first symbol is needed: inside a report
 * (maybe in a signal handler, on a fatal signal's way out, on a thread
 * holding runtime locks, in a forked child), a dump or a debug page.  So
 * the start calls no malloc (posix_spawn's file actions would), no
 * interceptor and no pthread_atfork handler, and copies no page table (a
 * fork of a large program at its first report would): both processes are
 * clone(CLONE_VM | CLONE_VFORK) children on static stacks, like
 * posix_spawn's, using only system calls, while the calling thread waits
 * with every signal blocked.  The intermediate is cloned with no exit
 * signal: no SIGCHLD reaches the program, and a program's wait(),
 * waitpid(-1) or SIGCHLD = SIG_IGN never sees or reaps it (only __WCLONE
 * waits do: ours).  The socket is made by system calls at high numbers
 * (sym_socketpair).  The symbolizer is its child, so it is not the
 * program's; it starts with the program's ignored signals, every other
 * handler reset, the program's signal mask and environment, its stdin and
 * stdout the socket and its stderr /dev/null (verbosity=0). */

/* The kernel's struct sigaction (x86-64): the raw system call, not libc's
 * sigaction, which gosan intercepts. */
typedef struct sym_ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    unsigned long mask;
} sym_ksigaction;

typedef struct sym_spawn_ctx {
    const char *path;
    char **argv, **envp;
    int fd;              /* the symbolizer's end of the socket, > 2 */
    bool devnull;        /* its stderr to /dev/null */
    unsigned long mask;  /* the caller's signal mask, the symbolizer's */
    pid_t pid;           /* out: the symbolizer, 0 if it did not start */
    int err;             /* out: execve's error */
} sym_spawn_ctx;

/* Used only under sym_lock, by one start at a time. */
static sym_spawn_ctx sym_ctx;
static char sym_stack_mid[16384] __attribute__((aligned(64)));
static char sym_stack_exec[16384] __attribute__((aligned(64)));
static char *sym_argv[4];

/* The symbolizer, before execve: shares our memory (the caller is
 * suspended), so it writes nothing but ctx's error. */
static int sym_exec_child(void *arg)
{
    sym_spawn_ctx *c = arg;
    for (int sig = 1; sig < 65; sig++) {
        sym_ksigaction old;
        if (syscall(SYS_rt_sigaction, sig, NULL, &old, 8) != 0)
            continue;
        if (old.handler != (void *)SIG_IGN && old.handler != (void *)SIG_DFL) {
            sym_ksigaction dfl = {(void *)SIG_DFL, 0, NULL, 0};
            syscall(SYS_rt_sigaction, sig, &dfl, NULL, 8);
        }
    }
    if (syscall(SYS_dup2, c->fd, 0) < 0 || syscall(SYS_dup2, c->fd, 1) < 0) {
        c->err = EBADF;
        syscall(SYS_exit, 127);
    }
    if (c->devnull) {
        long n = syscall(SYS_open, "/dev/null", O_WRONLY | O_CLOEXEC);
        if (n >= 0 && n != 2)
            syscall(SYS_dup2, n, 2); /* the copy at 2 is not close-on-exec */
    }
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &c->mask, NULL, 8);
    long rc = syscall(SYS_execve, c->path, c->argv, c->envp);
    c->err = rc < 0 ? errno : ENOEXEC;
    syscall(SYS_exit, 127);
    return 0;
}

/* The intermediate: starts the symbolizer and ends, orphaning it. */
static int sym_mid_child(void *arg)
{
    sym_spawn_ctx *c = arg;
    int pid = clone(sym_exec_child, sym_stack_exec + sizeof sym_stack_exec, CLONE_VM | CLONE_VFORK | SIGCHLD, c);
    /* CLONE_VFORK: back here once it ran execve (or exited) */
    c->pid = pid > 0 && !c->err ? pid : 0;
    return 0;
}

/* Starts path with fd (> 2) as its stdin and stdout.  Returns its pid, or
 * 0 with errno set. */
static pid_t sym_spawn(const char *path, int fd)
{
    sym_argv[0] = (char *)path;
    sym_argv[1] = "--inlines";
    sym_argv[2] = "--demangle";
    sym_argv[3] = NULL;
    sym_ctx = (sym_spawn_ctx){.path = path, .argv = sym_argv, .envp = environ, .fd = fd,
                              .devnull = gs_flags.verbosity == 0};
    unsigned long all = ~0ul;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, &sym_ctx.mask, 8);
    int mid = clone(sym_mid_child, sym_stack_mid + sizeof sym_stack_mid, CLONE_VM | CLONE_VFORK, &sym_ctx);
    int clone_err = errno;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &sym_ctx.mask, NULL, 8);
    if (mid <= 0) {
        errno = clone_err;
        return 0;
    }
    /* exited: it has no exit signal, so only a __WCLONE wait reaps it */
    while (syscall(SYS_wait4, mid, NULL, __WCLONE, NULL) < 0 && errno == EINTR) {
    }
    if (!sym_ctx.pid)
        errno = sym_ctx.err ? sym_ctx.err : ECHILD;
    return sym_ctx.pid;
}

/* Our end and the symbolizer's, made by system calls (the fd interceptors
 * never see them) and moved high: not the lowest free numbers, which the
 * program may have just closed and be about to reuse, or whose history a
 * report is describing (a race on a closed descriptor), and never 0-2 (the
 * symbolizer's dup2 onto 0 and 1 must not be a no-op that leaves
 * close-on-exec set). */
static int sym_move_high(int fd)
{
    struct rlimit rl;
    long min = 3;
    if (syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &rl) == 0 && rl.rlim_cur > 64)
        min = rl.rlim_cur > 1024 ? 1000 : (long)rl.rlim_cur * 3 / 4;
    long n = syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, min);
    if (n < 0 && fd <= 2)
        n = syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 3);
    if (n < 0)
        return fd;
    syscall(SYS_close, fd);
    return (int)n;
}

static bool sym_socketpair(int sv[2])
{
    if (syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return false;
    sv[0] = sym_move_high(sv[0]);
    sv[1] = sym_move_high(sv[1]);
    if (sv[0] > 2 && sv[1] > 2)
        return true;
    syscall(SYS_close, sv[0]);
    syscall(SYS_close, sv[1]);
    return false;
}

static bool sym_path_chosen; /* sym_path holds the symbolizer (start-up) */

static void sym_start(void)
{
    sym_state = 2;
    if (!gs_flags.symbolize || !sym_path_chosen)
        return;
    int saved_errno = errno;
    int sv[2];
    if (!sym_socketpair(sv)) {
        errno = saved_errno;
        return;
    }
    pid_t pid = sym_spawn(sym_path, sv[1]);
    syscall(SYS_close, sv[1]);
    if (!pid) {
        syscall(SYS_close, sv[0]);
        gs_warn("cannot start %s (%s); using the symbol table", sym_path, gs_strerror(errno));
        errno = saved_errno;
        return;
    }
    struct stat st;
    sym_fd = sv[0];
    sym_ino = syscall(SYS_fstat, sym_fd, &st) == 0 ? st.st_ino : 0;
    sym_owner = (pid_t)syscall(SYS_getpid);
    sym_unread = 0;
    sym_answered = false;
    __atomic_store_n(&sym_pid_owner, sym_owner, __ATOMIC_SEQ_CST);
    __atomic_store_n(&sym_pid, pid, __ATOMIC_SEQ_CST);
    sym_state = 1;
    if (gs_flags.verbosity)
        gs_warn("started %s (pid %d)", sym_path, (int)pid);
    errno = saved_errno;
}

/* Our symbolizer, if this process started it and it was not killed yet. */
static void sym_kill(void)
{
    pid_t pid = __atomic_exchange_n(&sym_pid, 0, __ATOMIC_SEQ_CST);
    if (pid > 0 && __atomic_load_n(&sym_pid_owner, __ATOMIC_SEQ_CST) == (pid_t)syscall(SYS_getpid))
        syscall(SYS_kill, pid, SIGKILL);
}

/* Gives the symbolizer up for the rest of the run (one that does not
 * answer may be hung: it is killed, not left behind). */
static void sym_stop(void)
{
    sym_kill();
    if (sym_fd >= 0)
        close(sym_fd);
    sym_fd = -1;
    sym_state = 2;
}

/* Async-signal-safe, takes no lock: exits call it last. */
void gs_symbolize_exit(void)
{
    __atomic_store_n(&sym_exiting, 1, __ATOMIC_SEQ_CST);
    sym_kill();
}

/* The program may have closed our socket (a daemon closing every fd) and
 * reused its number: then it is not ours to read, write or close. */
static bool sym_fd_is_ours(void)
{
    struct stat st;
    return fstat(sym_fd, &st) == 0 && S_ISSOCK(st.st_mode) && st.st_ino == sym_ino;
}

/* Before each request: a forked child shares its parent's symbolizer and
 * must not read the parent's answers (it closes its copy); a socket the
 * program closed is forgotten.  Either way a new symbolizer starts. */
static void sym_check_fd(void)
{
    if (sym_state != 1)
        return;
    bool ours = sym_fd_is_ours();
    if (ours && sym_owner == (pid_t)syscall(SYS_getpid))
        return;
    if (ours)
        close(sym_fd);
    sym_fd = -1;
    sym_unread = 0;
    sym_state = 0;
    if (__atomic_load_n(&sym_pid_owner, __ATOMIC_SEQ_CST) != (pid_t)syscall(SYS_getpid))
        __atomic_store_n(&sym_pid, 0, __ATOMIC_SEQ_CST); /* the parent's */
}

static bool sym_send(const char *s, size_t n)
{
    while (n) {
        ssize_t r = send(sym_fd, s, n, MSG_NOSIGNAL);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        s += r;
        n -= (size_t)r;
    }
    return true;
}

static long long sym_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The bound on one answer (on the whole answer: a symbolizer that
 * dribbles bytes must not extend it): `at`, stretched while the symbolizer
 * works, never past `limit`. */
typedef struct sym_bound {
    long long at, limit;
    gs_proc_progress work;
} sym_bound;

static sym_bound sym_bound_start(void)
{
    long long now = sym_now_ms();
    sym_bound b = {now + (sym_answered ? SYM_TIMEOUT_MS : SYM_FIRST_TIMEOUT_MS), now + SYM_BUSY_LIMIT_MS, {0, false}};
    gs_proc_progressing(__atomic_load_n(&sym_pid, __ATOMIC_SEQ_CST), &b.work); /* the baseline */
    return b;
}

/* The time left before the bound, stretching it if the symbolizer is
 * still at work; <= 0 when it is up. */
static long long sym_time_left(sym_bound *b)
{
    long long now = sym_now_ms();
    if (now >= b->at && now < b->limit && gs_proc_progressing(__atomic_load_n(&sym_pid, __ATOMIC_SEQ_CST), &b->work))
        b->at = now + SYM_BUSY_SLICE_MS < b->limit ? now + SYM_BUSY_SLICE_MS : b->limit;
    return b->at - now;
}

/* Reads what is there by the bound into buf; the count, or -1 with
 * sym_why set. */
static long sym_read_by(sym_bound *b, char *buf, size_t size)
{
    for (;;) {
        long long left = sym_time_left(b);
        if (left <= 0) {
            sym_why = "gave no answer in time";
            return -1;
        }
        struct pollfd p = {sym_fd, POLLIN, 0};
        int pr = poll(&p, 1, (int)left);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr == 0)
            continue; /* the bound check above ends it */
        if (pr < 0) {
            sym_why = "cannot be read";
            return -1;
        }
        long r = syscall(SYS_read, sym_fd, buf, size);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            sym_why = "exited";
            return -1;
        }
        return r;
    }
}

/* Reads one answer (up to and including the empty line) into buf. */
static bool sym_recv(char *buf, size_t size)
{
    sym_bound bound = sym_bound_start();
    size_t len = 0;
    for (;;) {
        if (len >= 2 && buf[len - 1] == '\n' && buf[len - 2] == '\n')
            break;
        if (len == 1 && buf[0] == '\n')
            break;
        if (len + 1 >= size) {
            sym_why = "gave an answer too long";
            return false;
        }
        long r = sym_read_by(&bound, buf + len, size - 1 - len);
        if (r < 0)
            return false;
        len += (size_t)r;
    }
    buf[len] = 0;
    sym_answered = true;
    return true;
}

/* Reads and drops the answers to the warm-up requests.  Several answers
 * may come in one read, so they are counted by their ending empty lines
 * (no answer has an empty line inside, none other is outstanding). */
static bool sym_drain(void)
{
    char prev = 0;
    sym_bound bound = sym_bound_start();
    while (sym_unread > 0) {
        long r = sym_read_by(&bound, sym_answer, sizeof sym_answer);
        if (r < 0)
            return false;
        for (long i = 0; i < r && sym_unread > 0; i++) {
            if (sym_answer[i] == '\n' && prev == '\n') {
                sym_unread--;
                sym_answered = true;
                bound = sym_bound_start();
            }
            prev = sym_answer[i];
        }
    }
    return true;
}

/* After a failure: one warning, and the symbol table from now on.  No
 * warning when the failure is the exit's killing it (gs_symbolize_exit). */
static void sym_give_up(void)
{
    if (!__atomic_load_n(&sym_exiting, __ATOMIC_SEQ_CST))
        gs_warn("llvm-symbolizer %s %s; using the symbol table from now on", sym_path, sym_why ? sym_why : "failed");
    sym_stop();
}

/* One request/answer; false (and the symbolizer is given up) on failure. */
static bool sym_ask(const char *kind, const char *module, uintptr_t offset, char *answer, size_t size)
{
    sym_check_fd();
    if (sym_state == 0 && !__atomic_load_n(&sym_exiting, __ATOMIC_SEQ_CST))
        sym_start(); /* the first symbol needed: see "starting it" */
    if (sym_state != 1)
        return false;
    if (__atomic_load_n(&sym_exiting, __ATOMIC_SEQ_CST)) {
        sym_stop();
        return false;
    }
    if (sym_unread > 0 && !sym_drain()) {
        sym_give_up();
        return false;
    }
    int n = gs_snprintf(sym_req, sizeof sym_req, "%s \"%s\" 0x%lx\n", kind, module, (unsigned long)offset);
    if ((size_t)n >= sizeof sym_req)
        return false;
    sym_why = "exited";
    if (!sym_send(sym_req, (size_t)n) || !sym_recv(answer, size)) {
        sym_give_up();
        return false;
    }
    return true;
}

/* ---- parsing answers */

/* Splits off the next line of *s (NUL-terminating it); NULL at the end. */
static char *sym_line(char **s)
{
    char *l = *s;
    if (!*l)
        return NULL;
    char *e = l;
    while (*e && *e != '\n')
        e++;
    if (*e)
        *e++ = 0;
    *s = e;
    return l;
}

static int sym_atoi(const char *s)
{
    int v = 0;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return v;
}

/* "FILE:LINE:COL" (COL may be missing); "??:0:0" means unknown. */
static void sym_parse_location(char *loc, gs_frame *f)
{
    char *c1 = (char *)gs_strrchr(loc, ':');
    if (!c1)
        return;
    *c1 = 0;
    char *c2 = (char *)gs_strrchr(loc, ':');
    if (c2) {
        *c2 = 0;
        f->line = sym_atoi(c2 + 1);
        f->column = sym_atoi(c1 + 1);
    } else {
        f->line = sym_atoi(c1 + 1);
    }
    if (gs_strcmp(loc, "??") != 0)
        f->file = gs_strdup(gs_strip_path(loc));
}

static size_t sym_parse_code(char *answer, gs_frame *out, size_t max)
{
    size_t n = 0;
    char *s = answer, *fn;
    while (n < max && (fn = sym_line(&s)) && *fn) {
        char *loc = sym_line(&s);
        gs_frame *f = &out[n++];
        f->function = gs_strdup(fn);
        f->file = NULL;
        f->line = f->column = 0;
        if (loc)
            sym_parse_location(loc, f);
    }
    return n;
}

/* Without the symbolizer: the symbol table's name (static functions
 * too), else the dynamic symbol dladdr knows. */
static void sym_table_name(uintptr_t pc, gs_frame *f)
{
    const char *name;
    uintptr_t start;
    Dl_info info;
    if (gs_symtab_lookup(pc, &name, &start))
        f->function = gs_strdup(name);
    else if (dladdr((void *)pc, &info) && info.dli_sname)
        f->function = gs_strdup(info.dli_sname);
    else
        f->function = "??";
}

/* ---- the cache */

static sym_entry *sym_lookup(uintptr_t pc)
{
    for (sym_entry *e = sym_cache[(pc >> 2) % SYM_BUCKETS]; e; e = e->next)
        if (e->pc == pc)
            return e;
    return NULL;
}

static sym_entry *sym_compute(uintptr_t pc)
{
    gs_frame tmp[SYM_MAX_INLINE];
    const char *module = NULL;
    uintptr_t offset = pc;
    size_t n = 0;
    if (sym_find_module(pc, &module, &offset)) {
        module = gs_strdup(module);
        if (sym_ask("CODE", module, offset, sym_answer, sizeof sym_answer))
            n = sym_parse_code(sym_answer, tmp, SYM_MAX_INLINE);
        if (n == 1 && gs_strcmp(tmp[0].function, "??") == 0 && !tmp[0].file)
            n = 0; /* no debug info: the symbol table may know it */
    }
    if (n == 0) {
        tmp[0] = (gs_frame){0};
        sym_table_name(pc, &tmp[0]);
        n = 1;
    }
    sym_entry *e = gs_alloc(sizeof *e + n * sizeof(gs_frame));
    e->pc = pc;
    e->n = n;
    for (size_t i = 0; i < n; i++) {
        e->frames[i] = tmp[i];
        e->frames[i].pc = pc;
        e->frames[i].module = module;
        e->frames[i].module_offset = offset;
    }
    size_t b = (pc >> 2) % SYM_BUCKETS;
    e->next = sym_cache[b];
    sym_cache[b] = e;
    return e;
}

/* An api frame (api_frame.h) is named after its call, with no file or
 * module: nothing to ask the symbolizer. */
static bool sym_api_frame(uintptr_t pc, gs_frame *f)
{
    const gs_api_call *c = gs_api_frame_call(pc);
    if (!c)
        return false;
    *f = (gs_frame){.pc = pc, .function = c->name};
    return true;
}

size_t gs_symbolize_inlined(uintptr_t pc, gs_frame *out, size_t max)
{
    if (max && sym_api_frame(pc, out))
        return 1;
    gs_flags_init();
    gs_splock_lock(&sym_lock);
    sym_entry *e = sym_lookup(pc);
    if (!e)
        e = sym_compute(pc);
    size_t n = e->n < max ? e->n : max;
    for (size_t i = 0; i < n; i++)
        out[i] = e->frames[i];
    gs_splock_unlock(&sym_lock);
    return n;
}

size_t gs_symbolize(uintptr_t pc, gs_frame *f)
{
    if (sym_api_frame(pc, f))
        return 1;
    gs_flags_init();
    gs_splock_lock(&sym_lock);
    sym_entry *e = sym_lookup(pc);
    if (!e)
        e = sym_compute(pc);
    *f = e->frames[0];
    size_t n = e->n;
    gs_splock_unlock(&sym_lock);
    return n;
}

/* ---- data */

static unsigned long sym_hex_or_dec(const char *s, const char **end)
{
    unsigned long v = 0;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        for (s += 2;; s++) {
            int d = (*s >= '0' && *s <= '9') ? *s - '0' : (*s >= 'a' && *s <= 'f') ? *s - 'a' + 10
                  : (*s >= 'A' && *s <= 'F') ? *s - 'A' + 10 : -1;
            if (d < 0)
                break;
            v = v * 16 + (unsigned)d;
        }
    } else {
        while (*s >= '0' && *s <= '9')
            v = v * 10 + (unsigned long)(*s++ - '0');
    }
    if (end)
        *end = s;
    return v;
}

int gs_symbolize_data(uintptr_t addr, gs_data_sym *out)
{
    gs_flags_init();
    *out = (gs_data_sym){0};
    const char *module;
    uintptr_t offset, base;
    gs_splock_lock(&sym_lock);
    bool have_module = sym_find_module(addr, &module, &offset);
    base = addr - offset;
    /* Answer: NAME, "START SIZE", [FILE:LINE], empty line. */
    if (have_module && sym_ask("DATA", module, offset, sym_answer, sizeof sym_answer)) {
        char *s = sym_answer;
        char *name = sym_line(&s), *range = sym_line(&s), *loc = sym_line(&s);
        if (name && range && gs_strcmp(name, "??") != 0 && *name) {
            const char *p;
            out->name = gs_strdup(name);
            out->start = base + sym_hex_or_dec(range, &p);
            while (*p == ' ')
                p++;
            out->size = sym_hex_or_dec(p, NULL);
            if (loc && *loc) {
                gs_frame f = {0};
                sym_parse_location(loc, &f);
                out->file = f.file;
                out->line = f.line;
            }
        }
    }
    gs_splock_unlock(&sym_lock);
    if (out->name)
        return 1;
    Dl_info info;
    ElfW(Sym) *sym = NULL;
    if (dladdr1((void *)addr, &info, (void **)&sym, RTLD_DL_SYMENT) && info.dli_sname && sym) {
        out->name = gs_strdup(info.dli_sname);
        out->start = (uintptr_t)info.dli_saddr;
        out->size = sym->st_size;
        return 1;
    }
    return 0;
}

/* fork.c: the symbolizer process and our socket to it are the parent's.
 * The lock is held across fork() so the child's cache is consistent; the
 * child then starts a symbolizer of its own when it first needs one
 * (sym_check_fd would find the socket not its own anyway; closing it here
 * keeps the parent's symbolizer from waiting on a copy the child holds). */
/* Not analysed: the lock is held across fork(), from phase 0 to 1 or 2. */
GS_NO_THREAD_SAFETY_ANALYSIS void gs_symbolize_fork(int phase)
{
    if (phase == 0) {
        gs_splock_lock(&sym_lock);
        return;
    }
    if (phase == 2) {
        if (sym_fd >= 0)
            close(sym_fd);
        sym_fd = -1;
        sym_unread = 0;
        __atomic_store_n(&sym_pid, 0, __ATOMIC_SEQ_CST); /* the parent's to kill */
        if (sym_state == 1)
            sym_state = 0;
    }
    gs_splock_unlock(&sym_lock);
}

/* ---- start-up */

/* Sends a request for pc, whose answer sym_ask reads and drops first. */
static void sym_warm(uintptr_t pc)
{
    const char *module;
    uintptr_t offset;
    if (sym_state != 1 || !sym_find_module(pc, &module, &offset))
        return;
    int n = gs_snprintf(sym_req, sizeof sym_req, "CODE \"%s\" 0x%lx\n", module, (unsigned long)offset);
    if ((size_t)n < sizeof sym_req && sym_send(sym_req, (size_t)n))
        sym_unread++;
}

/* Chooses the symbolizer now, while the environment and the working
 * directory are the ones the user gave (a program may clear its
 * environment or chdir before its first report): a relative path is made
 * absolute.  With symbolizer_at_start, also starts it and has it load the
 * debug info every report needs, while the program runs: the executable's
 * (a pc of ours: the runtime is linked into it) and libc's (the bottom
 * frame of main's stack). */
void gs_symbolize_init(void)
{
    if (!gs_flags.symbolize)
        return;
    gs_splock_lock(&sym_lock);
    char found[sizeof sym_path], cwd[sizeof sym_path];
    if (sym_choose(found, sizeof found)) {
        sym_path_chosen = true;
        if (found[0] == '/' || !getcwd(cwd, sizeof cwd) ||
            gs_snprintf(sym_path, sizeof sym_path, "%s/%s", cwd, found) >= (int)sizeof sym_path)
            gs_snprintf(sym_path, sizeof sym_path, "%s", found);
        if (gs_flags.verbosity)
            gs_warn("symbolizer: %s", sym_path);
    } else if (gs_flags.verbosity) {
        gs_warn("no llvm-symbolizer found (set GOSAN_SYMBOLIZER_PATH); using the symbol table");
    }
    if (gs_flags.symbolizer_at_start && sym_state == 0) {
        sym_start();
        sym_warm((uintptr_t)&gs_symbolize_init);
        sym_warm((uintptr_t)&clock_gettime);
    }
    gs_splock_unlock(&sym_lock);
}
