/* go_hooks.h - the one interface between the library (rt/go) and the checker
 * runtime (rt/gosan).  Documented in docs/hooks.md.
 *
 * Direction library -> checker: the library calls the function pointers in
 * `go_hooks_active` at fixed points.  The pointer is NULL unless the checker
 * is linked (its constructor calls go_hooks_install), so with no checker a
 * hook site costs one load of a global and a predictable not-taken branch:
 *
 *     if (GO_HOOKS_UNLIKELY(go_hooks_active)) go_hooks_active->release(...);
 *
 * Direction checker -> library: the go_hooks_* query functions at the end of
 * this file.  The checker uses nothing else of the library's internals.
 *
 * Invariants every hook relies on:
 *  - A hook runs on the goroutine named in its description, on a worker
 *    thread, never while the library holds a lock that a hook could need
 *    except where a hook says "called under the object's lock": such hooks
 *    must not block, park, call back into the library or take user locks.
 *  - `pc` is the return address into the user's code of the public library
 *    call (the call site), or NULL when there is none.
 *  - `ctx` arguments are the checker's per-goroutine contexts returned by
 *    g_create; NULL means "the running goroutine".
 */
#ifndef GOSAN_GO_HOOKS_H
#define GOSAN_GO_HOOKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library is built with hidden visibility: what is declared here is its
 * interface, and stays visible (global) in its sealed archive. */
#pragma GCC visibility push(default)

#define GO_HOOKS_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define GO_HOOKS_VERSION 3

/* Why a goroutine is parked; names match Go's waitReason strings. */
typedef enum go_wait_reason {
    GO_WAIT_NONE = 0,
    GO_WAIT_CHAN_SEND,          /* "chan send" */
    GO_WAIT_CHAN_RECV,          /* "chan receive" */
    GO_WAIT_CHAN_SEND_NIL,      /* "chan send (nil chan)" */
    GO_WAIT_CHAN_RECV_NIL,      /* "chan receive (nil chan)" */
    GO_WAIT_SELECT,             /* "select" */
    GO_WAIT_SELECT_NO_CASES,    /* "select (no cases)" */
    GO_WAIT_MUTEX,              /* "sync.Mutex.Lock" */
    GO_WAIT_RWMUTEX_RLOCK,      /* "sync.RWMutex.RLock" */
    GO_WAIT_RWMUTEX_LOCK,       /* "sync.RWMutex.Lock" */
    GO_WAIT_WAITGROUP,          /* "sync.WaitGroup.Wait" */
    GO_WAIT_COND,               /* "sync.Cond.Wait" */
    GO_WAIT_SLEEP,              /* "sleep" */
    GO_WAIT_COUNT
} go_wait_reason;
const char *go_wait_reason_name(go_wait_reason r);

typedef enum go_gstate {
    GO_G_RUNNABLE = 1, /* "runnable" */
    GO_G_RUNNING,      /* "running" */
    GO_G_WAITING,      /* parked: see wait_reason */
    GO_G_SYSCALL,      /* "syscall": its worker made no progress for a monitor tick */
    GO_G_DEAD,
} go_gstate;

/* The kinds of library object, for access hooks and reports. */
typedef enum go_obj_kind {
    GO_OBJ_CHAN = 1,
    GO_OBJ_MUTEX,
    GO_OBJ_RWMUTEX,
    GO_OBJ_WAITGROUP,
    GO_OBJ_ONCE,
    GO_OBJ_COND,
} go_obj_kind;

/* Misuse that Go turns into a panic or fatal error. */
typedef enum go_misuse {
    GO_MISUSE_SEND_ON_CLOSED = 1, /* "send on closed channel" */
    GO_MISUSE_CLOSE_CLOSED,       /* "close of closed channel" */
    GO_MISUSE_CLOSE_NIL,          /* "close of nil channel" */
    GO_MISUSE_UNLOCK_UNLOCKED,    /* "unlock of unlocked mutex" */
    GO_MISUSE_NEGATIVE_WG,        /* "negative WaitGroup counter" */
    GO_MISUSE_FREE_WAITED,        /* "free of object with blocked goroutines": obj is the
                                     channel, mutex, RWMutex, WaitGroup or Cond */
} go_misuse;
const char *go_misuse_name(go_misuse m);

