/* httpd.h - the types shared by the example HTTP/1.1 server's parts.
 *
 * The server is a goroutine per connection on gosan's netpoller
 * (<gosan/net.h>), as Go's net/http is.  Parts, one file each:
 *   parse.c       request parsing with limits (head size, header count, body)
 *   router.c      exact-path routes to handlers
 *   middleware.c  the chain, and the labels and timeout middlewares
 *   handlers.c    the routes' handlers (hello, the cached JSON, slow, racy)
 *   response.c    response bodies and status texts
 *   conn.c        one connection: read, parse, dispatch, respond, keep alive
 *   server.c      the listener, the accept loop, the set of connections
 *   shutdown.c    SIGTERM/SIGINT: stop accepting, drain, exit 0
 *   main.c        flags
 * Invariant: a request and its response belong to one connection goroutine;
 * only the cache (under its rwmutex), the connection set (under its mutex)
 * and the atomics named in server.c are shared.
 */
#ifndef HTTPD_H
#define HTTPD_H

#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gosan/go.h>
#include <gosan/net.h>

/* ---------------------------------------------------------------- limits */

typedef struct httpd_limits {
    size_t max_head;        /* request line + headers, bytes (431 beyond) */
    size_t max_headers;     /* header lines (431 beyond) */
    size_t max_body;        /* Content-Length (413 beyond) */
    int64_t read_timeout;   /* ns from a request's first byte to its last (408) */
    int64_t idle_timeout;   /* ns a keep-alive connection may wait for a request */
    int64_t write_timeout;  /* ns to write one batch of responses */
    int64_t handler_timeout; /* ns, the request context's deadline */
} httpd_limits;

#define HTTPD_HEADERS_CAP 100 /* the parser's table; max_headers <= this */

/* ---------------------------------------------------------------- request */

typedef struct httpd_header {
    const char *name;  /* NUL-terminated, in the connection's buffer */
    const char *value; /* NUL-terminated, surrounding blanks trimmed */
} httpd_header;

typedef struct httpd_request {
    const char *method;  /* NUL-terminated, in the connection's buffer */
    const char *path;    /* the target before '?' */
    const char *query;   /* after '?', or "" */
    int minor;           /* HTTP/1.minor */
    httpd_header headers[HTTPD_HEADERS_CAP];
    size_t nheaders;
    size_t content_length;
    bool keep_alive;     /* the client allows another request after this one */
    const char *body;    /* content_length bytes, set by conn.c */
    /* Set while dispatching. */
    const char *route;   /* the matched pattern, or "notfound" */
    uint64_t id;         /* the server's request counter */
    go_context *ctx;     /* the request's context (middleware.c) */
} httpd_request;

/* Parses the head at buf[0..len).  Returns the head's length (> 0, the
 * request filled in, the head's bytes rewritten in place) once the blank line
 * ending it has arrived, 0 if more bytes are needed, or -status (400, 413,
 * 431, 501, 505) for a request that must be refused.  Bytes after the head
 * (the body, pipelined requests) are not touched. */
long httpd_parse_head(char *buf, size_t len, const httpd_limits *lim, httpd_request *req);
/* The value of header name (case-insensitive), or NULL. */
const char *httpd_header_get(const httpd_request *req, const char *name);
/* The integer value of query parameter key, or dflt. */
long httpd_query_long(const httpd_request *req, const char *key, long dflt);

/* ---------------------------------------------------------------- response */

typedef struct httpd_buf {
    char *data;
    size_t len, cap;
} httpd_buf;

bool httpd_buf_append(httpd_buf *b, const void *p, size_t n);
bool httpd_buf_printf(httpd_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void httpd_buf_free(httpd_buf *b);

typedef struct httpd_response {
    int status;
    const char *content_type; /* static string */
    httpd_buf body;
    bool close;               /* ask conn.c to close after this response */
} httpd_response;

const char *httpd_status_text(int status);
/* Replaces the response with a plain-text body: "<status text>\n". */
void httpd_respond_error(httpd_response *resp, int status);

/* ---------------------------------------------------------------- handlers */

typedef void (*httpd_handler)(httpd_request *req, httpd_response *resp);

/* router.c: routes are exact paths, registered before serving starts. */
bool httpd_route(const char *path, httpd_handler h);
/* The handler for req->path (sets req->route), or the 404 handler. */
httpd_handler httpd_lookup(httpd_request *req);

/* handlers.c */
void httpd_handlers_register(bool racy);

/* middleware.c: each middleware calls httpd_next(call) to run the rest of
 * the chain (the next middleware, finally the handler). */
typedef struct httpd_call httpd_call;
typedef void (*httpd_middleware)(httpd_request *req, httpd_response *resp, httpd_call *call);
void httpd_next(httpd_request *req, httpd_response *resp, httpd_call *call);
bool httpd_use(httpd_middleware mw);
/* Runs the chain, then the routed handler, for one request. */
void httpd_dispatch(httpd_request *req, httpd_response *resp);
void httpd_mw_labels(httpd_request *req, httpd_response *resp, httpd_call *call);
void httpd_mw_timeout(httpd_request *req, httpd_response *resp, httpd_call *call);

/* ---------------------------------------------------------------- server */


extern httpd_limits httpd_lim;

/* server.c */
int httpd_listen(const char *addr, char *bound, size_t size);
/* Starts the accept loop in a goroutine. */
void httpd_serve(void);
/* Stops accepting and waits for the accept loop to leave. */
void httpd_stop_accepting(void);
/* The parent of every request's context; cancelled when the drain's
 * deadline passes. */
go_context *httpd_base_ctx(void);
/* Closes idle connections, asks busy ones to close after their response,
 * and waits up to `grace` ns for all to finish.  true if they did. */
bool httpd_drain(int64_t grace);
bool httpd_shutting_down(void);

/* conn.c: serves one accepted connection to its end (run as a goroutine by
 * server.c).  The connection's record is server.c's. */
typedef struct httpd_conn httpd_conn;
struct httpd_conn {
    go_fd *fd;
    _Atomic int state; /* HTTPD_IDLE: waiting for a request's first byte */
    httpd_conn *prev, *next; /* server.c's set, under its mutex */
};
enum { HTTPD_ACTIVE = 0, HTTPD_IDLE = 1 };
void httpd_conn_serve(httpd_conn *c);
/* server.c: the connection's goroutine calls this last: it leaves the set,
 * and its descriptor is closed. */
void httpd_conn_done(httpd_conn *c);
uint64_t httpd_next_request_id(void);

/* shutdown.c: installs the handlers; httpd_wait_signal parks the calling
 * goroutine until SIGTERM or SIGINT. */
int httpd_signals_init(void);
int httpd_wait_signal(void);

#endif /* HTTPD_H */
