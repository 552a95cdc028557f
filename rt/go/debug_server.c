/* debug_server.c - the debug endpoint's server (include/gosan/debug.h):
 * the listening socket, one listener thread that reads request heads for
 * every connection, and a fixed pool of handler threads that answer them.
 *
 * The threads are raw threads, not goroutines, marked private for the
 * all-asleep check (go_hooks_thread_private), with every signal blocked:
 * the endpoint answers while every worker is busy or every goroutine is
 * blocked, never keeps a deadlock from being reported, and never takes a
 * signal meant for the program (a CPU profile's SIGPROF included).
 *
 * Safety (docs/observability.md, "Safety limits"): loopback only unless
 * the address says ",allow-remote"; at most DEBUG_CONN_MAX connections
 * (more get 503 at once); a request head of at most DEBUG_REQ_MAX bytes and
 * DEBUG_HEADERS_MAX lines (431), sent whole within DEBUG_READ_TIMEOUT_MS of
 * the connection (408, the slowloris defence); DEBUG_HANDLERS requests
 * answered at once (503 beyond).  The listener never blocks: its sockets
 * are non-blocking and an error answer is one non-blocking send, after
 * which the connection is drained for a moment so the client reads the
 * answer rather than a reset.  A handler writes a page into a memory file
 * first (no library lock is held while a client reads) and sends it with a
 * send timeout, ignoring SIGPIPE (MSG_NOSIGNAL).
 *
 * Invariants: conns[] and the listening socket belong to the listener
 * thread; a job moves a connection to one handler, which closes it; the
 * job queue is guarded by job_mu.  The server itself allocates nothing
 * once it runs.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "debug_server.h"
#include "g.h"

#define DRAIN_MS 1000        /* an answered connection is drained this long at most */
#define DRAIN_BYTES 65536

enum conn_state { CONN_FREE, CONN_READING, CONN_DRAINING };

typedef struct debug_conn {
    enum conn_state state;
    int fd;
    int64_t deadline_ms;
    size_t len, drained;
    char buf[DEBUG_REQ_MAX];
} debug_conn;

typedef struct debug_job {
    int fd;
    debug_req req;
} debug_job;

static _Atomic int serving;      /* 1 once gosan_debug_serve took the server */
static _Atomic int bound_port;
static int listen_fd = -1;
static debug_conn conns[DEBUG_CONN_MAX];
static _Atomic int in_handlers;  /* connections a handler owns */

static pthread_mutex_t job_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t job_cv = PTHREAD_COND_INITIALIZER;
static debug_job jobs[DEBUG_HANDLERS];
static int njobs, idle_handlers;

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    }
    return "Error";
}

/* ---- the listener's side: refusals never block */

static void refuse_now(int fd, int status, const char *why)
{
    char msg[512];
    int n = snprintf(msg, sizeof msg,
                     "HTTP/1.1 %d %s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %zu\r\n"
                     "Connection: close\r\n%s\r\n%s\n",
                     status, reason(status), strlen(why) + 1, status == 503 ? "Retry-After: 1\r\n" : "", why);
    if (n > 0)
        (void)send(fd, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1, MSG_DONTWAIT | MSG_NOSIGNAL);
    shutdown(fd, SHUT_WR);
}

static void conn_close(debug_conn *c)
{
    close(c->fd);
    c->state = CONN_FREE;
    c->fd = -1;
}

/* Answered with an error: read and drop what the client still sends, so
 * that closing does not reset the connection before it read the answer. */
static void conn_refuse(debug_conn *c, int status, const char *why)
{
    refuse_now(c->fd, status, why);
    c->state = CONN_DRAINING;
    c->drained = 0;
    c->deadline_ms = now_ms() + DRAIN_MS;
}

static int live_conns(void)
{
    int n = atomic_load(&in_handlers);
    for (int i = 0; i < DEBUG_CONN_MAX; i++)
        n += conns[i].state != CONN_FREE;
    return n;
}

static bool dispatch(int fd, const debug_req *req)
{
    pthread_mutex_lock(&job_mu);
    bool ok = idle_handlers > njobs;
    if (ok) {
        jobs[njobs].fd = fd;
        jobs[njobs].req = *req;
        njobs++;
        atomic_fetch_add(&in_handlers, 1);
        pthread_cond_signal(&job_cv);
    }
    pthread_mutex_unlock(&job_mu);
    return ok;
}