/* Mutex events, for happens-before (the checker derives mutex HB from these:
 * unlock n -> lock m, RUnlock -> next Lock, Unlock -> next RLock) and for the
 * lock-order graph and wait-for cycles.  LOCKED and UNLOCK are reported
 * while the caller holds the write lock, RLOCKED and RUNLOCK while it holds
 * a read lock: a checker may rely on the mutex itself to order a write
 * lock's events with every other event on the same mutex. */
typedef enum go_mutex_event {
    GO_MUTEX_PRE_LOCK = 1,  /* about to wait for a write lock (may block) */
    GO_MUTEX_LOCKED,        /* write lock acquired (also after a successful trylock) */
    GO_MUTEX_UNLOCK,        /* write lock about to be released */
    GO_MUTEX_PRE_RLOCK,     /* about to wait for a read lock (rwmutex only) */
    GO_MUTEX_RLOCKED,       /* read lock acquired (also after a successful tryrlock) */
    GO_MUTEX_RUNLOCK,       /* read lock about to be released */
} go_mutex_event;

/* The happens-before operations of the hb_serial hook. */
typedef enum go_hb_op {
    GO_HB_ACQUIRE = 1,     /* mine |= sync */
    GO_HB_RELEASE_STORE,   /* sync := mine */
    GO_HB_RELEASE_ACQUIRE, /* mine |= sync; sync := mine */
} go_hb_op;

/* Access flags for the access hook. */
enum { GO_ACCESS_READ = 0, GO_ACCESS_WRITE = 1, GO_ACCESS_ATOMIC = 2, GO_ACCESS_FREE = 4 };

struct go_hooks {
    uint32_t version; /* GO_HOOKS_VERSION */

    /* ---- goroutine lifecycle */
    /* On the parent inside go_spawn, before the child can run.  Returns the
     * child's checker context, stored by the library with the goroutine. The
     * checker does the spawn happens-before edge here. */
    void *(*g_create)(uint64_t parent_id, uint64_t child_id, void *pc);
    /* On the child, before its function runs. */
    void (*g_start)(void *ctx);
    /* On the child, after its function returned; ctx is not used again. */
    void (*g_exit)(void *ctx);
    /* On a worker thread, just before it switches to the goroutine with ctx
     * (and once with ctx == NULL when a thread starts or leaves goroutines).
     * The checker keeps its own __thread pointer from this. */
    void (*g_switch)(void *ctx);
    /* A goroutine stack [lo, lo+size) is handed to a new goroutine: its
     * memory history must be forgotten. */
    void (*stack_reuse)(void *lo, size_t size);

    /* ---- happens-before primitives, Go's race* calls */
    void (*acquire)(void *ctx, const void *sync, void *pc);         /* mine |= sync */
    void (*release)(void *ctx, const void *sync, void *pc);         /* sync |= mine */
    void (*release_store)(void *ctx, const void *sync, void *pc);   /* sync := mine */
    void (*release_acquire)(void *ctx, const void *sync, void *pc); /* mine |= sync; sync := mine */
    /* The same operations on a sync address private to one library object
     * (a channel's rendezvous and slot addresses), called under the
     * object's lock.  Every happens-before call on such an address is an
     * hb_serial call under that same lock, so the checker need not lock its
     * own state for the address.  Must not block. */
    void (*hb_serial)(go_hb_op op, void *ctx, const void *sync, void *pc);
    /* A sync address's history is over (the object holding it was freed). */
    void (*sync_free)(const void *sync, size_t size);

    /* ---- the library's accesses to object memory on the program's behalf */
    void (*access)(void *ctx, const void *addr, size_t size, int flags, go_obj_kind kind, void *pc);

    /* ---- events with meaning */
    void (*mutex)(go_mutex_event ev, const void *m, bool is_rw, void *pc);
    /* Before the running goroutine parks for reason on obj (a go_chan*,
     * go_mutex*, ... or NULL).  After it returns the goroutine is parked. */
    void (*block)(go_wait_reason reason, const void *obj, void *pc);
    void (*unblock)(void); /* the running goroutine resumed from its last block */
    /* Misuse; called before the library returns the error or aborts. */
    void (*misuse)(go_misuse kind, const void *obj, void *pc);
    /* Every goroutine is asleep.  The checker prints its `deadlock` report
     * and returns the exit status to use.  It sets *reported when that
     * report replaces the library's own "all goroutines are asleep"
     * message and goroutine list; left false (e.g. the report was
     * suppressed), the library prints them.  Then the library exits. */
    int (*all_asleep)(bool *reported);
    /* gosan_dump / gosan_leakcheck / annotations, when the checker has better
     * answers than the library.  NULL: the library's own version runs. */
    void (*dump)(int fd);
    int (*leakcheck)(void);
    void (*ignore)(int delta); /* +1 begin, -1 end */
};

