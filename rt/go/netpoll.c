/* netpoll.c - the network poller (Go's netpoll on epoll): goroutines that
 * wait for a descriptor park, and readiness readies them.  No thread per
 * descriptor and no busy polling: epoll_wait is called by
 *   - the idle worker that sleeps for the next timer (sched.c's timer
 *     sleeper), which blocks in it instead of on its futex, with the next
 *     timer's deadline as timeout.  m_wake breaks the wait through an
 *     eventfd (go_netpoll_wake_m), as does a new earliest timer;
 *   - a worker that found no goroutine to run, without blocking, when
 *     goroutines wait for descriptors and no worker is blocked in it;
 *   - the monitor, without blocking, when nobody has polled for 10 ms.
 * Descriptors are registered once, edge-triggered, for both directions; an
 * edge sets the direction's `ready` and readies its waiter.  A call
 * clears `ready` before its system call, so an edge that comes between a
 * call's EAGAIN and its park is never lost.
 *
 * Invariants: go_fd memory is never unmapped (netpoll.h); an epoll
 * event's data is the go_fd's address with its seq in the top 16 bits
 * (user addresses have 47 bits, gosan_platform.h); np_waiters counts the
 * goroutines parked for readiness, raised before the park commits and
 * lowered once the goroutine runs again, so the all-asleep check never
 * sees such a goroutine parked while the count is 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "netpoll.h"

#define NP_EVENTS 128
#define NP_BREAK_TAG 1ull /* the eventfd's epoll data: no go_fd address */
#define NP_SEQ_SHIFT 48
#define NP_SLAB 64        /* go_fds per mapping */

static golock np_init_lock;
static _Atomic int np_epfd = -1;
static int np_breakfd = -1;
static _Atomic int np_break_pending;
static _Atomic int64_t np_waiters;
static go_m *_Atomic np_sleeper;
static _Atomic int64_t np_last_poll;

/* ---- the pool: FIFO, so a go_fd used after its close most likely still
 * says closing rather than naming another descriptor */

static golock pool_lock;
static go_fd *pool_head, *pool_tail;

static bool pool_grow(void)
{
    go_fd *slab = mmap(NULL, NP_SLAB * sizeof *slab, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (slab == MAP_FAILED)
        return false;
    for (int i = 0; i < NP_SLAB; i++) {
        slab[i].dir[0].timer.heap_index = -1;
        slab[i].dir[1].timer.heap_index = -1;
        slab[i].pool_next = i + 1 < NP_SLAB ? &slab[i + 1] : NULL;
    }
    pool_head = slab;
    pool_tail = &slab[NP_SLAB - 1];
    return true;
}

go_fd *go_pd_alloc(void)
{
    golock_lock(&pool_lock);
    if (!pool_head && !pool_grow()) {
        golock_unlock(&pool_lock);
        return NULL;
    }
    go_fd *f = pool_head;
    pool_head = f->pool_next;
    if (!pool_head)
        pool_tail = NULL;
    golock_unlock(&pool_lock);
    golock_lock(&f->lock);
    f->seq++;
    f->fd = -1;
    f->pollable = false;
    f->closing = false;
    f->refs = 0;
    f->closer = NULL;
    for (int m = 0; m < 2; m++) {
        go_pd_dir *d = &f->dir[m];
        d->busy = d->ready = false;
        d->waiter = NULL;
        d->lockq = d->lockq_tail = NULL;
        d->deadline = 0;
    }
    f->unlink_path = NULL;
    f->pool_next = NULL;
    golock_unlock(&f->lock);
    return f;
}

void go_pd_free(go_fd *f)
{
    golock_lock(&f->lock);
    f->closing = true; /* a use after close finds it closed */
    golock_unlock(&f->lock);
    golock_lock(&pool_lock);
    if (pool_tail)
        pool_tail->pool_next = f;
    else
        pool_head = f;
    pool_tail = f;
    golock_unlock(&pool_lock);
}

/* ---- the epoll instance */

static int np_init(void)
{
    if (atomic_load(&np_epfd) >= 0)
        return 0;
    golock_lock(&np_init_lock);
    int err = 0;
    if (atomic_load(&np_epfd) < 0) {
        int ep = (int)syscall(SYS_epoll_create1, EPOLL_CLOEXEC);
        int br = ep < 0 ? -1 : (int)syscall(SYS_eventfd2, 0, EFD_CLOEXEC | EFD_NONBLOCK);
        struct epoll_event ev = {.events = EPOLLIN, .data.u64 = NP_BREAK_TAG};
        if (ep < 0 || br < 0 || syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, br, &ev) != 0) {
            err = errno;
            if (ep >= 0)
                syscall(SYS_close, ep);
            if (br >= 0)
                syscall(SYS_close, br);
        } else {
            np_breakfd = br;
            atomic_store(&np_epfd, ep);
        }
    }
    golock_unlock(&np_init_lock);
    if (!err)
        go_idle_kick_sleeper(); /* a sleeper on its futex moves to epoll_wait */
    return err;
}

