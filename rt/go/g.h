/* g.h - the scheduler's private data: goroutines (go_g), workers (go_m) and
 * the global scheduler state.  Only the scheduler's own files include it;
 * the primitives see go_g as opaque through sched.h.
 *
 * Invariants:
 *  - A go_g lives at the top of its own stack mapping (stacks.c), never in
 *    malloc'd memory: the checker's reachability scan must not find a path
 *    from the heap to a goroutine's wait object through scheduler state.
 *  - g->status moves RUNNING -> WAITING only on the worker's scheduler
 *    context after the goroutine's registers are saved (park_commit), and
 *    WAITING -> RUNNABLE only in go_ready.  A go_ready that arrives while the
 *    goroutine is still RUNNING (it is about to park) sets WOKEN instead and
 *    the park returns at once: wakers never need to wait for a parker.
 *  - A worker runs goroutines only while it holds a processor token
 *    (go_maxprocs of them); the monitor may take the token of a worker that
 *    has run one goroutine for too long and hand it to another worker.
 *  - Live goroutines, parked goroutines and readiness events are counted
 *    per worker (go_m.nlive, nparked, nready, changed only by the worker's
 *    own thread; threads without a worker use sched.ext_*), so that a spawn,
 *    an exit or a hand-off between workers touches no shared counter;
 *    go_count_sum adds them up.
 */
#ifndef GOSAN_GO_G_H
#define GOSAN_GO_G_H

#include <pthread.h>
#include <sys/types.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "check.h"
#include "sched.h"

enum go_status {
    G_IDLE = 0,      /* in the stack pool */
    G_RUNNABLE,      /* in a run queue */
    G_RUNNING,       /* on a worker */
    G_RUNNING_WOKEN, /* on a worker, about to park, already readied */
    G_WAITING,       /* parked */
    G_DEAD,
    G_GONE,          /* left behind by fork() in a child (fork.c): never runs */
};

/* What a goroutine asks its worker's scheduler context to do for it. */
enum go_switch_op { OP_NONE = 0, OP_PARK, OP_YIELD, OP_EXIT };

typedef struct go_m go_m;

struct go_g {
    void *sp;                  /* saved stack pointer while not running */
    _Atomic int status;        /* enum go_status */
    uint64_t id, parent_id;
    go_func fn;
    void *arg;
    go_m *m;                   /* worker running it, or NULL */
    go_m *bound_m;             /* adopted foreign thread: it parks on its own thread */
    struct go_g *schedlink;    /* global run queue link */
    struct go_g *all_next, *all_prev; /* list of live goroutines (sched.all_lock) */

    /* why and where it waits, for dumps and deadlock reports */
    go_wait_reason wait_reason;
    const void *wait_obj;
    const void *const *wait_objs;
    size_t nwait_objs;
    void *wait_pc;
    int64_t state_since;
    void *create_pc;
    void *checker_ctx;

    /* released on the scheduler context once the goroutine is switched out */
    golock *park_unlock;
    golock *const *park_locks;
    size_t npark_locks;

    /* labels: an array of key/value pairs in malloc'd memory */
    go_label *labels;
    size_t nlabels, labels_cap;
    _Atomic uint32_t labels_seq; /* odd while go_label_set changes them (pprof_cpu.c reads them in a signal handler) */

    /* stack: usable memory [stack_lo, stack_hi); the go_g sits above stack_hi */
    char *stack_lo, *stack_hi;
    char *map_lo;              /* start of the stack's memory, guard page included */
    size_t map_size;
    bool guarded;              /* a PROT_NONE page below stack_lo */
    bool is_main;
    struct go_g *pool_next;    /* stack pool link */
    void *fiber;               /* TSan fiber, when built with TSan */
    bool fiber_clean;          /* TSan: g returned from its function; its fiber can be reused */
    const void *asan_bottom;   /* ASan: the stack's bottom, for fiber switches */
    size_t asan_size;
    uint32_t trace_gen;        /* trace_events.c: the trace that has described it */
    uint32_t trace_lastp;      /* the trace P of its latest start, unblock or creation there */
    uint64_t trace_seq;        /* its starts and unblocks in that trace */
    int64_t trace_ts;          /* trace_buf.c: the time of its latest event in that trace */
    uint64_t det_prio;         /* detsched.c: its PCT priority, 0 until it has one */
};

