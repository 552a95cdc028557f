/* server.c - the listener, the accept loop and the set of live connections.
 *
 * Shared state: `conns` (a list) under conns_mu, with conns_wg counting its
 * members; `shutting_down`, set once by httpd_drain and read by every
 * connection (conn.c explains the handshake with a connection's state);
 * the request counter.  The accept loop ends when the listener is closed
 * (go_fd_close wakes it with GO_EFDCLOSED); a failed accept (out of
 * descriptors) is retried after a pause rather than spinning.
 */
#include <stdio.h>
#include <stdlib.h>

#include "httpd.h"

static go_fd *listener;
static go_wg accept_wg;
static go_mutex conns_mu;
static httpd_conn *conns;
static go_wg conns_wg;
static _Atomic bool shutting_down;
static _Atomic uint64_t request_ids;
static go_context *base_ctx;

uint64_t httpd_next_request_id(void)
{
    return atomic_fetch_add_explicit(&request_ids, 1, memory_order_relaxed) + 1;
}

bool httpd_shutting_down(void)
{
    return atomic_load(&shutting_down);
}

go_context *httpd_base_ctx(void)
{
    return base_ctx;
}

int httpd_listen(const char *addr, char *bound, size_t size)
{
    base_ctx = go_context_with_cancel(go_context_background());
    if (!base_ctx)
        return GO_ENOMEM;
    int r = go_listen("tcp", addr, &listener);
    if (r == 0)
        r = go_fd_local_addr(listener, bound, size);
    return r;
}

static void server_conn_goroutine(void *arg)
{
    httpd_conn_serve(arg);
}

static void server_add(go_fd *fd)
{
    httpd_conn *c = calloc(1, sizeof *c);
    if (!c) {
        go_fd_close(fd);
        return;
    }
    c->fd = fd;
    go_mutex_lock(&conns_mu);
    c->next = conns;
    if (conns)
        conns->prev = c;
    conns = c;
    go_wg_add(&conns_wg, 1);
    go_mutex_unlock(&conns_mu);
    if (go_spawn(server_conn_goroutine, c) != 0)
        httpd_conn_done(c);
}

void httpd_conn_done(httpd_conn *c)
{
    go_mutex_lock(&conns_mu);
    if (c->prev)
        c->prev->next = c->next;
    else
        conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    go_mutex_unlock(&conns_mu);
    /* Closed only once out of the set, so server_kick never sees it closed. */
    go_fd_close(c->fd);
    free(c);
    go_wg_done(&conns_wg);
}

static void server_accept_loop(void *arg)
{
    (void)arg;
    for (;;) {
        go_fd *fd;
        int r = go_fd_accept(listener, &fd);
        if (r == GO_EFDCLOSED)
            break;
        if (r < 0) {
            go_sleep(10 * 1000000LL); /* EMFILE and the like: let connections close */
            continue;
        }
        server_add(fd);
    }
    go_wg_done(&accept_wg);
}

void httpd_serve(void)
{
    go_wg_add(&accept_wg, 1);
    go_spawn(server_accept_loop, NULL);
}

void httpd_stop_accepting(void)
{
    go_fd_close(listener);
    go_wg_wait(&accept_wg);
}

/* Moves every idle (or, with all, every) connection's deadlines to the
 * past, which wakes its goroutine with GO_ETIMEDOUT. */
static void server_kick(bool all)
{
    go_mutex_lock(&conns_mu);
    for (httpd_conn *c = conns; c; c = c->next)
        if (all || atomic_load(&c->state) == HTTPD_IDLE)
            go_fd_set_deadline(c->fd, 1);
    go_mutex_unlock(&conns_mu);
}

static void server_wait_conns(void *done)
{
    go_wg_wait(&conns_wg);
    go_chan_close(done);
}

bool httpd_drain(int64_t grace)
{
    atomic_store(&shutting_down, true);
    server_kick(false);
    go_chan *done = go_chan_make(0, 0);
    if (!done)
        return false;
    go_spawn(server_wait_conns, done);
    bool drained = go_chan_recv_timeout(done, NULL, grace) == 0;
    if (!drained) {
        /* Past the deadline: end the handlers' contexts and every wait. */
        go_context_cancel(base_ctx);
        server_kick(true);
        go_chan_recv_timeout(done, NULL, 1000000000LL);
    }
    return drained;
}
