/* debug_server.h - the debug HTTP endpoint's parts (include/gosan/debug.h):
 * the request parser (debug_http.c), the server threads and their limits
 * (debug_server.c), the pages (debug_pages.c) and the profiles' paths
 * (debug_profiles.c).
 *
 * The endpoint's own code allocates nothing: every buffer is static or on
 * a thread's stack (the profiles' writers allocate as for any caller).  A
 * page is written to an anonymous memory file before it is sent, so no
 * library lock is ever held while a slow client reads.
 */
#ifndef GOSAN_DEBUG_SERVER_H
#define GOSAN_DEBUG_SERVER_H

#include <stdbool.h>
#include <stddef.h>

/* Limits (docs/observability.md, "Safety limits"). */
#define DEBUG_REQ_MAX 8192        /* bytes of a request's head */
#define DEBUG_HEADERS_MAX 64      /* header lines */
#define DEBUG_CONN_MAX 16         /* connections being read or answered */
#define DEBUG_HANDLERS 3          /* requests answered at once */
#define DEBUG_READ_TIMEOUT_MS 5000  /* to send the whole request head */
#define DEBUG_SEND_TIMEOUT_MS 10000 /* per send to a client that stopped reading */
#define DEBUG_TRACE_MAX_S 60
#define DEBUG_PROFILE_MAX_S 300

/* A parsed request head: pointers into the caller's buffer. */
typedef struct debug_req {
    bool head;            /* HEAD: the answer has no body */
    char path[256];       /* decoded, without the query */
    char query[256];      /* raw, without the '?' */
} debug_req;

/* Whether buf[0..len) holds a whole request head (up to the blank line). */
bool debug_http_complete(const char *buf, size_t len);
/* Parses a complete head.  Returns 0, or the HTTP status to refuse it with
 * (400, 405, 414, 431, 505) and its reason in *why. */
int debug_http_parse(const char *buf, size_t len, debug_req *req, const char **why);
/* The value of name in a query string ("a=1&seconds=5"), copied into out;
 * false when absent. */
bool debug_query_get(const char *query, const char *name, char *out, size_t size);

/* A page: writes the body to fd (an anonymous memory file).  Returns the
 * HTTP status; *type is its Content-Type; for an error, the body is the
 * message. */
typedef struct debug_page_out {
    int status;
    const char *type;
    const char *disposition; /* a file name for Content-Disposition, or NULL */
} debug_page_out;
/* sock is the client's connection, watched while a page waits (trace,
 * profile) so a client that hangs up ends the wait early. */
void debug_route(const debug_req *req, int body_fd, int sock, debug_page_out *out);

/* debug_profiles.c: the pprof profiles, Go's net/http/pprof handlers. */
void debug_profile_named(const char *name, const debug_req *req, int body_fd, debug_page_out *out);
void debug_profile_cpu(const debug_req *req, int body_fd, int sock, debug_page_out *out);

/* Helpers for pages. */
void debug_printf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Empties a page's body, to write an error instead. */
void debug_body_reset(int fd);
/* Waits up to ms, returning early (false) when the client hung up. */
bool debug_wait_client(int sock, int ms);
/* seconds=N of the query: default def, 1..max; 0 when malformed. */
int debug_query_seconds(const debug_req *req, int def, int max);

#endif