/* NULL when no checker is linked.  Written once, before main runs. */
extern const struct go_hooks *go_hooks_active;
/* Called by the checker from a constructor.  Returns 0, or GO_EINVAL on a
 * version mismatch. */
int go_hooks_install(const struct go_hooks *h);

/* ---- queries, checker -> library */

typedef struct go_label {
    const char *key, *value;
} go_label;

/* A snapshot of one goroutine.  Pointers stay valid only during the callback. */
typedef struct go_ginfo {
    uint64_t id, parent_id;
    go_gstate state;
    go_wait_reason wait_reason;
    const void *wait_obj;     /* what it is parked on, or NULL */
    int64_t state_since_ns;   /* go_now() when it entered its state */
    void *create_pc;          /* the go_spawn call site (NULL for main) */
    void *checker_ctx;        /* from g_create, or NULL */
    const go_label *labels;
    size_t nlabels;
    /* Memory of a parked (or runnable, not running) goroutine: the live part
     * of its stack [stack_lo, stack_hi) including the callee-saved registers
     * the context switch pushed, and its saved frame pointer and pc for a
     * frame-pointer walk.  Zero for a running goroutine (unless the world is
     * stopped, see below) and for goroutine 1's stack bounds are the main
     * thread's stack. */
    const void *stack_lo, *stack_hi;
    void *saved_fp, *saved_pc;
    /* Objects of a parked select: every channel it waits on. */
    const void *const *wait_objs;
    size_t nwait_objs;
} go_ginfo;

/* Calls fn for every live goroutine, under the library's goroutine-list lock:
 * fn must not block or call the library. */
void go_hooks_foreach_g(void (*fn)(const go_ginfo *g, void *arg), void *arg);
/* The running goroutine's snapshot (same lifetime rules). */
void go_hooks_self(void (*fn)(const go_ginfo *g, void *arg), void *arg);
/* The running goroutine's checker ctx (or NULL). */
void *go_hooks_self_ctx(void);

/* Stops every other worker thread at a point where its goroutine's
 * registers and stack are visible through go_hooks_foreach_g (state
 * GO_G_RUNNING with stack bounds filled in), for a consistent memory scan.
 * Must be paired with go_hooks_start_world.  Returns 0 or GO_EINVAL when
 * called from a context that cannot stop the world. */
int go_hooks_stop_world(void);
void go_hooks_start_world(void);

/* The calling thread is the checker's own (a watchdog): it never calls the
 * library, so the all-asleep check does not wait for it to exit as it does
 * for the program's threads. */
void go_hooks_thread_private(void);

/* Walks a frame-pointer chain from fp (with pc as frame 0), at most max
 * frames, safely (stays inside known goroutine stacks).  Returns the count. */
size_t go_hooks_fp_walk(void *fp, void *pc, void **out, size_t max);

/* The one frame-pointer walk of both sides (the library's tracebacks and
 * go_hooks_fp_walk, the checker's walk of its caller's stack): frames are
 * {saved fp, return pc}, 8-aligned, inside [lo, hi); a link that does not
 * move up the stack, or a zero return pc, ends the chain, so a corrupt
 * chain is never followed out of bounds (nor is a NULL fp).  Stores the
 * return pcs in out. */
static inline size_t go_hooks_fp_chain(const void *fp, const void *lo, const void *hi, void **out, size_t max)
{
    size_t n = 0;
    const char *f = (const char *)fp;
    while (n < max && f && f >= (const char *)lo && f + 16 <= (const char *)hi && ((uintptr_t)f & 7) == 0) {
        void *const *frame = (void *const *)f;
        if (!frame[1])
            break;
        out[n++] = frame[1];
        const char *next = (const char *)frame[0];
        if (next <= f)
            break;
        f = next;
    }
    return n;
}

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif
#endif /* GOSAN_GO_HOOKS_H */