/* A worker's lock-free run queue (Go's runq): the owner pushes at tail and
 * pops at head; thieves take half from head with a CAS. */
#define RUNQ_SIZE 256

/* schedstats.c: per-worker event counts (GOSAN_SCHEDSTATS=1). */
enum go_stat {
    GO_STAT_PARK,          /* a goroutine parked on this worker */
    GO_STAT_READY,         /* this worker made a goroutine runnable */
    GO_STAT_STEAL,         /* took half of another worker's run queue */
    GO_STAT_RUNNEXT_WAIT,  /* waited for a running worker to take its run-next goroutine */
    GO_STAT_RUNNEXT_STEAL, /* took another worker's run-next goroutine */
    GO_STAT_SLEEP,         /* went to sleep on its futex */
    GO_STAT_WAKE,          /* woke an idle worker or started one */
    GO_NSTATS
};
struct go_m {
    int id;
    pthread_t thread;
    _Atomic pid_t tid;         /* its kernel thread id while the library runs it (foreign.c) */
    void *g0_sp;               /* scheduler context while a goroutine runs */
    go_g *curg;
    _Atomic int token;         /* 1: holds a processor token */
    _Atomic uint64_t schedtick; /* bumped each time it starts running a goroutine */
    enum go_switch_op op;
    _Atomic(go_g *) runnext;
    _Atomic uint32_t runq_head, runq_tail;
    go_g *_Atomic runq[RUNQ_SIZE];
    _Atomic uint32_t park_word;  /* futex: 1 = woken */
    go_m *idle_next;
    bool spinning;
    bool foreign;              /* an adopted thread: runs only its own goroutine */
    uint32_t rand;
    /* monitor's view */
    uint64_t mon_tick;
    int64_t mon_since;
    uint64_t mon_qsig;         /* its own queue's signature since mon_qsince */
    int64_t mon_qsince;
    void *g0_fiber;
    void *asan_fake_stack;
    const void *g0_asan_bottom;
    size_t g0_asan_size;
    char *g0_stack;            /* m0 only: its scheduler stack */
    bool thread_set;           /* `thread` is valid (cleared when an adopted thread retires, under all_lock) */
    void *altstack;            /* guard.c: the signal stack the library mapped for its thread, or NULL */
    /* adopt.c: an adopted thread's m, retired, waits here for its thread
     * to be gone before the next adoption takes it */
    go_m *retired_next;
    pid_t retired_tid;
    /* filled by the stop-the-world signal handler (world.c) */
    const void *w_lo;
    const void *w_sp;          /* world.c: the interrupted stack pointer (pprof_goroutine.c) */
    void *w_fp, *w_pc;
    go_g *w_g;
    _Atomic uint64_t stats[GO_NSTATS];    /* schedstats.c */
    /* stacks.c: a few free goroutine stacks of this worker's own, so that a
     * spawn and an exit on it take no global lock; only its thread uses it */
    go_g *stack_cache;
    uint32_t stack_cache_n;
    struct go_trace_buf *trace_buf; /* trace_buf.c: its events, written by its thread only */
    _Atomic uint32_t retakes;  /* monitor.c: times the monitor took its token */
    _Atomic int64_t retake_ts; /* ... and the trace's time of the last one (trace_syscall.c) */
    /* asleep.c's counters, written only by this worker's thread, on a cache
     * line of their own */
    _Alignas(GOSAN_CACHE_LINE) _Atomic int64_t nlive;   /* spawns here minus exits here */
    _Atomic int64_t nparked;              /* parks committed here minus readies done here */
    _Atomic int64_t nready;               /* readiness events done here */
};