static void conn_request_done(debug_conn *c)
{
    debug_req req;
    const char *why = "";
    int status = debug_http_parse(c->buf, c->len, &req, &why);
    if (status) {
        conn_refuse(c, status, why);
        return;
    }
    int fd = c->fd;
    if (dispatch(fd, &req)) {
        c->state = CONN_FREE;
        c->fd = -1;
        return;
    }
    conn_refuse(c, 503, "the debug endpoint is answering other requests; try again");
}

static void conn_readable(debug_conn *c)
{
    if (c->state == CONN_DRAINING) {
        char sink[4096];
        ssize_t n = recv(c->fd, sink, sizeof sink, MSG_DONTWAIT);
        if (n > 0 && (c->drained += (size_t)n) < DRAIN_BYTES)
            return;
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return;
        conn_close(c);
        return;
    }
    ssize_t n = recv(c->fd, c->buf + c->len, sizeof c->buf - c->len, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    if (n <= 0) {
        conn_close(c); /* the client left before finishing its request */
        return;
    }
    c->len += (size_t)n;
    if (debug_http_complete(c->buf, c->len))
        conn_request_done(c);
    else if (c->len == sizeof c->buf)
        conn_refuse(c, 431, "request head too large");
}

/* Out of file descriptors: the listening socket stays readable, so it is
 * left out of the poll for a moment rather than spinning on it. */
#define ACCEPT_PAUSE_MS 100
static int64_t accept_paused_until;

static void accept_all(void)
{
    for (;;) {
        int fd = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ECONNABORTED)
                accept_paused_until = now_ms() + ACCEPT_PAUSE_MS;
            return;
        }
        debug_conn *slot = NULL;
        for (int i = 0; i < DEBUG_CONN_MAX && !slot; i++)
            if (conns[i].state == CONN_FREE)
                slot = &conns[i];
        if (!slot || live_conns() >= DEBUG_CONN_MAX) {
            refuse_now(fd, 503, "too many connections to the debug endpoint");
            close(fd);
            continue;
        }
        slot->state = CONN_READING;
        slot->fd = fd;
        slot->len = 0;
        slot->deadline_ms = now_ms() + DEBUG_READ_TIMEOUT_MS;
    }
}

static void expire(int64_t now)
{
    for (int i = 0; i < DEBUG_CONN_MAX; i++) {
        debug_conn *c = &conns[i];
        if (c->state == CONN_FREE || now < c->deadline_ms)
            continue;
        if (c->state == CONN_READING)
            conn_refuse(c, 408, "request not received in time");
        else
            conn_close(c);
    }
}

static void *listener_main(void *arg)
{
    (void)arg;
    go_hooks_thread_private();
    struct pollfd pfd[DEBUG_CONN_MAX + 1];
    debug_conn *who[DEBUG_CONN_MAX + 1];
    for (;;) {
        int n = 0;
        int64_t now = now_ms(), next = now + 60000;
        bool paused = now < accept_paused_until;
        if (paused)
            next = accept_paused_until;
        pfd[n].fd = paused ? -1 : listen_fd; /* poll skips a negative fd */
        pfd[n].events = POLLIN;
        who[n++] = NULL;
        for (int i = 0; i < DEBUG_CONN_MAX; i++) {
            if (conns[i].state == CONN_FREE)
                continue;
            pfd[n].fd = conns[i].fd;
            pfd[n].events = POLLIN;
            who[n++] = &conns[i];
            if (conns[i].deadline_ms < next)
                next = conns[i].deadline_ms;
        }
        int ms = next > now ? (int)(next - now) : 0;
        if (poll(pfd, (nfds_t)n, ms) < 0 && errno != EINTR) {
            struct timespec pause = {0, 10 * 1000 * 1000};
            nanosleep(&pause, NULL);
            continue;
        }
        for (int i = 1; i < n; i++)
            if (pfd[i].revents && who[i]->state != CONN_FREE)
                conn_readable(who[i]);
        if (pfd[0].revents & POLLIN)
            accept_all();
        expire(now_ms());
    }
    return NULL;
}

/* ---- the handlers: answer one request each, with a send timeout */

