/* pprof_cpu.c - the CPU profile (gosan_cpuprofile_start/stop,
 * GOSAN_CPUPROFILE=PATH).
 *
 * As Go since 1.18, each worker thread has its own POSIX timer on its own
 * CPU-time clock (timer_create on pthread_getcpuclockid, SIGEV_THREAD_ID to
 * that thread), so every thread is sampled in proportion to the CPU it
 * uses, whatever the number of threads.  Workers that start while a
 * profile runs get theirs from go_pprof_cpu_thread_start; an adopted
 * thread that retires deletes its own (go_pprof_cpu_thread_exit), and its
 * table stays with its m, which the next adopted thread may take (adopt.c).
 *
 * The SIGPROF handler is async-signal-safe: it walks the interrupted
 * goroutine's frame pointers (bounded by its stack, go_hooks_fp_chain),
 * copies the goroutine's labels unless the goroutine is changing them
 * (labels_seq odd), and adds the sample to its own thread's table: an
 * open-addressing table keyed by stack and labels, written only by that
 * thread's handler and read only after the profile stopped, so no lock
 * and no allocation.  A table is mmap'd when its thread joins the profile;
 * a full one counts its samples as dropped (a "gosan_dropped_samples"
 * frame in the profile).  Stopping deletes the timers, waits for handlers
 * in flight, and merges the tables into the profile it writes.  The
 * handler stays installed afterwards and ignores late signals.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "pprof.h"

#define CPU_FRAMES 64
#define CPU_TAB_SIZE 2048 /* entries per thread, a power of two */
#define CPU_LABELS 8

typedef struct cpu_ent {
    uint64_t hash;     /* 0: empty */
    int64_t count;
    uint16_t npcs, nlabels, nlabel_bytes;
    uintptr_t pcs[CPU_FRAMES];
    char label_text[256]; /* key\0value\0 pairs */
} cpu_ent;

typedef struct cpu_m {
    cpu_ent *tab;
    int64_t dropped;
    timer_t timer;
    bool has_timer;
    _Atomic int busy;     /* the handler runs on this thread */
    _Atomic int joining;  /* 1 while a timer is being set up for it */
} cpu_m;

static cpu_m cpu_ms[GO_MAX_M];
static _Atomic int cpu_on;
static int cpu_hz, cpu_fd = -1;
static int64_t cpu_start_ns, cpu_wall_ns;
static golock cpu_lock;
static pthread_once_t handler_once = PTHREAD_ONCE_INIT;

static uint64_t mix(uint64_t h, uint64_t v)
{
    return (h ^ v) * 0x100000001b3ull;
}

static size_t copy_labels(go_g *g, char *out, size_t size, uint16_t *nlabels, uint64_t *h)
{
    uint32_t seq = atomic_load_explicit(&g->labels_seq, memory_order_acquire);
    if (seq & 1)
        return 0; /* interrupted inside go_label_set: the array is changing */
    size_t off = 0;
    uint16_t n = 0;
    for (size_t i = 0; i < g->nlabels && n < CPU_LABELS; i++) {
        const char *kv[2] = {g->labels[i].key, g->labels[i].value};
        size_t len[2] = {strlen(kv[0]), strlen(kv[1])};
        if (off + len[0] + len[1] + 2 > size)
            break;
        for (int k = 0; k < 2; k++) {
            memcpy(out + off, kv[k], len[k] + 1);
            for (size_t j = 0; j < len[k]; j++)
                *h = mix(*h, (uint8_t)kv[k][j]);
            *h = mix(*h, 0x100);
            off += len[k] + 1;
        }
        n++;
    }
    *nlabels = n;
    return off;
}

static void add_sample(cpu_m *c, const uintptr_t *pcs, size_t n, const char *labels, size_t nbytes,
                       uint16_t nlabels, uint64_t h)
{
    h |= 1;
    for (uint32_t i = 0; i < CPU_TAB_SIZE / 2; i++) {
        cpu_ent *e = &c->tab[(h + i) & (CPU_TAB_SIZE - 1)];
        if (e->hash == h && e->npcs == n && e->nlabel_bytes == nbytes &&
            memcmp(e->pcs, pcs, n * sizeof *pcs) == 0 && memcmp(e->label_text, labels, nbytes) == 0) {
            e->count++;
            return;
        }
        if (!e->hash) {
            memcpy(e->pcs, pcs, n * sizeof *pcs);
            memcpy(e->label_text, labels, nbytes);
            e->npcs = (uint16_t)n;
            e->nlabels = nlabels;
            e->nlabel_bytes = (uint16_t)nbytes;
            e->count = 1;
            e->hash = h;
            return;
        }
    }
    c->dropped++;
}