/* Threads the library runs at once (workers and live adopted threads): an
 * adopted thread's m is reused once the thread is gone (adopt.c). */
#define GO_MAX_M 1024

struct go_sched {
    _Atomic int initialized;   /* 0 no, 1 in progress, 2 done */
    _Atomic int maxprocs;
    _Atomic int tokens_free;
    _Atomic int nspinning;
    _Atomic int nforeign;      /* adopted threads outside library calls */
    _Atomic uint64_t next_goid;
    _Alignas(GOSAN_CACHE_LINE) _Atomic int nm;
    go_m *_Atomic ms[GO_MAX_M];
    golock lock;               /* global run queue, idle list */
    go_g *runq_head, *runq_tail;
    _Atomic uint32_t runq_size;
    _Atomic uint64_t runq_pops;   /* goroutines taken from the global queue (monitor.c) */
    go_m *idle;                /* idle workers (lock) */
    golock all_lock;           /* list of live goroutines */
    go_g *all;
    _Atomic uint32_t monitor_word;
    _Atomic int world_stopped;
    go_g *g1;
    go_g *fork_main;           /* in a child of fork(): the goroutine that forked */
    size_t stack_size;
    /* the asleep counters of threads that are not workers (timer
     * callbacks, adopted threads' exits), apart from the fields above */
    _Alignas(GOSAN_CACHE_LINE) _Atomic int64_t ext_live;
    _Atomic int64_t ext_parked;
    _Atomic int64_t ext_ready;
};
extern struct go_sched go_sched;

/* asleep.c's per-worker counters (see the invariants above). */
static inline void go_stat(go_m *m, enum go_stat which)
{
    if (m)
        atomic_store_explicit(&m->stats[which], atomic_load_explicit(&m->stats[which], memory_order_relaxed) + 1,
                              memory_order_relaxed);
}
void go_schedstats_init(void);

enum go_counter { GO_COUNT_LIVE, GO_COUNT_PARKED, GO_COUNT_READY, GO_NCOUNTERS };
void go_count_add(enum go_counter which, int64_t delta);
static inline void go_count_parked(int64_t delta) { go_count_add(GO_COUNT_PARKED, delta); }
static inline void go_count_event(void) { go_count_add(GO_COUNT_READY, 1); } /* a goroutine or timer became able to run */
int64_t go_count_sum(enum go_counter which);
void go_count_sums(int64_t sums[GO_NCOUNTERS]);

/* sched.c */
go_m *go_cur_m(void);
/* The calling thread's worker and goroutine, read inline: only for code in
 * which no goroutine switch can happen between the read and the last use
 * (the tracer's events); go_cur_m/go_cur_g are calls so that a compiler
 * never keeps a thread-local address across a switch. */
extern __thread go_m *go_tls_m;
extern __thread go_g *go_tls_g;
static inline go_m *go_here_m(void) { return go_tls_m; }
static inline go_g *go_here_g(void) { return go_tls_g; }
go_g *go_cur_g(void);
void go_sched_init_slow(void);
void go_wakep(void);
bool go_m_has_work(void);
/* No worker holds a processor token: nothing runs on a worker. */
bool go_all_tokens_free(void);
void go_all_add(go_g *g);
void go_all_remove(go_g *g);
_Noreturn void go_g_exit_current(void);
go_m *go_m_alloc(void);
go_m *go_m_try_alloc(void);          /* NULL when GO_MAX_M ms exist or no memory */
/* Dies saying how many threads of each kind are alive, at most GO_MAX_M, and hint. */
_Noreturn void go_m_limit_fatal(const char *hint);
/* adopt.c: adopted threads' ms, for go_m_alloc's error; and fork.c. */
void go_adopt_counts(int *adopted_ms, int *retired);
void go_adopt_fork_child(go_m *self);
void go_set_tls_foreign(go_m *m, go_g *g); /* adopt.c: an adopted thread's worker and goroutine */
/* The calling thread's stack [*lo, *hi), from its pthread attributes. */
void go_thread_stack_bounds(char **lo, char **hi);
void go_sched_fork_child(void);      /* fork.c: in a child, the worker that slept for timers is gone */