static bool send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false; /* gone, or stopped reading for DEBUG_SEND_TIMEOUT_MS */
        p += k;
        n -= (size_t)k;
    }
    return true;
}

static int body_file(void)
{
    int fd = memfd_create("gosan-debug-page", MFD_CLOEXEC);
    if (fd < 0)
        fd = open("/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    return fd;
}

static void answer(int sock, int body, const debug_req *req)
{
    int fl = fcntl(sock, F_GETFL);
    if (fl >= 0)
        fcntl(sock, F_SETFL, fl & ~O_NONBLOCK);
    struct timeval tv = {DEBUG_SEND_TIMEOUT_MS / 1000, 0};
    setsockopt(sock, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);

    debug_page_out out = {500, "text/plain; charset=utf-8", NULL};
    if (body < 0 || ftruncate(body, 0) != 0 || lseek(body, 0, SEEK_SET) != 0) {
        out.status = 503;
        body = -1;
    } else {
        debug_route(req, body, sock, &out);
    }
    off_t size = body >= 0 ? lseek(body, 0, SEEK_END) : 0;
    if (size < 0)
        size = 0;
    char head[512], disp[160] = "";
    if (out.disposition)
        snprintf(disp, sizeof disp, "Content-Disposition: attachment; filename=\"%s\"\r\n", out.disposition);
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %lld\r\n"
                     "X-Content-Type-Options: nosniff\r\nConnection: close\r\n%s\r\n",
                     out.status, reason(out.status), out.type, (long long)size, disp);
    if (n <= 0 || !send_all(sock, head, (size_t)n) || req->head || body < 0)
        return;
    char chunk[16384];
    for (off_t off = 0; off < size;) {
        ssize_t k = pread(body, chunk, sizeof chunk, off);
        if (k <= 0 || !send_all(sock, chunk, (size_t)k))
            return;
        off += k;
    }
}

static void *handler_main(void *arg)
{
    (void)arg;
    go_hooks_thread_private();
    int body = body_file();
    for (;;) {
        pthread_mutex_lock(&job_mu);
        idle_handlers++;
        while (njobs == 0)
            pthread_cond_wait(&job_cv, &job_mu);
        debug_job job = jobs[0];
        memmove(&jobs[0], &jobs[1], sizeof jobs[0] * (size_t)(--njobs));
        idle_handlers--;
        pthread_mutex_unlock(&job_mu);
        answer(job.fd, body, &job.req);
        shutdown(job.fd, SHUT_WR);
        close(job.fd);
        if (body >= 0 && ftruncate(body, 0) != 0) {
            close(body);
            body = body_file();
        }
        if (body < 0)
            body = body_file(); /* out of fds at start-up: try again */
        atomic_fetch_sub(&in_handlers, 1);
    }
    return NULL;
}

/* ---- start-up */

/* "HOST:PORT[,allow-remote]" -> a socket address; false when malformed. */
static bool parse_addr(const char *addr, struct sockaddr_storage *ss, socklen_t *len, bool *remote_ok)
{
    char buf[128];
    size_t n = strlen(addr);
    if (n >= sizeof buf)
        return false;
    memcpy(buf, addr, n + 1);
    *remote_ok = false;
    char *comma = strchr(buf, ',');
    if (comma) {
        if (strcmp(comma + 1, "allow-remote") != 0)
            return false;
        *remote_ok = true;
        *comma = 0;
    }
    char *colon = strrchr(buf, ':');
    if (!colon)
        return false;
    *colon = 0;
    char *end;
    errno = 0;
    long port = strtol(colon + 1, &end, 10);
    if (end == colon + 1 || *end || port < 0 || port > 65535 || errno)
        return false;
    char *host = buf;
    memset(ss, 0, sizeof *ss);
    if (host[0] == '[') {
        size_t hl = strlen(host);
        if (hl < 2 || host[hl - 1] != ']')
            return false;
        host[hl - 1] = 0;
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons((uint16_t)port);
        *len = sizeof *s6;
        return inet_pton(AF_INET6, host + 1, &s6->sin6_addr) == 1;
    }
    struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
    s4->sin_family = AF_INET;
    s4->sin_port = htons((uint16_t)port);
    *len = sizeof *s4;
    if (strcmp(host, "localhost") == 0)
        host = "127.0.0.1";
    else if (host[0] == 0)
        host = "0.0.0.0"; /* ":6060", as Go reads it: every interface */
    return inet_pton(AF_INET, host, &s4->sin_addr) == 1;
}

