/* conn.c - one connection's goroutine: read, parse, dispatch, respond, and
 * keep the connection alive for the next request.
 *
 * Pipelining: requests are answered in order, one at a time; responses to
 * requests already in the buffer are batched and written when the buffer
 * runs dry (before the goroutine waits for more bytes), so a pipelined
 * batch costs one write.
 * Deadlines: waiting for a request's first byte is bounded by idle_timeout
 * (then the connection closes silently); the rest of the request by
 * read_timeout from its first byte (then 408 and close: slowloris); each
 * write by write_timeout.
 * Memory: the input buffer starts at 4 KiB and grows only to max_head for a
 * head and to head + Content-Length (at most max_body) for a body, so a
 * connection holds at most max_head + max_body bytes of input.
 * Shutdown: the state goes IDLE (after the idle deadline is set) before the
 * shutdown flag is read, and server.c reads the state after setting the
 * flag, so either this goroutine sees the flag or server.c sees IDLE and
 * moves the deadline to the past; a busy connection finishes its request
 * and closes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "httpd.h"

#define CONN_INITIAL_BUF 4096
#define CONN_FLUSH_AT 65536
#define CONN_LINGER_NS 500000000LL
#define CONN_LINGER_BYTES (256 * 1024)

typedef struct conn {
    httpd_conn *c;
    char *in;
    size_t len, cap;
    httpd_buf out;
    time_t date_sec; /* the second date_str was made for */
    char date_str[40];
} conn;

static bool conn_reserve(conn *k, size_t need)
{
    if (need <= k->cap)
        return true;
    size_t cap = k->cap * 2 > need ? k->cap * 2 : need;
    char *p = realloc(k->in, cap);
    if (!p)
        return false;
    k->in = p;
    k->cap = cap;
    return true;
}

/* Reads what is available into the buffer; > 0, 0 at EOF, or an error. */
static long conn_read(conn *k)
{
    if (k->len == k->cap && !conn_reserve(k, k->cap * 2))
        return GO_ENOMEM;
    return go_fd_read(k->c->fd, k->in + k->len, k->cap - k->len);
}

static bool conn_flush(conn *k)
{
    if (k->out.len == 0)
        return true;
    go_fd_set_write_deadline(k->c->fd, go_now() + httpd_lim.write_timeout);
    long n = go_fd_write(k->c->fd, k->out.data, k->out.len);
    k->out.len = 0;
    return n >= 0;
}