bool go_netpoll_inited(void) { return atomic_load_explicit(&np_epfd, memory_order_acquire) >= 0; }

int go_netpoll_open(go_fd *f)
{
    int err = np_init();
    if (err)
        return err;
    struct epoll_event ev = {
        .events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET,
        .data.u64 = (uint64_t)(uintptr_t)f | ((uint64_t)f->seq << NP_SEQ_SHIFT),
    };
    if (syscall(SYS_epoll_ctl, atomic_load(&np_epfd), EPOLL_CTL_ADD, f->fd, &ev) != 0)
        return errno;
    return 0;
}

/* Before close(2): a dup of the descriptor would keep the registration. */
void go_netpoll_close(go_fd *f)
{
    struct epoll_event ev = {0};
    if (f->pollable)
        syscall(SYS_epoll_ctl, atomic_load(&np_epfd), EPOLL_CTL_DEL, f->fd, &ev);
}

/* ---- waiting */

int go_pd_err_locked(go_fd *f, int mode)
{
    go_pd_dir *d = &f->dir[mode];
    if (f->closing)
        return GO_EFDCLOSED;
    if (d->deadline < 0)
        return GO_ETIMEDOUT;
    if (d->deadline > 0 && go_now() >= d->deadline) {
        d->deadline = -1; /* its timer has not run yet */
        return GO_ETIMEDOUT;
    }
    return 0;
}

int go_pd_wait_locked(go_fd *f, int mode, void *pc)
{
    if (GO_DET_ON())
        return go_det_fd_wait(f, mode, pc);
    go_pd_dir *d = &f->dir[mode];
    for (;;) {
        int err = go_pd_err_locked(f, mode);
        if (err)
            return err;
        if (d->ready) {
            d->ready = false;
            return 0;
        }
        d->waiter = go_self();
        atomic_fetch_add(&np_waiters, 1);
        go_park(GO_WAIT_IO, f, &f->lock, pc);
        atomic_fetch_sub(&np_waiters, 1);
        golock_lock(&f->lock); /* whoever readied us took d->waiter */
    }
}

static void push_list(go_g **list, go_g *g)
{
    if (g) {
        g->schedlink = *list;
        *list = g;
    }
}

static go_g *take_waiter(go_pd_dir *d)
{
    go_g *g = d->waiter;
    d->waiter = NULL;
    return g;
}

/* A deadline's timer: acts only on the deadline stored now, so a timer of
 * a deadline since moved, or of a go_fd since closed and reused, does
 * nothing wrong. */
static void deadline_fire(go_fd *f, int mode)
{
    go_pd_dir *d = &f->dir[mode];
    go_g *g = NULL;
    golock_lock(&f->lock);
    if (d->deadline > 0 && go_now() >= d->deadline) {
        d->deadline = -1;
        g = take_waiter(d);
    }
    golock_unlock(&f->lock);
    if (g)
        go_ready(g);
}
static void read_deadline_fire(void *f) { deadline_fire(f, GO_PD_READ); }
static void write_deadline_fire(void *f) { deadline_fire(f, GO_PD_WRITE); }

void go_pd_set_deadline(go_fd *f, int mode, int64_t t)
{
    go_pd_dir *d = &f->dir[mode];
    go_g *g = NULL;
    golock_lock(&f->lock);
    go_timer_stop(&d->timer);
    if (t == 0) {
        d->deadline = 0;
    } else if (t <= go_now()) {
        d->deadline = -1;
        g = take_waiter(d);
    } else {
        d->deadline = t;
        go_timer_start(&d->timer, t, mode == GO_PD_READ ? read_deadline_fire : write_deadline_fire, f);
    }
    golock_unlock(&f->lock);
    if (g)
        go_ready(g);
}

void go_pd_evict_locked(go_fd *f, go_g **wake)
{
    f->closing = true;
    for (int m = 0; m < 2; m++) {
        go_pd_dir *d = &f->dir[m];
        go_timer_stop(&d->timer);
        push_list(wake, take_waiter(d));
        for (go_pd_turn *t = d->lockq; t; t = t->next)
            push_list(wake, t->g);
        d->lockq = d->lockq_tail = NULL;
    }
}

/* ---- polling */

