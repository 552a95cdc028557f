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

/* goleak for test programs (docs/leaks.md), with and without the checker.
 *
 * Ignores, like goleak's options, apply to every later check (these, and
 * gosan_leakcheck and detect_leaks=1 too): a goroutine whose innermost
 * frame of the program's own code (the first frame its leak report shows)
 * is the function NAME (IgnoreTopFunction); a goroutine with NAME anywhere
 * in its stack (IgnoreAnyFunction); the goroutines alive at the call of
 * gosan_leak_ignore_current() but the caller (IgnoreCurrent).  A goroutine
 * with no stack to look at (not started yet, running on another thread) is
 * matched by its goroutine function.  Names are
 * copied; matching is exact. */
void gosan_leak_ignore_top_function(const char *name);
void gosan_leak_ignore_any_function(const char *name);
void gosan_leak_ignore_current(void);

/* goleak.VerifyNone: gosan_leakcheck(), then, if any goroutine leaked, one
 * line `gosan: N goroutine(s) leaked` on stderr.  Returns the count (0: no
 * leak). */
int gosan_verify_none(void);

/* goleak.VerifyTestMain: returns run(argc, argv)'s status if that is not 0
 * (the tests failed); else checks for leaks as gosan_verify_none and
 * returns 1 if there were any, 0 if not.  Use as main's return value, or
 * through GOSAN_TEST_MAIN. */
int gosan_verify_test_main(int argc, char **argv, int (*run)(int argc, char **argv));

/* Defines main: runs run_tests(argc, argv), then fails on leaked goroutines. */
#define GOSAN_TEST_MAIN(run_tests) \
    int main(int argc, char **argv) { return gosan_verify_test_main(argc, argv, (run_tests)); }

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif
#endif /* GOSAN_GOSAN_H */
