/* netpoll.h - the poller's descriptors (go_fd) and its interface to the
 * descriptor calls (netfd.c, net_dial.c) and to the scheduler (sched.c,
 * monitor.c, asleep.c).  The poller itself is netpoll.c.
 *
 * A go_fd is Go's pollDesc and the fdMutex of its FD in one: each
 * direction (read, write) admits one call at a time (`busy`; others wait in
 * `lockq`), so at most one goroutine per direction waits for readiness
 * (`waiter`).  Every field is under `lock`.  go_fds live in memory the
 * poller never unmaps (netpoll.c's pool): an epoll event or a timer that
 * fires late may still name a go_fd that was closed; `seq`, bumped at each
 * open, tells such a late event from a current one, and a timer acts only
 * on the deadline stored now.
 */
#ifndef GOSAN_GO_NETPOLL_H
#define GOSAN_GO_NETPOLL_H

#include <gosan/net.h>

#include "g.h"

enum { GO_PD_READ = 0, GO_PD_WRITE = 1 };

/* A goroutine waiting for a direction's turn (on its stack). */
typedef struct go_pd_turn {
    go_g *g;
    struct go_pd_turn *next;
} go_pd_turn;

typedef struct go_pd_dir {
    bool busy;            /* a call of this direction is in progress */
    bool ready;           /* an edge came since that call last found nothing */
    go_g *waiter;         /* the busy call, parked until ready */
    go_pd_turn *lockq, *lockq_tail; /* calls waiting for busy to clear, FIFO */
    int64_t deadline;     /* go_now() time; 0 none, -1 passed */
    go_timer timer;
} go_pd_dir;

struct go_fd {
    golock lock;
    int fd;
    uint16_t seq;
    bool pollable;        /* registered with epoll (else plain blocking calls) */
    bool closing;
    uint32_t refs;        /* calls inside go_fd_* on it */
    go_g *closer;         /* go_fd_close waiting for refs to drop to 0 */
    go_pd_dir dir[2];
    char *unlink_path;    /* a unix listener's socket file (malloc'd) */
    struct go_fd *pool_next;
    char hb;              /* sync address: every call's end is released here, close acquires it */
};

/* The pool (netpoll.c): a fresh go_fd (closing false, no deadline), or
 * NULL; put back a closed one. */
go_fd *go_pd_alloc(void);
void go_pd_free(go_fd *f);

/* Registers f->fd: 0, or the errno of epoll_ctl (EPERM: a descriptor the
 * poller cannot watch). */
int go_netpoll_open(go_fd *f);
void go_netpoll_close(go_fd *f);
/* f->lock held: the error a call of direction mode must return now
 * (closing, deadline passed), or 0. */
int go_pd_err_locked(go_fd *f, int mode);
/* f->lock held, on entry and on return: parks the running goroutine until
 * direction mode is ready (0: try the system call again), its deadline
 * passes (GO_ETIMEDOUT) or f is closed (GO_EFDCLOSED). */
int go_pd_wait_locked(go_fd *f, int mode, void *pc);
/* Deadline t (absolute, 0 none) for direction mode; f->lock not held. */
void go_pd_set_deadline(go_fd *f, int mode, int64_t t);
/* f->lock held: marks f closing, stops its timers and links every
 * goroutine blocked on it (readiness and turns) into *wake. */
void go_pd_evict_locked(go_fd *f, go_g **wake);

/* Goroutines are linked through schedlink in the lists below. */
/* One epoll_wait: timeout_ns < 0 blocks, 0 polls.  Returns the goroutines
 * whose descriptors became ready. */
go_g *go_netpoll(int64_t timeout_ns);
/* go_ready for each goroutine of list. */
void go_netpoll_ready_list(go_g *list);
/* sched.c: the idle worker m sleeping for timers waits here, in
 * epoll_wait, instead of on its futex (timeout_ns < 0: none).  m_wake
 * breaks the wait (go_netpoll_wake_m). */
go_g *go_netpoll_sleep(go_m *m, int64_t timeout_ns);
void go_netpoll_wake_m(go_m *m);
/* The timer sleeper should re-arm: break its epoll_wait.  False if no
 * worker is in one. */
bool go_netpoll_break_sleeper(void);
bool go_netpoll_inited(void);
/* A goroutine is parked waiting for a descriptor: the program is not
 * asleep, and someone must poll. */
bool go_netpoll_waiting(void);
/* A worker is blocked in epoll_wait and will see the events itself. */
bool go_netpoll_sleeping(void);
/* When the last epoll_wait returned (go_now()). */
int64_t go_netpoll_last(void);
void go_netpoll_fork_child(void);

/* The fd hook (go_hooks.h). */
static inline void go_hb_fd(go_fd_event ev, int fd, int fd2, const void *buf, size_t len, void *pc)
{
    if (GO_HOOKS_UNLIKELY(go_hooks_active != NULL) && go_hooks_active->fd)
        go_hooks_active->fd(ev, fd, fd2, buf, len, pc);
}

/* netfd.c: wraps a descriptor the library made (non-blocking already). */
go_fd *go_fd_wrap(int fd, int *err);
/* netfd.c: connects f (socket made by the library), waiting for the
 * connection to complete; 0 or an error. */
int go_fd_connect_sa(go_fd *f, const void *sa, unsigned len, void *pc);

#endif /* GOSAN_GO_NETPOLL_H */
