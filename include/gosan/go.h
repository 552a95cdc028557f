/* gosan/go.h - Go's concurrency toolbox for C: goroutines, channels, select,
 * and the sync package.
 *
 * Names, signatures, error codes and happens-before rules follow Go's
 * runtime and sync package; docs/api.md is the reference for every
 * declaration here.  Everything marked "gosan extension" goes beyond Go.
 *
 * Every function may be called from main (goroutine 1) and from any goroutine
 * with no init call.  A thread the library did not create (a pthread of the
 * program's own) that calls the API is adopted as a goroutine bound to that
 * thread: it gets an id, may block on any primitive (its thread sleeps), and
 * is retired when the thread exits; see docs/scheduler.md.
 *
 * __thread variables belong to worker threads, not goroutines: a goroutine may
 * resume on a different worker after any call that can block or yield, so it
 * must not keep a pointer to a __thread variable across such a call.
 */
#ifndef GOSAN_GO_H
#define GOSAN_GO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library is built with hidden visibility: what is declared here is its
 * interface, and stays visible (global) in its sealed archive. */
#pragma GCC visibility push(default)

/* Error codes: every int-returning call returns 0 (or the non-negative
 * result it documents: a case index, 1 for a received value) or one of these. */
enum {
    GO_ECLOSED = -1,   /* the channel is closed */
    GO_ENIL = -2,      /* a NULL channel where a real one is required */
    GO_EINVAL = -3,    /* an invalid argument */
    GO_ENOMEM = -4,    /* out of memory */
    GO_ETIMEDOUT = -5, /* gosan extension: a deadline passed */
    GO_ECANCELED = -6, /* context.Canceled: the context was cancelled */
    GO_EDEADLINE = -7, /* context.DeadlineExceeded: the context's deadline passed */
    GO_EFDCLOSED = -10, /* gosan extension: a go_fd closed (<gosan/net.h>, Go's net.ErrClosed) */
};
/* <gosan/net.h>: a system call's errno e as a return value, GO_EERRNO(e);
 * go_errno gives e back (0 for any other value).  gosan extension. */
#define GO_EERRNO_BASE (-1000)
#define GO_EERRNO(e) (GO_EERRNO_BASE - (e))
static inline int go_errno(long err) { return err < GO_EERRNO_BASE ? (int)(GO_EERRNO_BASE - err) : 0; }

/* Returns a static English description of a GO_E* code. gosan extension. */
const char *go_strerror(int err);

/* ---------------------------------------------------------------- goroutines */

typedef void (*go_func)(void *arg);

/* Starts fn(arg) in a new goroutine, like `go fn(arg)`.  The new goroutine
 * inherits the caller's labels.  The go_spawn call happens before fn starts.
 * Returns 0, GO_EINVAL (fn is NULL) or GO_ENOMEM. */
int go_spawn(go_func fn, void *arg);
uint64_t go_id(void);    /* the running goroutine's id; main is 1 */
void go_yield(void);     /* runtime.Gosched */
void go_sleep(int64_t ns); /* time.Sleep: parks the goroutine, not the thread */
int go_maxprocs(int n);  /* n > 0 sets, n <= 0 queries; returns the previous value */
int go_num_goroutine(void);

/* gosan extension: monotonic clock in nanoseconds, the time base of deadlines. */
int64_t go_now(void);

/* ---------------------------------------------------------------- channels */

typedef struct go_chan go_chan;
go_chan *go_chan_make(size_t elem_size, size_t cap); /* elem_size 0: signal channel; NULL on error */
void go_chan_free(go_chan *c);
int go_chan_send(go_chan *c, const void *elem); /* GO_ECLOSED on a closed channel */
bool go_chan_recv(go_chan *c, void *elem);      /* false: closed and drained, elem zeroed; elem may be NULL */
int go_chan_close(go_chan *c);                  /* GO_ECLOSED if already closed, GO_ENIL on NULL */
size_t go_chan_len(go_chan *c);
size_t go_chan_cap(go_chan *c);
/* A NULL channel blocks forever on send and receive, as a nil channel does in Go. */

/* gosan extension: time.After.  Returns a channel of int64_t (capacity 1) that
 * receives go_now() once, ns nanoseconds from now, from the timer heap (no
 * thread per timer).  The caller frees it with go_chan_free once it is no
 * longer in use; freeing it before it fires cancels the timer. */
go_chan *go_after(int64_t ns);

/* ---------------------------------------------------------------- select */

enum { GO_SEND = 1, GO_RECV = 2 };
typedef struct {
    go_chan *chan; /* NULL: this case is never ready */
    int dir;       /* GO_SEND or GO_RECV */
    void *elem;    /* value to send, or where to store the received value (may be NULL) */
    bool ok;       /* out: for the chosen case, false if its channel was closed */
} go_case;

