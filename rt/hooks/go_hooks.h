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
 * this file.  The checker uses nothing else of the library: no public go_*
 * call, no private symbol or name.  It declares the queries weak, so it
 * also links without the library (then it sees no goroutines).
 *
 * Rules for every hook (each hook's comment adds where and under which
 * locks it is called):
 *  - No hook may park, call the public go_* or gosan_* API, or run the
 *    program's code: the library is in the middle of an operation for the
 *    calling goroutine, and some hooks run on a worker's scheduler context,
 *    which has no goroutine to park.
 *  - "Locks:" names the library locks (golocks: short spin-then-futex
 *    locks) held at the call.  A hook called under one must be short and
 *    must not wait for another goroutine or thread; it may take the
 *    checker's own locks, allocate with the checker's allocator, and call
 *    the go_hooks_* queries except go_hooks_stop_world and go_hooks_sleep.
 *    Hooks with "Locks: none" may also stop the world.  The lock order is
 *    object locks, then the checker's locks, then the goroutine-list lock
 *    the queries take: the library never calls a hook while holding that
 *    lock, and never takes a checker lock.
 *  - No hook argument is a time; go_ginfo.state_since_ns is the one time in
 *    this interface (GO_HOOKS_STATE_CLOCK).
 *  - `pc` is the return address into the user's code of the public library
 *    call (the call site), or NULL when there is none.
 *  - `ctx` arguments are the checker's per-goroutine contexts returned by
 *    g_create; NULL means "the running goroutine".  A non-NULL ctx names a
 *    parked goroutine the caller acts for (Go's raceacquireg).
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
#define GO_HOOKS_VERSION 5

/* Why a goroutine is parked (go_wait_reason_name: Go's waitReason strings). */
typedef enum go_wait_reason {
    GO_WAIT_NONE = 0,
    GO_WAIT_CHAN_SEND,
    GO_WAIT_CHAN_RECV,
    GO_WAIT_CHAN_SEND_NIL,
    GO_WAIT_CHAN_RECV_NIL,
    GO_WAIT_SELECT,
    GO_WAIT_SELECT_NO_CASES,
    GO_WAIT_MUTEX,
    GO_WAIT_RWMUTEX_RLOCK,
    GO_WAIT_RWMUTEX_LOCK,
    GO_WAIT_WAITGROUP,
    GO_WAIT_COND,
    GO_WAIT_SLEEP,
    GO_WAIT_IO,      /* a descriptor call of <gosan/net.h>: obj is the go_fd */
    GO_WAIT_COUNT
} go_wait_reason;

/* Go's spelling of a wait reason, as in a traceback's `goroutine N [...]`;
 * NULL for GO_WAIT_NONE (not parked), "waiting" for a value it does not
 * know.  The one table both sides print from. */
static inline const char *go_wait_reason_name(go_wait_reason r)
{
    switch (r) {
    case GO_WAIT_NONE: return NULL;
    case GO_WAIT_CHAN_SEND: return "chan send";
    case GO_WAIT_CHAN_RECV: return "chan receive";
    case GO_WAIT_CHAN_SEND_NIL: return "chan send (nil chan)";
    case GO_WAIT_CHAN_RECV_NIL: return "chan receive (nil chan)";
    case GO_WAIT_SELECT: return "select";
    case GO_WAIT_SELECT_NO_CASES: return "select (no cases)";
    case GO_WAIT_MUTEX: return "sync.Mutex.Lock";
    case GO_WAIT_RWMUTEX_RLOCK: return "sync.RWMutex.RLock";
    case GO_WAIT_RWMUTEX_LOCK: return "sync.RWMutex.Lock";
    case GO_WAIT_WAITGROUP: return "sync.WaitGroup.Wait";
    case GO_WAIT_COND: return "sync.Cond.Wait";
    case GO_WAIT_SLEEP: return "sleep";
    case GO_WAIT_IO: return "IO wait";
    case GO_WAIT_COUNT: break;
    }
    return "waiting";
}

typedef enum go_gstate {
    GO_G_RUNNABLE = 1,
    GO_G_RUNNING,
    GO_G_WAITING,      /* parked: see wait_reason */
    GO_G_SYSCALL,      /* its worker made no progress for a monitor tick */
    GO_G_DEAD,
} go_gstate;

/* Go's name for a goroutine's state: its wait reason when parked
 * ("waiting" when it has none). */
static inline const char *go_gstate_name(go_gstate st, go_wait_reason r)
{
    switch (st) {
    case GO_G_RUNNABLE: return "runnable";
    case GO_G_RUNNING: return "running";
    case GO_G_SYSCALL: return "syscall";
    case GO_G_DEAD: return "dead";
    case GO_G_WAITING: {
        const char *name = go_wait_reason_name(r);
        return name ? name : "waiting";
    }
    }
    return "unknown";
}

/* The kinds of library object, for access hooks and reports. */
typedef enum go_obj_kind {
    GO_OBJ_CHAN = 1,
    GO_OBJ_MUTEX,
    GO_OBJ_RWMUTEX,
    GO_OBJ_WAITGROUP,
    GO_OBJ_ONCE,
    GO_OBJ_COND,
} go_obj_kind;

/* Misuse that Go turns into a panic or fatal error (go_misuse_name). */
typedef enum go_misuse {
    GO_MISUSE_SEND_ON_CLOSED = 1,
    GO_MISUSE_CLOSE_CLOSED,
    GO_MISUSE_CLOSE_NIL,
    GO_MISUSE_UNLOCK_UNLOCKED,
    GO_MISUSE_NEGATIVE_WG,
    GO_MISUSE_FREE_WAITED, /* obj is the channel, mutex, RWMutex, WaitGroup or Cond */
} go_misuse;

/* Go's panic message for a misuse ("misuse" for a value it does not know). */
static inline const char *go_misuse_name(go_misuse m)
{
    switch (m) {
    case GO_MISUSE_SEND_ON_CLOSED: return "send on closed channel";
    case GO_MISUSE_CLOSE_CLOSED: return "close of closed channel";
    case GO_MISUSE_CLOSE_NIL: return "close of nil channel";
    case GO_MISUSE_UNLOCK_UNLOCKED: return "unlock of unlocked mutex";
    case GO_MISUSE_NEGATIVE_WG: return "negative WaitGroup counter";
    case GO_MISUSE_FREE_WAITED: return "free of object with blocked goroutines";
    }
    return "misuse";
}

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

/* The descriptor calls of <gosan/net.h>, for the fd hook: what they do
 * to a file descriptor on the program's behalf, as the libc calls that the
 * checker intercepts would (the library makes its system calls directly,
 * so the checker sees them only through this hook). */
typedef enum go_fd_event {
    GO_FD_CREATED = 1, /* the library made socket fd for the program (go_listen, go_dial) */
    GO_FD_ACCEPTED,    /* fd is a connection accepted on the listening socket fd2 */
    GO_FD_USE,         /* before a call that uses fd without sending on it (read, accept) */
    GO_FD_CONNECTING,  /* before connecting fd */
    GO_FD_SEND,        /* before writing [buf, buf+len) to fd */
    GO_FD_RECEIVED,    /* after reading len bytes (0: end of file) from fd into buf */
    GO_FD_CLOSE,       /* before closing fd, once every other call on it has returned */
} go_fd_event;

/* A channel's events on its race address, for the chan hook. */
typedef enum go_chan_event {
    GO_CHAN_SEND,  /* go_chan_send reads the channel, before it takes the lock (Go's racereadpc) */
    GO_CHAN_CLOSE, /* go_chan_close writes it (after finding it open, under the lock) */
    GO_CHAN_FREE,  /* go_chan_free writes all of it (under the lock) */
} go_chan_event;

/* The bytes a channel keeps for the checker's chan hook when a checker with
 * one is linked (zeroed, 16-byte aligned, part of the channel's own block). */
#define GO_CHAN_RACE_REC_SIZE 80

/* Access flags for the access hook. */
enum { GO_ACCESS_READ = 0, GO_ACCESS_WRITE = 1, GO_ACCESS_ATOMIC = 2, GO_ACCESS_FREE = 4 };

struct go_hooks {
    uint32_t version; /* GO_HOOKS_VERSION */

    /* ---- goroutine lifecycle */
    /* On the parent inside go_spawn, before the child can run (parent_id 0
     * when a timer callback spawns, on a worker's scheduler context).  Also
     * for goroutine 1 at start-up on the main thread and for a foreign
     * thread the library adopts, on that thread (parent_id 0, pc NULL),
     * each followed at once by g_switch and g_start of the new context.
     * Returns the child's checker context, stored by the library with the
     * goroutine.  The checker does the spawn happens-before edge here.
     * Locks: none. */
    void *(*g_create)(uint64_t parent_id, uint64_t child_id, void *pc);
    /* On the child, before its function runs.  Locks: none. */
    void (*g_start)(void *ctx);
    /* On the child after its function returned, before it switches away
     * for good (an adopted thread: in its thread-exit destructor); ctx is
     * not used again.  Locks: none. */
    void (*g_exit)(void *ctx);
    /* On a worker's scheduler context just before it switches to the
     * goroutine with ctx (Locks: none), and with ctx == NULL when a worker
     * thread starts (Locks: none) and right after a goroutine switched back
     * to the scheduler.  Locks, in that last case: when the goroutine
     * parked, the locks its park releases (see block) are still held.  The
     * checker keeps its own __thread pointer from this. */
    void (*g_switch)(void *ctx);
    /* In go_spawn on the parent, just before g_create: the goroutine stack
     * [lo, lo+size) is handed to the new goroutine and its memory history
     * must be forgotten.  Locks: none. */
    void (*stack_reuse)(void *lo, size_t size);

    /* ---- happens-before primitives, Go's race* calls, on the goroutine
     * doing the operation.  Locks: the channel's lock for a receive that
     * finds the channel closed (in a select possibly every channel's lock
     * of the select) and for go_chan_close, as in Go's chan.go; the Cond's
     * queue lock for go_cond_signal/broadcast; none otherwise. */
    void (*acquire)(void *ctx, const void *sync, void *pc);         /* mine |= sync */
    void (*release)(void *ctx, const void *sync, void *pc);         /* sync |= mine */
    void (*release_store)(void *ctx, const void *sync, void *pc);   /* sync := mine */
    void (*release_acquire)(void *ctx, const void *sync, void *pc); /* mine |= sync; sync := mine */
    /* The same operations on a sync address private to one library object
     * (a channel's rendezvous and slot addresses), by the goroutine sending
     * or receiving, with ctx set for the parked partner it completes.
     * Locks: the channel's lock, always (in a select possibly with every
     * other channel's lock of the select).  Every happens-before call on
     * such an address is an hb_serial call under that same lock, so the
     * checker need not lock its own state for the address. */
    void (*hb_serial)(go_hb_op op, void *ctx, const void *sync, void *pc);
    /* A sync address's history is over: go_chan_free freed the channel, or
     * a go_cond_wait returned (its waiter record on its stack is gone).
     * On the goroutine that did it.  Locks: none. */
    void (*sync_free)(const void *sync, size_t size);

    /* ---- the library's accesses to object memory on the program's behalf,
     * on the goroutine doing the operation.  Locks: the WaitGroup's lock
     * for go_wg_wait's write of the WaitGroup's generation; none otherwise. */
    void (*access)(void *ctx, const void *addr, size_t size, int flags, go_obj_kind kind, void *pc);
    /* A channel's accesses of its race address (the struct, size bytes):
     * a send's read, a close's write, a free's write of it all, on the
     * goroutine doing it.  rec is GO_CHAN_RACE_REC_SIZE bytes the channel
     * keeps for the checker (zero at go_chan_make; NULL if the channel was
     * made while this hook was not set).  Locks: none for GO_CHAN_SEND,
     * which comes before go_chan_send takes the channel's lock, as Go's
     * racereadpc does (so a send on a freed channel is still found, and
     * concurrent senders do not lengthen the lock's hold); the channel's
     * lock for GO_CHAN_CLOSE and GO_CHAN_FREE.  The sends of a select use
     * the access hook instead, after its locks are released.  NULL: the
     * library calls the access hook for these too. */
    void (*chan)(go_chan_event ev, void *rec, const void *chan, size_t size, void *pc);

    /* ---- events with meaning */
    /* On the goroutine locking or unlocking (the go_mutex_event comments
     * say which of the user's locks it holds then).  Locks: none. */
    void (*mutex)(go_mutex_event ev, const void *m, bool is_rw, void *pc);
    /* Before the running goroutine parks for reason on obj (a go_chan*,
     * go_mutex*, ... or NULL).  After it returns the goroutine is parked.
     * Locks: those the park releases once the goroutine is switched out:
     * the channel's lock (send, receive), every channel's lock of a
     * select, the WaitGroup's lock, the wait-queue lock of a Mutex, RWMutex
     * or Cond, the go_fd's lock (IO wait); none for go_sleep, a nil
     * channel or an empty select. */
    void (*block)(go_wait_reason reason, const void *obj, void *pc);
    /* On the running goroutine, resumed from its last block.  Locks: none. */
    void (*unblock)(void);
    /* Misuse, on the goroutine that did it, before the library returns the
     * error (send on closed, close of closed or nil) or aborts (the others).
     * Locks: none. */
    void (*misuse)(go_misuse kind, const void *obj, void *pc);
    /* Every goroutine is asleep: called once, on whichever thread saw it
     * last (the monitor thread, a worker's scheduler context going idle,
     * or an adopted thread parking or exiting).  The checker prints its
     * `deadlock` report and returns the exit status to use.  It sets
     * *reported when that report replaces the library's own "all goroutines
     * are asleep" message and goroutine list; left false (e.g. the report
     * was suppressed), the library prints them.  Then the library _exits.
     * Locks: none. */
    int (*all_asleep)(bool *reported);
    /* gosan_dump / gosan_leakcheck / annotations, when the checker has better
     * answers than the library, on the caller of the API.  NULL: the
     * library's own version runs.  Locks: none; leakcheck may call
     * go_hooks_sleep. */
    void (*dump)(int fd);
    int (*leakcheck)(void);
    /* +1 begin, -1 end: gosan_ignore_begin/end on its caller, and around the
     * library freeing a goroutine's labels (on a worker's scheduler context
     * after the goroutine exited, an exiting adopted thread, or the spawner
     * of a failed spawn).  Locks: none. */
    void (*ignore)(int delta);

    /* ---- descriptors (<gosan/net.h>) */
    /* A go_fd_event of a descriptor call, on the goroutine making it; fd2
     * is -1 except for GO_FD_ACCEPTED, buf and len only for SEND and
     * RECEIVED (the call's name is go_fd_write or go_fd_read).  May be
     * NULL.  Locks: none. */
    void (*fd)(go_fd_event ev, int fd, int fd2, const void *buf, size_t len, void *pc);

    /* The debug endpoint's /debug/gosan/NAME pages (include/gosan/debug.h):
     * writes page name as text to fd, an anonymous memory file (writes
     * never block), and returns 0; name "" writes the list of pages, one
     * `NAME - what it shows` a line; -1 for a name it does not know.
     * On one of the endpoint's threads, which runs no goroutine and is
     * marked private (go_hooks_thread_private), at any moment, a report
     * in progress or a stopped world included: the hook copies what it
     * shows out under the checker's locks in short steps and never holds
     * one while it formats or writes.  NULL: no such pages.  Locks: none. */
    int (*debug_page)(const char *name, int fd);
};

/* NULL when no checker is linked.  Written once, before main runs. */
extern const struct go_hooks *go_hooks_active;
/* Called by the checker from a constructor.  Returns 0, or GO_EINVAL on a
 * version mismatch. */
int go_hooks_install(const struct go_hooks *h);

/* ---- queries, checker -> library
 *
 * Callable from any thread, the checker's own included, and from the hooks
 * as the rules at the top say.  None parks except go_hooks_sleep; none
 * allocates.  go_hooks_foreach_g, go_hooks_fp_walk and go_hooks_stop_world
 * take the library's goroutine-list lock (not when the caller stopped the
 * world). */

typedef struct go_label {
    const char *key, *value;
} go_label;

/* The clock of go_ginfo.state_since_ns (clock_gettime, <time.h>): coarse
 * (a few milliseconds) but a fraction of CLOCK_MONOTONIC's cost, as the
 * library reads it on every park.  A checker computes how long a goroutine
 * has waited from the same clock. */
#define GO_HOOKS_STATE_CLOCK CLOCK_MONOTONIC_COARSE

/* A snapshot of one goroutine.  Pointers stay valid only during the callback. */
typedef struct go_ginfo {
    uint64_t id, parent_id;
    go_gstate state;
    go_wait_reason wait_reason;
    const void *wait_obj;     /* what it is parked on, or NULL */
    /* When a GO_G_WAITING goroutine parked, in nanoseconds of
     * GO_HOOKS_STATE_CLOCK; 0 in every other state. */
    int64_t state_since_ns;
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
/* The running goroutine's checker ctx; NULL on a thread that runs no
 * goroutine (a worker's scheduler context included). */
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

/* The text range [*lo, *hi) of the code every goroutine stack starts in
 * (the library's goroutine entry, which calls the goroutine's function): a
 * return address in it is the frame below the goroutine's function, where
 * a goroutine's stack trace ends.  Constant for the process's lifetime. */
void go_hooks_entry_range(uintptr_t *lo, uintptr_t *hi);

/* A channel's buffered element count and capacity (go_chan_len and
 * go_chan_cap of the go_chan* chan): lock-free, no allocation, safe with
 * the world stopped. */
void go_hooks_chan_len_cap(const void *chan, size_t *len, size_t *cap);

/* Parks the running goroutine for ns nanoseconds (go_sleep, with the
 * caller of this function as its call site), so that other goroutines get
 * its worker meanwhile.  Returns false at once, without sleeping, when the
 * calling thread is not running a goroutine (a plain thread, a worker's
 * timer callback): it never adopts the thread as a goroutine. */
bool go_hooks_sleep(int64_t ns);

/* Whether the program told the library to ignore goroutine id in leak
 * checks (gosan_leak_ignore_*, <gosan/gosan.h>): functions are the names of
 * its stack's frames of the program's own code, innermost first; with n
 * 0 (no stack in the snapshot) the library looks at the goroutine itself.
 * Takes the library's ignore-list lock, and the goroutine-list lock when n
 * is 0 (so never with the world stopped); no allocation. */
bool go_hooks_leak_ignored(uint64_t id, const char *const *functions, size_t n);

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
