/* gosan/gosan.h - the checker API.
 *
 * Every function here is defined by libgosan_go itself, so a program that
 * uses them links and runs without the checker: gosan_dump and
 * gosan_leakcheck then work from what the library knows (states, wait
 * reasons, labels, frame-pointer stacks), and the annotations are no-ops.
 * When the checker runtime is linked (gosan-cc), the same calls become real
 * checks; see docs/api.md and docs/usage.md.
 */
#ifndef GOSAN_GOSAN_H
#define GOSAN_GOSAN_H

#ifdef __cplusplus
extern "C" {
#endif

/* The library is built with hidden visibility: what is declared here is its
 * interface, and stays visible (global) in its sealed archive. */
#pragma GCC visibility push(default)

/* goleak.VerifyNone: waits a short grace period for goroutines that are
 * still finishing (GOSAN_OPTIONS leak_grace_ms, default 500, with or
 * without the checker), then reports
 * every goroutine but the caller still alive as a `goroutine leak` and
 * returns their number. */
int gosan_leakcheck(void);

/* Writes every goroutine to fd in Go's traceback style: id, state and wait
 * reason, how long, labels, where it is blocked, where it was created.  Safe
 * to call at any moment while other goroutines run. */
void gosan_dump(int fd);

/* Custom synchronisation: a release on addr happens before an acquire on the
 * same addr that follows it (as TSan's __tsan_release/__tsan_acquire). */
void gosan_release(const void *addr);
void gosan_acquire(const void *addr);

/* Accesses by this goroutine between these two calls are not checked.  They
 * nest. */
void gosan_ignore_begin(void);
void gosan_ignore_end(void);

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif
#endif /* GOSAN_GOSAN_H */