/* runq.c */
void go_runq_put_global(go_g *g);
go_g *go_runq_get_global(void);
void go_runq_put(go_m *m, go_g *g, bool next);
go_g *go_runq_get(go_m *m);
bool go_runq_empty(go_m *m);
go_g *go_runq_steal(go_m *thief, go_m *victim, bool take_next);

/* adopt.c */
go_g *go_adopt_thread(void);         /* makes the calling foreign thread a goroutine */

/* labels.c */
void go_labels_inherit(go_g *child, const go_g *parent, int *err);
void go_labels_free(go_g *g);

/* guard.c */
void go_signals_init(void);
void go_signals_init_thread(go_m *m);

/* world.c (go_hooks_stop_world) */
bool go_world_stopped_by_me(void);
/* g's registers and stack as the stop signal found them; false if unknown. */
bool go_world_regs(go_g *g, const void **lo, void **fp, void **pc);
const void *go_world_sp(go_g *g); /* its interrupted stack pointer, or NULL */

/* The goroutine entry (sched.c's g_main, the function every goroutine
 * stack starts in under go_ctx_trampoline) lives alone in this linker
 * section, so tracebacks and the checker (go_hooks_entry_range) recognise
 * its frame by address, whatever it is named. */
#define GO_ENTRY_SECTION __attribute__((section("gosan_go_entry"), noinline))
extern const char __start_gosan_go_entry[], __stop_gosan_go_entry[];
static inline bool go_is_entry_pc(const void *pc)
{
    return (const char *)pc >= __start_gosan_go_entry && (const char *)pc < __stop_gosan_go_entry;
}

/* arch/ctx_*.S: saves callee-saved registers on the current stack, stores the
 * stack pointer in *save and resumes the context saved at `to`. */
void go_ctx_switch(void **save, void *to);
void go_ctx_trampoline(void);
/* Prepares a fresh stack so that switching to the result calls entry(arg),
 * which must never return.  scan1/scan2 are parked in the frame so a memory
 * scan of the stack sees them (a goroutine's function and argument). */
void *go_ctx_make(char *stack_hi, void (*entry)(void *), void *arg, void *scan1, void *scan2);

/* stacks.c */
void go_stacks_init(void);           /* once, from go_sched_init_slow */
go_g *go_stack_get(void);            /* a fresh go_g on a pooled stack, zeroed */
void go_stack_put(go_g *g);
void go_stack_check(go_g *g, bool exiting); /* dies with a clear message if the stack overflowed */
size_t go_stacks_trim(void);         /* monitor: give back pooled stacks' pages beyond the warm set */
/* Is a fault at addr with the stack pointer at sp g's stack overflow? */
bool go_stack_fault_is_overflow(const go_g *g, const char *addr, const char *sp);
/* The lowest stack pointer a function compiled by gosan-cc may take on g's
 * stack (the -fsplit-stack limit), 0 for no check: the space below it is
 * left to code compiled without the check, the C library's included. */
#define GO_STACK_PROBE_RESERVE 4096
static inline uintptr_t go_stack_probe_limit(const go_g *g)
{
    return g && g->map_lo ? (uintptr_t)g->stack_lo + GO_STACK_PROBE_RESERVE : 0;
}
/* guard.c: prints "fatal error: stack overflow" naming g, then what (how it
 * was seen), and exits with status 2.  Async-signal-safe enough for the
 * SIGSEGV handler: snprintf and write only, nothing of other goroutines
 * (their stacks may be what the overflow overwrote). */