static void prof_handler(int sig, siginfo_t *si, void *uctx)
{
    (void)sig;
    (void)si;
    if (!atomic_load_explicit(&cpu_on, memory_order_acquire))
        return;
    go_m *m = go_cur_m();
    if (!m || m->id < 0 || m->id >= GO_MAX_M)
        return;
    cpu_m *c = &cpu_ms[m->id];
    atomic_store_explicit(&c->busy, 1, memory_order_seq_cst);
    if (!atomic_load_explicit(&cpu_on, memory_order_seq_cst) || !c->tab) {
        atomic_store_explicit(&c->busy, 0, memory_order_release);
        return;
    }
    int saved_errno = errno;
    ucontext_t *uc = uctx;
    const char *sp = (const char *)uc->uc_mcontext.gregs[REG_RSP];
    void *fp = (void *)uc->uc_mcontext.gregs[REG_RBP];
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    uintptr_t pcs[CPU_FRAMES];
    size_t n = 0;
    if (!go_pprof_in_checker(pc))
        pcs[n++] = pc;
    char labels[256];
    size_t nbytes = 0;
    uint16_t nlabels = 0;
    uint64_t h = 0xcbf29ce484222325ull;
    go_g *g = m->curg;
    /* Only on its goroutine's own stack is the chain the goroutine's; in
     * the scheduler the sample is the interrupted function alone. */
    if (g && g->stack_hi && sp < g->stack_hi && (!g->stack_lo || sp >= g->stack_lo)) {
        uintptr_t ret = go_pprof_checker_ret(pc, sp);
        if (ret && !go_is_entry_pc((const void *)(ret - 1)))
            pcs[n++] = ret - 1;
        void *raw[CPU_FRAMES];
        size_t k = go_hooks_fp_chain(fp, sp, g->stack_hi, raw, CPU_FRAMES - 2);
        for (size_t i = 0; i < k; i++) {
            uintptr_t r = (uintptr_t)raw[i] - 1;
            if (go_is_entry_pc((const void *)r))
                break;
            if (!go_pprof_in_checker(r)) /* the check's frames: its caller is the sample's */
                pcs[n++] = r;
        }
        nbytes = copy_labels(g, labels, sizeof labels, &nlabels, &h);
    }
    if (n == 0) /* in the checker with no caller found: the check itself */
        pcs[n++] = pc;
    for (size_t i = 0; i < n; i++)
        h = mix(h, pcs[i]);
    add_sample(c, pcs, n, labels, nbytes, nlabels, h);
    errno = saved_errno;
    atomic_store_explicit(&c->busy, 0, memory_order_release);
}

static void install_handler(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = prof_handler;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigfillset(&sa.sa_mask);
    sigaction(SIGPROF, &sa, NULL);
}

/* Gives m a table and a timer on its thread's CPU clock.  Normal context. */
static void join(go_m *m)
{
    if (m->id < 0 || m->id >= GO_MAX_M || !m->thread_set)
        return;
    cpu_m *c = &cpu_ms[m->id];
    int zero = 0;
    if (!atomic_compare_exchange_strong(&c->joining, &zero, 1))
        return;
    if (c->has_timer) {
        atomic_store(&c->joining, 0);
        return;
    }
    if (!c->tab) {
        void *p = mmap(NULL, CPU_TAB_SIZE * sizeof(cpu_ent), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                       -1, 0);
        c->tab = p == MAP_FAILED ? NULL : p;
    }
    pid_t tid = atomic_load(&m->tid);
    clockid_t clock;
    if (c->tab && tid > 0 && pthread_getcpuclockid(m->thread, &clock) == 0) {
        struct sigevent sev;
        memset(&sev, 0, sizeof sev);
        sev.sigev_notify = SIGEV_THREAD_ID;
        sev.sigev_signo = SIGPROF;
        sev._sigev_un._tid = tid;
        if (timer_create(clock, &sev, &c->timer) == 0) {
            long ns = 1000000000L / cpu_hz;
            /* a first expiry spread over one period, so that threads
             * started together are not sampled in step */
            long first = 1 + (long)((uint64_t)tid * 2654435761u % (uint64_t)ns);
            struct itimerspec its = {{ns / 1000000000L, ns % 1000000000L},
                                     {first / 1000000000L, first % 1000000000L}};
            timer_settime(c->timer, 0, &its, NULL);
            c->has_timer = true;
        }
    }
    atomic_store(&c->joining, 0);
}

int go_pprof_cpu_thread_start(go_m *m)
{
    if (!atomic_load_explicit(&cpu_on, memory_order_acquire))
        return 0;
    join(m);
    return 0;
}

/* Deletes c's timer, once a timer being set up for it is done (under
 * cpu_lock). */
static void drop_timer(cpu_m *c)
{
    while (atomic_load(&c->joining))
        sched_yield();
    if (c->has_timer) {
        timer_delete(c->timer);
        c->has_timer = false;
    }
}

/* On m's thread, which is about to exit: its timer goes (a profile's stop
 * and start, under cpu_lock too, would otherwise delete it or keep it for
 * the m's next thread, whose clock is another). */
void go_pprof_cpu_thread_exit(go_m *m)
{
    if (m->id < 0 || m->id >= GO_MAX_M)
        return;
    golock_lock(&cpu_lock);
    drop_timer(&cpu_ms[m->id]);
    golock_unlock(&cpu_lock);
}