/* Returns the index of the case that proceeded, chosen uniformly at random
 * among the ready ones.  With block == false and no case ready it returns -1
 * (Go's `default:`).  n == 0 with block == true blocks forever.  A malformed
 * case (bad dir) returns GO_EINVAL before anything happens. */
int go_select(go_case *cases, size_t n, bool block);

/* gosan extension: select with a timeout.  Like go_select(cases, n, true) but
 * gives up after timeout_ns nanoseconds and returns GO_ETIMEDOUT.  timeout_ns
 * <= 0 behaves like block == false (returning GO_ETIMEDOUT instead of -1). */
int go_select_timeout(go_case *cases, size_t n, int64_t timeout_ns);

/* gosan extension: receive with a timeout.  Returns 1 when a value was
 * received, 0 when the channel is closed and drained (elem zeroed), or
 * GO_ETIMEDOUT. */
int go_chan_recv_timeout(go_chan *c, void *elem, int64_t timeout_ns);

/* gosan extension: send with a timeout.  0, GO_ECLOSED or GO_ETIMEDOUT. */
int go_chan_send_timeout(go_chan *c, const void *elem, int64_t timeout_ns);

/* ---------------------------------------------------------------- sync */

/* Zero-initialised objects are ready to use ({0} or static storage).  The
 * fields are private to the library: they are spelled out only so the types
 * are complete and can live on the stack or in static storage. */
typedef struct go_wg {
    int64_t _count;   /* counter, updated atomically */
    uint32_t _lock;   /* library-internal lock word */
    uint32_t _gen;
    void *_waiters;
} go_wg;

typedef struct go_mutex {
    uint32_t _state;  /* locked bit, waiter count; updated atomically */
    uint32_t _lock;   /* library-internal lock word guarding the wait queue */
    void *_head, *_tail;
} go_mutex;

typedef struct go_rwmutex {
    go_mutex _w;          /* held by a writer while it waits and writes */
    int32_t _readers;     /* active readers; negative while a writer is pending */
    int32_t _departing;   /* readers the pending writer still waits for */
    uint32_t _lock;
    uint32_t _pad;
    void *_rhead, *_rtail; /* readers waiting for the writer */
    void *_writer;        /* the writer waiting for departing readers */
} go_rwmutex;

typedef struct go_once {
    uint32_t _done;       /* 1 once fn has returned */
    uint32_t _pad;
    go_mutex _m;
} go_once;

typedef struct go_cond {
    go_mutex *_l;
    uint32_t _lock;
    uint32_t _pad;
    void *_head, *_tail;
} go_cond;

void go_wg_add(go_wg *wg, int delta);
void go_wg_done(go_wg *wg);
void go_wg_wait(go_wg *wg);

void go_mutex_lock(go_mutex *m);
void go_mutex_unlock(go_mutex *m);
bool go_mutex_trylock(go_mutex *m);

void go_rwmutex_lock(go_rwmutex *m);
void go_rwmutex_unlock(go_rwmutex *m);
void go_rwmutex_rlock(go_rwmutex *m);
void go_rwmutex_runlock(go_rwmutex *m);
bool go_rwmutex_trylock(go_rwmutex *m);
bool go_rwmutex_tryrlock(go_rwmutex *m);

void go_once_do(go_once *o, go_func fn, void *arg);

void go_cond_init(go_cond *c, go_mutex *l);
void go_cond_wait(go_cond *c);
void go_cond_signal(go_cond *c);
void go_cond_broadcast(go_cond *c);

/* ---------------------------------------------------------------- labels */

/* The analogue of pprof labels: key and value are copied.  A NULL value
 * removes the key.  A goroutine inherits its creator's labels at go_spawn.
 * go_label_get returns the running goroutine's value for key, or NULL; the
 * pointer stays valid until this goroutine changes or removes that key. */
void go_label_set(const char *key, const char *value);
const char *go_label_get(const char *key);

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif

/* Execution traces for `go tool trace`: gosan_trace_start/stop, tasks,
 * regions, logs (docs/observability.md). */
#include <gosan/trace.h>
/* Profiles for `go tool pprof`: goroutine, CPU, mutex, block
 * (docs/observability.md). */
#include <gosan/pprof.h>
/* The debug HTTP endpoint (net/http/pprof): gosan_debug_serve. */
#include <gosan/debug.h>

/* Timers and tickers (time.Timer, time.Ticker, time.AfterFunc), contexts
 * (package context) and error groups (golang.org/x/sync/errgroup). */
#include <gosan/timer.h>
#include <gosan/context.h>
#include <gosan/errgroup.h>

#endif /* GOSAN_GO_H */
