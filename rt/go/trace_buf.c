/* trace_buf.c - the tracer's event buffers and the Go 1.19 event encoding.
 *
 * Each worker has its own buffer (mmap'd on its first event, kept for the
 * process), written only by its thread, so an event takes no lock; threads
 * without a worker share one buffer under a lock.  A buffer holds one batch
 * (EvBatch: trace P id and base timestamp, then events whose timestamps are
 * varint deltas from the previous one); a full buffer is written to the
 * trace's fd at once, so memory stays bounded and a program that crashes
 * leaves every flushed batch in the file.
 *
 * Encoding (runtime/trace.go): a byte holding the type and, in the top two
 * bits, the number of arguments minus one; with four or more arguments the
 * top bits are 3 and a varint byte length of the arguments follows.  The
 * first argument of every event but EvBatch/EvFrequency/EvStack/EvString is
 * the timestamp delta.
 */
#include <fcntl.h>
#include <linux/membarrier.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "trace_emit.h"

_Atomic int go_trace_enabled_flag;
_Atomic uint32_t go_trace_cur_gen;

/* Timestamps are the processor's time-stamp counter when it ticks at a
 * constant rate in every power state and on every core (the kernel says
 * constant_tsc and nonstop_tsc), as Go's cputicks: about half the cost of
 * CLOCK_MONOTONIC in a VM.  Otherwise CLOCK_MONOTONIC nanoseconds.  No
 * fence orders the read: an event about a goroutine is stamped no earlier
 * than its previous event (go_trace_event_g), which is all the order Go's
 * parser checks, and a fence doubles the read's cost in a VM. */
static bool use_tsc;
static int64_t trace_t0, mono_t0;

static go_trace_buf *global_buf;
static golock global_lock;

/* With the kernel's expedited membarrier, the stopper pays for the
 * writers' fence: a writer marks its buffer busy with a plain store and
 * the stopper's membarrier orders it against the flag.  Otherwise the
 * writer's store is sequentially consistent (a locked instruction). */
bool go_trace_plain_busy;

static void membarrier_init(void)
{
    static int tried;
    if (tried++)
        return;
    go_trace_plain_busy = syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
}

static void stopper_fence(void)
{
    if (go_trace_plain_busy && syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) != 0)
        __builtin_trap(); /* registered, so it cannot fail */
}

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t ticks(void)
{
    if (!use_tsc)
        return mono_ns();
    return (int64_t)__builtin_ia32_rdtsc();
}

/* The trace's time unit is 64 counter ticks (about 25 ns), as Go's
 * (traceTickDiv on amd64): finer than any event's cost, and the varint
 * delta between a worker's events then mostly fits one byte, not two. */
#define TSC_SHIFT 6

int64_t go_trace_now(void)
{
    int64_t t = ticks() - trace_t0;
    return use_tsc ? t >> TSC_SHIFT : t;
}