static const char *conn_date(conn *k)
{
    time_t now = time(NULL);
    if (now != k->date_sec) {
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(k->date_str, sizeof k->date_str, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        k->date_sec = now;
    }
    return k->date_str;
}

static void conn_append_response(conn *k, const httpd_request *req, httpd_response *resp, bool close)
{
    bool head = req && strcmp(req->method, "HEAD") == 0;
    const char *connection = close ? "Connection: close\r\n"
                             : req && req->minor == 0 ? "Connection: keep-alive\r\n" : "";
    httpd_buf_printf(&k->out, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\nDate: %s\r\n%s\r\n",
                     resp->status, httpd_status_text(resp->status), resp->content_type, resp->body.len,
                     conn_date(k), connection);
    if (!head)
        httpd_buf_append(&k->out, resp->body.data, resp->body.len);
}

/* Closing a socket with unread input sends a reset, which can destroy the
 * response in flight before the client reads it.  So, as Go's
 * closeWriteAndWait: half-close, then discard what the client still sends
 * for a short while (bounded in time and bytes). */
static void conn_linger(conn *k)
{
    int fd = go_fd_fileno(k->c->fd);
    if (shutdown(fd, SHUT_WR) != 0)
        return;
    go_fd_set_read_deadline(k->c->fd, go_now() + CONN_LINGER_NS);
    for (size_t discarded = 0; discarded < CONN_LINGER_BYTES;) {
        long n = go_fd_read(k->c->fd, k->in, k->cap);
        if (n <= 0)
            break;
        discarded += (size_t)n;
    }
}

/* Answers an unparseable or timed-out request and gives up on the connection. */
static void conn_refuse(conn *k, int status)
{
    httpd_response resp = {0};
    httpd_respond_error(&resp, status);
    conn_append_response(k, NULL, &resp, true);
    httpd_buf_free(&resp.body);
    if (conn_flush(k))
        conn_linger(k);
}

/* Waits for a request's first byte.  false: close the connection. */
static bool conn_wait_idle(conn *k)
{
    if (!conn_flush(k))
        return false;
    go_fd_set_read_deadline(k->c->fd, go_now() + httpd_lim.idle_timeout);
    atomic_store(&k->c->state, HTTPD_IDLE);
    if (httpd_shutting_down())
        return false;
    long n = conn_read(k);
    atomic_store(&k->c->state, HTTPD_ACTIVE);
    if (n <= 0)
        return false;
    k->len += (size_t)n;
    return true;
}

/* Reads more of a request that started at `start`.  false: the connection
 * is done (answered 408 on a timeout). */
static bool conn_read_more(conn *k, int64_t start)
{
    if (!conn_flush(k))
        return false;
    go_fd_set_read_deadline(k->c->fd, start + httpd_lim.read_timeout);
    long n = conn_read(k);
    if (n == GO_ETIMEDOUT)
        conn_refuse(k, 408);
    if (n <= 0)
        return false;
    k->len += (size_t)n;
    return true;
}

/* The request's strings point into the input buffer; after the buffer
 * moved (grown for a body), they are moved with it. */
static void conn_rebase(httpd_request *req, const char *old, size_t old_cap, char *now)
{
    if (old == now)
        return;
    uintptr_t lo = (uintptr_t)old, hi = lo + old_cap;
#define CONN_REBASE(p) \
    if ((uintptr_t)(p) >= lo && (uintptr_t)(p) < hi) \
        (p) = now + ((uintptr_t)(p) - lo)
    CONN_REBASE(req->method);
    CONN_REBASE(req->path);
    CONN_REBASE(req->query);
    for (size_t i = 0; i < req->nheaders; i++) {
        CONN_REBASE(req->headers[i].name);
        CONN_REBASE(req->headers[i].value);
    }
#undef CONN_REBASE
}

/* Serves one request whose head and body are in the buffer; returns whether
 * the connection stays open. */
static bool conn_serve_request(conn *k, httpd_request *req, size_t total)
{
    httpd_response resp = {.status = 200, .content_type = "text/plain"};
    req->id = httpd_next_request_id();
    httpd_dispatch(req, &resp);
    bool keep = req->keep_alive && !resp.close && !httpd_shutting_down();
    conn_append_response(k, req, &resp, !keep);
    httpd_buf_free(&resp.body);
    memmove(k->in, k->in + total, k->len - total);
    k->len -= total;
    if (k->out.len >= CONN_FLUSH_AT && !conn_flush(k))
        return false;
    return keep;
}

static void conn_loop(conn *k, httpd_request *req)
{
    for (;;) {
        if (k->len == 0 && !conn_wait_idle(k))
            return;
        int64_t start = go_now();
        long head;
        while ((head = httpd_parse_head(k->in, k->len, &httpd_lim, req)) == 0) {
            if (k->len == k->cap && !conn_reserve(k, httpd_lim.max_head))
                return;
            if (!conn_read_more(k, start))
                return;
        }
        if (head < 0) {
            conn_refuse(k, (int)-head);
            return;
        }
        size_t total = (size_t)head + req->content_length;
        char *before = k->in;
        size_t before_cap = k->cap;
        if (!conn_reserve(k, total))
            return;
        conn_rebase(req, before, before_cap, k->in);
        while (k->len < total)
            if (!conn_read_more(k, start))
                return;
        req->body = k->in + head;
        if (!conn_serve_request(k, req, total))
            break;
    }
    conn_flush(k);
}

void httpd_conn_serve(httpd_conn *c)
{
    conn k = {.c = c, .in = malloc(CONN_INITIAL_BUF), .cap = CONN_INITIAL_BUF};
    httpd_request *req = malloc(sizeof *req);
    if (k.in && req)
        conn_loop(&k, req);
    free(req);
    free(k.in);
    httpd_buf_free(&k.out);
    httpd_conn_done(c);
}