_Noreturn void go_stack_overflow_die(const go_g *g, const char *what);
go_g *go_g_alloc_static(void);       /* for goroutine 1 and adopted threads */
void go_g_free_static(go_g *g);
void go_stacks_fork(int phase);      /* fork.c: 0 prepare, 1 parent, 2 child */

/* timers.c */
int64_t go_timers_next(void);        /* INT64_MAX if none */
bool go_timers_run(int64_t now);     /* runs due timers; true if any ran */
bool go_timers_pending(void);        /* armed or firing */
/* A timer's fn is running on this thread (a worker's scheduler context or
 * the monitor): go_spawn from there makes a goroutine with no parent. */
bool go_timers_in_callback(void);
void go_timers_fork(int phase);      /* fork.c: 0 prepare, 1 parent, 2 child */

void go_idle_wake_timer_sleeper(void);
void go_idle_kick_sleeper(void);      /* netpoll.c: the poller started */

/* monitor.c */
void go_monitor_start(void);
void go_monitor_poke(void);
void go_monitor_fork_child(void);

/* asleep.c */
void go_check_all_asleep(void);

/* fork.c */
void go_fork_init(void);

/* foreign.c */
pid_t go_gettid(void);
void go_foreign_init(void);          /* threads that exist now are not the program's */
bool go_foreign_threads_live(void);  /* a thread the library does not run exists */
bool go_foreign_recheck_due(void);   /* monitor: a deferred verdict wants another look */
void go_foreign_fork_child(void);

/* leaktest.c: the names of the program's own functions on a parked
 * goroutine's stack, innermost first (the library's frames dropped), at
 * most max; 0 for a running goroutine.  Names live forever. */
size_t go_leak_functions(go_g *g, const char **out, size_t max);
/* Whether the program's ignores (gosan_leak_ignore_*) cover goroutine id
 * with these functions; takes only the ignore lists' lock. */
bool go_leak_ignored(uint64_t id, const char *const *functions, size_t n);

/* traceback.c */
void go_traceback_all(int fd, bool skip_self);
void go_traceback_g(int fd, go_g *g, bool self);

/* symtab.c */
/* Writes "NAME+0xOFF\n\tMODULE+0xOFF\n" (or as much as is known) for pc. */
size_t go_symbolize(void *pc, char *buf, size_t size);
const char *go_symbol_name(void *pc); /* the function name only, or NULL */
const char *go_symbol_name_stopped(void *pc); /* the executable's own table only, no lock: while the world is stopped */
void go_symtab_ready(void);                    /* builds that table now */
uintptr_t go_symbol_start(void *pc);  /* where its function starts, or 0 */
const void *go_exe_image(size_t *size); /* the executable's ELF file, mapped; NULL if unreadable */

/* futex.c */
void go_futex_wait(_Atomic uint32_t *addr, uint32_t val, int64_t timeout_ns);
void go_futex_wake(_Atomic uint32_t *addr, int n);
int64_t go_now_coarse(void);

/* fiber.c (sanitizer annotations; no-ops in normal builds) */
/* Marks the functions between a TSan fiber switch and the stack switch, and
 * a goroutine's first and last frames: no TSan instrumentation at all, so
 * they push nothing on a fiber's shadow call stack (see fiber.c). */
#if defined(GOSAN_FIBER_TSAN)
#define GO_FIBER_SWITCH_PATH __attribute__((disable_sanitizer_instrumentation))
#else
#define GO_FIBER_SWITCH_PATH
#endif
void go_fiber_create(go_g *g);
void go_fiber_destroy(go_g *g);
void go_fiber_m_init(go_m *m);
void go_fiber_before_switch_to_g(go_m *m, go_g *g, void **fake);
void go_fiber_before_switch_to_g0(go_m *m, go_g *g, void **fake, bool dying);
void go_fiber_after_switch(void *fake, const void **from_bottom, size_t *from_size);

#endif /* GOSAN_GO_G_H */
