/* gosan/debug.h - the debug HTTP endpoint, gosan's `import _
 * "net/http/pprof"` (docs/observability.md, "The debug endpoint").
 *
 * Part of the library (libgosan_go): works in production (--plain) builds
 * with no checker.  A small HTTP/1.1 server on threads of its own (not
 * goroutines), so it answers while every worker is busy or every goroutine
 * is blocked.  GOSAN_DEBUG_ADDR=HOST:PORT in the environment starts it at
 * start-up.
 */
#ifndef GOSAN_DEBUG_H
#define GOSAN_DEBUG_H

#ifdef __cplusplus
extern "C" {
#endif

#pragma GCC visibility push(default)

/* Starts serving on addr, "HOST:PORT": HOST an IPv4 address, "[IPv6]" or
 * "localhost"; PORT 0 picks a free port (gosan_debug_port tells which).
 * Only loopback addresses are served unless addr ends in ",allow-remote"
 * ("0.0.0.0:6060,allow-remote"): the endpoint has no authentication.
 * Returns 0, GO_EINVAL for a malformed or refused address or when a server
 * already runs, or a negative errno (bind, listen, thread creation). */
int gosan_debug_serve(const char *addr);
/* The port the server listens on, or 0 when none runs. */
int gosan_debug_port(void);

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif
#endif /* GOSAN_DEBUG_H */