static int timeout_ms(int64_t ns)
{
    if (ns < 0)
        return -1;
    if (ns == 0)
        return 0;
    int64_t ms = (ns + 999999) / 1000000; /* never wake before the timer is due */
    return ms > 1000000000 ? 1000000000 : (int)ms;
}

/* An edge of f's registration tagged tag: marks its directions ready. */
static void np_event(uint64_t tag, uint32_t events, go_g **list)
{
    go_fd *f = (go_fd *)(uintptr_t)(tag & ((1ull << NP_SEQ_SHIFT) - 1));
    uint16_t seq = (uint16_t)(tag >> NP_SEQ_SHIFT);
    bool rd = events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR);
    bool wr = events & (EPOLLOUT | EPOLLHUP | EPOLLERR);
    golock_lock(&f->lock);
    if (f->seq == seq && !f->closing) {
        if (rd) {
            f->dir[GO_PD_READ].ready = true;
            push_list(list, take_waiter(&f->dir[GO_PD_READ]));
        }
        if (wr) {
            f->dir[GO_PD_WRITE].ready = true;
            push_list(list, take_waiter(&f->dir[GO_PD_WRITE]));
        }
    }
    golock_unlock(&f->lock);
}

/* Only a blocking wait consumes a break: a non-blocking poll that did
 * would leave the sleeper it was meant for asleep. */
static void np_drain_break(void)
{
    uint64_t v;
    while (syscall(SYS_read, np_breakfd, &v, sizeof v) > 0) {
    }
    atomic_store(&np_break_pending, 0);
}

go_g *go_netpoll(int64_t timeout_ns)
{
    int ep = atomic_load(&np_epfd);
    if (ep < 0)
        return NULL;
    struct epoll_event evs[NP_EVENTS];
    int n = (int)syscall(SYS_epoll_wait, ep, evs, NP_EVENTS, timeout_ms(timeout_ns));
    atomic_store_explicit(&np_last_poll, go_now(), memory_order_relaxed);
    go_g *list = NULL;
    for (int i = 0; i < n; i++) {
        if (evs[i].data.u64 == NP_BREAK_TAG) {
            if (timeout_ns != 0)
                np_drain_break();
            continue;
        }
        np_event(evs[i].data.u64, evs[i].events, &list);
    }
    return list;
}

void go_netpoll_ready_list(go_g *list)
{
    while (list) {
        go_g *g = list;
        list = g->schedlink;
        g->schedlink = NULL;
        go_ready(g);
    }
}

/* Against m_wake's "park_word := WOKEN, then look at np_sleeper" (both
 * sequentially consistent): either we see the wake and do not wait, or it
 * sees us and breaks the wait. */
go_g *go_netpoll_sleep(go_m *m, int64_t timeout_ns)
{
    atomic_store(&np_sleeper, m);
    go_g *list = NULL;
    if (atomic_load(&m->park_word) == 0)
        list = go_netpoll(timeout_ns);
    atomic_store(&np_sleeper, NULL);
    return list;
}

static void np_break(void)
{
    if (atomic_exchange(&np_break_pending, 1))
        return; /* the eventfd is readable already */
    uint64_t one = 1;
    if (syscall(SYS_write, np_breakfd, &one, sizeof one) < 0)
        atomic_store(&np_break_pending, 0);
}

void go_netpoll_wake_m(go_m *m)
{
    if (atomic_load(&np_sleeper) == m)
        np_break();
}

bool go_netpoll_break_sleeper(void)
{
    if (!atomic_load(&np_sleeper))
        return false;
    np_break();
    return true;
}

bool go_netpoll_waiting(void) { return atomic_load(&np_waiters) > 0; }
bool go_netpoll_sleeping(void) { return atomic_load_explicit(&np_sleeper, memory_order_relaxed) != NULL; }
int64_t go_netpoll_last(void) { return atomic_load_explicit(&np_last_poll, memory_order_relaxed); }

/* fork.c: the child shares the parent's epoll instance, whose events are
 * the parent's; it starts a poller of its own on its first go_fd_open.
 * go_fds opened before the fork are not watched in the child. */
void go_netpoll_fork_child(void)
{
    int ep = atomic_exchange(&np_epfd, -1);
    if (ep >= 0) {
        syscall(SYS_close, ep);
        syscall(SYS_close, np_breakfd);
    }
    np_breakfd = -1;
    np_init_lock = (golock){0}; /* threads that may have held them are gone */
    pool_lock = (golock){0};
    atomic_store(&np_break_pending, 0);
    atomic_store(&np_waiters, 0);
    atomic_store(&np_sleeper, NULL);
}