int gosan_cpuprofile_start(int fd, int hz)
{
    if (fd < 0 || hz < 0 || hz > 10000)
        return GO_EINVAL;
    if (atomic_load(&go_sched.initialized) != 2)
        go_sched_init_slow();
    golock_lock(&cpu_lock);
    if (atomic_load(&cpu_on) || cpu_fd >= 0) {
        golock_unlock(&cpu_lock);
        return GO_EINVAL;
    }
    pthread_once(&handler_once, install_handler);
    cpu_hz = hz ? hz : 100;
    cpu_fd = fd;
    cpu_start_ns = go_now();
    cpu_wall_ns = go_pp_wall_ns();
    for (int i = 0; i < GO_MAX_M; i++) {
        if (cpu_ms[i].tab)
            memset(cpu_ms[i].tab, 0, CPU_TAB_SIZE * sizeof(cpu_ent));
        cpu_ms[i].dropped = 0;
    }
    atomic_store(&cpu_on, 1);
    int nm = atomic_load(&go_sched.nm);
    for (int i = 0; i < nm; i++) {
        go_m *m = atomic_load(&go_sched.ms[i]);
        if (m)
            join(m);
    }
    golock_unlock(&cpu_lock);
    return 0;
}

static const char *const cpu_types[][2] = {{"samples", "count"}, {"cpu", "nanoseconds"}};
static const char *const cpu_period[2] = {"cpu", "nanoseconds"};

/* Names the samples a full table could not keep. */
static __attribute__((noinline)) void gosan_dropped_samples(void) { __asm__ volatile(""); }

static int write_profile(int64_t period)
{
    pp_profile *p = go_pp_new(2, cpu_types, cpu_period, period);
    if (!p)
        return GO_ENOMEM;
    bool ok = true;
    int64_t dropped = 0;
    for (int i = 0; i < GO_MAX_M && ok; i++) {
        cpu_m *c = &cpu_ms[i];
        dropped += c->dropped;
        for (uint32_t k = 0; c->tab && k < CPU_TAB_SIZE && ok; k++) {
            cpu_ent *e = &c->tab[k];
            if (!e->hash)
                continue;
            pp_label l[CPU_LABELS];
            const char *s = e->label_text;
            for (uint16_t j = 0; j < e->nlabels; j++) {
                l[j].key = s;
                s += strlen(s) + 1;
                l[j].value = s;
                s += strlen(s) + 1;
            }
            int64_t vals[2] = {e->count, e->count * period};
            ok = go_pp_add(p, e->pcs, e->npcs, l, e->nlabels, vals);
        }
    }
    if (ok && dropped) {
        uintptr_t pc = (uintptr_t)gosan_dropped_samples;
        int64_t vals[2] = {dropped, dropped * period};
        ok = go_pp_add(p, &pc, 1, NULL, 0, vals);
    }
    int rc = ok ? go_pp_write_proto(p, cpu_fd, cpu_wall_ns, go_now() - cpu_start_ns) : GO_ENOMEM;
    go_pp_free(p);
    return rc;
}

int gosan_cpuprofile_stop(void)
{
    golock_lock(&cpu_lock);
    if (!atomic_load(&cpu_on)) {
        golock_unlock(&cpu_lock);
        return GO_EINVAL;
    }
    atomic_store(&cpu_on, 0);
    for (int i = 0; i < GO_MAX_M; i++) {
        cpu_m *c = &cpu_ms[i];
        drop_timer(c);
        while (atomic_load(&c->busy))
            sched_yield();
    }
    int rc = write_profile(1000000000LL / cpu_hz);
    cpu_fd = -1;
    golock_unlock(&cpu_lock);
    return rc;
}

/* ---- GOSAN_CPUPROFILE=PATH: the whole run */

static int env_fd = -1;
static pid_t env_pid;

static void env_stop(void)
{
    if (env_fd < 0 || getpid() != env_pid)
        return; /* a forked child does not write its parent's profile */
    int rc = gosan_cpuprofile_stop();
    if (rc)
        fprintf(stderr, "gosan: GOSAN_CPUPROFILE: %s\n", go_strerror(rc));
    close(env_fd);
    env_fd = -1;
}

/* After the scheduler's constructor (200): the main thread is a worker. */
__attribute__((constructor(203))) static void env_start(void)
{
    const char *path = getenv("GOSAN_CPUPROFILE");
    if (!path || !*path)
        return;
    env_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (env_fd < 0) {
        fprintf(stderr, "gosan: GOSAN_CPUPROFILE=%s: cannot open: %s\n", path, strerror(errno));
        return;
    }
    const char *hz = getenv("GOSAN_CPUPROFILE_HZ");
    if (gosan_cpuprofile_start(env_fd, hz ? atoi(hz) : 0) != 0) {
        fprintf(stderr, "gosan: GOSAN_CPUPROFILE_HZ=%s: not a rate from 1 to 10000; no CPU profile\n", hz ? hz : "");
        close(env_fd);
        env_fd = -1;
        return;
    }
    env_pid = getpid();
    atexit(env_stop);
}
