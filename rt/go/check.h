/* check.h - executable invariants of the library (rt/go).
 *
 * GO_CHECK(cond) is always on: on failure it prints
 *
 *     fatal error: CHECK failed: FILE:LINE: COND (MESSAGE)
 *
 * to stderr with write(2) and aborts.  The failure path takes no lock and
 * does not allocate, so a check may sit under the scheduler's locks.
 *
 * GO_DCHECK(cond) is the same in debug builds only (GOSAN_DEBUG=1, `make
 * check DEBUG=1`); otherwise it compiles to nothing, cond is not evaluated
 * but is still type-checked.  Keep DCHECKs cheap: the debug build runs the
 * whole suite.  The _MSG forms add a printf-style message.
 */
#ifndef GOSAN_GO_CHECK_H
#define GOSAN_GO_CHECK_H

#include <stddef.h>

#ifndef GOSAN_DEBUG
#define GOSAN_DEBUG 0
#endif

void go_check_fail(const char *file, int line, const char *cond, const char *fmt, ...)
    __attribute__((noreturn, cold, format(printf, 4, 5)));

#define GO_CHECK(cond) \
    (__builtin_expect(!!(cond), 1) ? (void)0 : go_check_fail(__FILE__, __LINE__, #cond, NULL))
#define GO_CHECK_MSG(cond, ...) \
    (__builtin_expect(!!(cond), 1) ? (void)0 : go_check_fail(__FILE__, __LINE__, #cond, __VA_ARGS__))

#if GOSAN_DEBUG
#define GO_DCHECK(cond) GO_CHECK(cond)
#define GO_DCHECK_MSG(cond, ...) GO_CHECK_MSG(cond, __VA_ARGS__)
#else
/* sizeof: type-checked, never evaluated, and it counts as a use. */
#define GO_DCHECK(cond) ((void)sizeof(!(cond)))
#define GO_DCHECK_MSG(cond, ...) ((void)sizeof(!(cond)))
#endif

#endif