static bool is_loopback(const struct sockaddr_storage *ss)
{
    if (ss->ss_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)ss)->sin_addr.s_addr) >> 24) == 127;
    const struct in6_addr *a = &((const struct sockaddr_in6 *)ss)->sin6_addr;
    return IN6_IS_ADDR_LOOPBACK(a) || (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
}

static int open_listener(const struct sockaddr_storage *ss, socklen_t len)
{
    int fd = socket(ss->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -errno;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (const struct sockaddr *)ss, len) != 0 || listen(fd, DEBUG_CONN_MAX) != 0) {
        int err = -errno;
        close(fd);
        return err;
    }
    struct sockaddr_storage got;
    socklen_t glen = sizeof got;
    if (getsockname(fd, (struct sockaddr *)&got, &glen) == 0)
        atomic_store(&bound_port, ntohs(got.ss_family == AF_INET ? ((struct sockaddr_in *)&got)->sin_port
                                                                   : ((struct sockaddr_in6 *)&got)->sin6_port));
    return fd;
}

static int start_thread(void *(*fn)(void *))
{
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    pthread_t t;
    int err = pthread_create(&t, &attr, fn, NULL);
    pthread_attr_destroy(&attr);
    return -err;
}

/* A forked child does not serve: the threads stayed in the parent. */
static void fork_child(void)
{
    if (listen_fd >= 0)
        close(listen_fd);
    listen_fd = -1;
    atomic_store(&bound_port, 0);
}

int gosan_debug_serve(const char *addr)
{
    struct sockaddr_storage ss;
    socklen_t len;
    bool remote_ok;
    if (!addr || !parse_addr(addr, &ss, &len, &remote_ok))
        return GO_EINVAL;
    if (!is_loopback(&ss) && !remote_ok)
        return GO_EINVAL;
    int expect = 0;
    if (!atomic_compare_exchange_strong(&serving, &expect, 1))
        return GO_EINVAL;
    int fd = open_listener(&ss, len);
    if (fd < 0) {
        atomic_store(&serving, 0);
        return fd;
    }
    listen_fd = fd;
    for (int i = 0; i < DEBUG_CONN_MAX; i++)
        conns[i].fd = -1;
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int err = 0, started = 0;
    for (int i = 0; i < DEBUG_HANDLERS && !err; i++)
        if (!(err = start_thread(handler_main)))
            started++;
    if (!err)
        err = start_thread(listener_main);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (err) {
        /* Handlers already started wait for jobs that never come. */
        close(listen_fd);
        listen_fd = -1;
        atomic_store(&bound_port, 0);
        return err;
    }
    (void)started;
    static int atfork;
    if (!atfork++)
        pthread_atfork(NULL, NULL, fork_child);
    return 0;
}

int gosan_debug_port(void) { return atomic_load(&bound_port); }

/* The HOST of "HOST:PORT[,allow-remote]". */
static int host_len(const char *addr)
{
    const char *comma = strchr(addr, ',');
    size_t n = comma ? (size_t)(comma - addr) : strlen(addr);
    while (n && addr[n - 1] != ':')
        n--;
    return n ? (int)n - 1 : 0;
}

/* GOSAN_DEBUG_ADDR=HOST:PORT: serve from start-up (after the scheduler's
 * constructor, 200, and the GOSAN_TRACE one, 201). */
__attribute__((constructor(202))) static void debug_env_start(void)
{
    const char *addr = getenv("GOSAN_DEBUG_ADDR");
    if (!addr || !*addr)
        return;
    int err = gosan_debug_serve(addr);
    if (err == GO_EINVAL)
        fprintf(stderr,
                "gosan: GOSAN_DEBUG_ADDR=%s: not served: the address must be HOST:PORT on a loopback interface, "
                "or end in \",allow-remote\" to serve other hosts\n",
                addr);
    else if (err)
        fprintf(stderr, "gosan: GOSAN_DEBUG_ADDR=%s: cannot serve: %s\n", addr, strerror(-err));
    else
        fprintf(stderr, "gosan: debug endpoint at http://%.*s:%d/debug/pprof/\n", host_len(addr), addr,
                gosan_debug_port());
}