static bool tsc_is_steady(void)
{
    static char buf[8192];
    int fd = open("/proc/cpuinfo", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    return strstr(buf, " constant_tsc") && strstr(buf, " nonstop_tsc");
}

/* Ticks per second since the trace started, spinning until min_ns have
 * passed.  The parser keeps the last EvFrequency: the one written at the
 * stop (or at death) is measured over the whole trace; the one written at
 * the start, over 200 us, only matters to a trace cut short by a kill, and
 * is within a fraction of a percent (two adjacent clock reads at each end). */
uint64_t go_trace_frequency(int64_t min_ns)
{
    if (!use_tsc)
        return 1000000000;
    int64_t t, ns;
    do {
        ns = mono_ns() - mono_t0;
        t = go_trace_now();
    } while (ns < min_ns);
    return (uint64_t)((double)t * 1e9 / (double)ns);
}
uint32_t go_trace_gen(void) { return atomic_load(&go_trace_cur_gen); }

static go_trace_buf *buf_new(uint32_t pid)
{
    go_trace_buf *b = mmap(NULL, sizeof *b, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (b == MAP_FAILED)
        return NULL;
    b->pid = pid;
    return b;
}

/* Called by trace_writer.c with no trace running: the next trace starts. */
void go_trace_bufs_begin(uint32_t gen)
{
    if (!global_buf)
        global_buf = buf_new(TRACE_GLOBAL_P);
    static int tsc_known;
    if (!tsc_known++)
        use_tsc = tsc_is_steady();
    membarrier_init();
    mono_t0 = mono_ns();
    trace_t0 = ticks();
    atomic_store(&go_trace_cur_gen, gen);
}

void go_trace_buf_reset(go_trace_buf *b, uint32_t gen)
{
    b->gen = gen;
    b->len = 0;
    b->event_start = 0;
    b->proc_running = b->event_proc_running = false;
    b->cur_g = b->event_cur_g = 0;
    b->last_ts = 0;
    b->stop_pending = false;
    memset(b->stack_cache, 0, sizeof b->stack_cache);
    b->entry_fn = NULL;
    b->entry_id = 0;
}

go_trace_buf *go_trace_buf_acquire(void)
{
    go_m *m = go_cur_m();
    go_trace_buf *b;
    if (m) {
        b = m->trace_buf;
        if (!b && !(b = m->trace_buf = buf_new((uint32_t)m->id)))
            return NULL;
    } else {
        golock_lock(&global_lock);
        b = global_buf;
        if (!b) {
            golock_unlock(&global_lock);
            return NULL;
        }
    }
    /* Dekker with go_trace_bufs_flush_all: busy, then the flag. */
    if (go_trace_plain_busy) {
        atomic_store_explicit(&b->busy, 1, memory_order_relaxed);
        atomic_signal_fence(memory_order_seq_cst);
    } else {
        atomic_store(&b->busy, 1);
    }
    if (!atomic_load_explicit(&go_trace_enabled_flag, memory_order_relaxed)) {
        go_trace_buf_release(b);
        return NULL;
    }
    uint32_t gen = atomic_load(&go_trace_cur_gen);
    if (b->gen != gen)
        go_trace_buf_reset(b, gen);
    b->now_set = false;
    b->after_stop = b->stop_pending;
    b->stop_pending = false;
    return b;
}

/* Every event in b so far is whole: a signal may cut what follows. */
static inline void mark_whole(go_trace_buf *b)
{
    b->event_start = b->len;
    b->event_cur_g = b->cur_g;
    b->event_proc_running = b->proc_running;
}

void go_trace_buf_release(go_trace_buf *b)
{
    mark_whole(b);
    atomic_store_explicit(&b->busy, 0, memory_order_release);
    if (b == global_buf)
        golock_unlock(&global_lock);
}

static void buf_flush(go_trace_buf *b)
{
    if (b->len)
        go_trace_write(b->data, b->len);
    b->len = 0;
    mark_whole(b); /* before an event's bytes: the state is the file's */
}

static size_t varint_at(uint8_t *p, uint64_t v)
{
    size_t n = 0;
    for (; v >= 0x80; v >>= 7)
        p[n++] = (uint8_t)(v | 0x80);
    p[n++] = (uint8_t)v;
    return n;
}

void go_trace_reserve(go_trace_buf *b, size_t n)
{
    if (b->len + n > sizeof b->data)
        buf_flush(b);
    if (b->len == 0) {
        b->data[b->len++] = TEV_BATCH | 1 << 6;
        b->len += varint_at(b->data + b->len, b->pid);
        b->len += varint_at(b->data + b->len, (uint64_t)b->last_ts);
    }
}

void go_trace_put_byte(go_trace_buf *b, uint8_t v) { b->data[b->len++] = v; }
void go_trace_put_varint(go_trace_buf *b, uint64_t v) { b->len += varint_at(b->data + b->len, v); }
void go_trace_put_bytes(go_trace_buf *b, const void *p, size_t n)
{
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

void go_trace_reuse_last(go_trace_buf *b)
{
    b->now = b->last_ts;
    b->now_set = true;
}

void go_trace_event_g(go_trace_buf *b, go_g *g, int type, const uint64_t *args, int nargs)
{
    int64_t floor = __atomic_load_n(&g->trace_ts, __ATOMIC_RELAXED);
    if (g->trace_gen == b->gen && floor > go_trace_stamp(b))
        b->now = floor;
    go_trace_event(b, type, args, nargs);
    __atomic_store_n(&g->trace_ts, b->last_ts, __ATOMIC_RELAXED);
}

void go_trace_event(go_trace_buf *b, int type, const uint64_t *args, int nargs)
{
    int64_t ts = go_trace_stamp(b);
    switch (nargs) {
    case 0: go_trace_emit(b, ts, type, 0, 0, 0, 0); return;
    case 1: go_trace_emit(b, ts, type, 1, args[0], 0, 0); return;
    case 2: go_trace_emit(b, ts, type, 2, args[0], args[1], 0); return;
    case 3: go_trace_emit(b, ts, type, 3, args[0], args[1], args[2]); return;
    }
    /* Four or more: the length may need more than one byte. */
    uint8_t tmp[10 * 8];
    size_t n = varint_at(tmp, (uint64_t)(ts - b->last_ts));
    for (int i = 0; i < nargs; i++)
        n += varint_at(tmp + n, args[i]);
    go_trace_reserve(b, 2 + 10 + n);
    b->last_ts = ts;
    go_trace_put_byte(b, (uint8_t)(type | 3 << 6));
    go_trace_put_varint(b, n);
    go_trace_put_bytes(b, tmp, n);
}

/* A signal handler running on the thread that was writing into b: that
 * event will never end, so it is left out, and the events before it kept
 * (a full buffer is written out before an event starts, so the file never
 * holds part of one), with the processor's state as they left it (a cut
 * start must not be followed by its goroutine's stop). */
static bool cut_own_event(go_trace_buf *b)
{
    go_m *m = go_cur_m();
    if (!m || m->trace_buf != b || !atomic_load(&b->busy))
        return false;
    b->len = b->event_start;
    b->cur_g = b->event_cur_g;
    b->proc_running = b->event_proc_running;
    return true;
}

/* dying: the process is about to end abnormally, and a buffer still busy
 * after a while belongs to a thread that will not finish its event. */
static void wait_and_flush(go_trace_buf *b, bool dying)
{
    if (!b)
        return;
    int64_t give_up = dying ? mono_ns() + 100000000 : INT64_MAX; /* 100 ms */
    if (dying && cut_own_event(b))
        atomic_store(&b->busy, 0);
    while (atomic_load(&b->busy))
        if (mono_ns() > give_up)
            return;
        else
            gosan_cpu_relax();
    if (b->gen != atomic_load(&go_trace_cur_gen))
        return;
    /* Go's viewer wants every start to end: the goroutine still running
     * here stops being traced as if it yielded. */
    if (b->cur_g) {
        uint64_t no_stack = 0;
        b->now_set = false;
        go_trace_event(b, TEV_GO_SCHED, &no_stack, 1);
        b->cur_g = 0;
    }
    buf_flush(b);
}

/* The enabled flag is already clear: after a buffer's busy flag drops, its
 * thread will not write to it again in this trace. */
void go_trace_bufs_flush_all(bool dying)
{
    stopper_fence();
    atomic_thread_fence(memory_order_seq_cst);
    int nm = atomic_load(&go_sched.nm);
    for (int i = 0; i < nm && i < GO_MAX_M; i++) {
        go_m *m = atomic_load(&go_sched.ms[i]);
        if (m)
            wait_and_flush(m->trace_buf, dying);
    }
    if (dying && !golock_trylock(&global_lock))
        return;
    if (!dying)
        golock_lock(&global_lock);
    wait_and_flush(global_buf, dying);
    golock_unlock(&global_lock);
}
