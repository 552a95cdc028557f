/* check.h - executable invariants of the checker runtime.
 *
 * GS_CHECK(cond) is always on: a state the runtime cannot continue from
 * (its own data structures are corrupt) stops the program with
 *
 *     gosan: CHECK failed: FILE:LINE: COND (MESSAGE)
 *
 * written straight to stderr and an abort() (a core dump to debug).  The
 * failure path formats into a stack buffer and writes with write(2): it
 * takes no lock (not even the report lock, which the failing code may hold)
 * and never allocates, so a check may sit anywhere, inside malloc and on
 * threads the runtime does not know included.
 *
 * GS_DCHECK(cond) is the same, but only in debug builds (GOSAN_DEBUG=1,
 * `make check DEBUG=1`); otherwise it compiles to nothing and cond is not
 * evaluated, yet still type-checked (so it cannot rot).  DCHECKs state the
 * invariants the comments of the core structures promise; keep them cheap
 * (no loops over large structures on hot paths) so the debug suite still
 * runs in reasonable time.
 *
 * The _MSG forms add a printf-style message (out.h's gs_printf subset).
 */
#ifndef GOSAN_CHECK_H
#define GOSAN_CHECK_H

#include <stddef.h>

#ifndef GOSAN_DEBUG
#define GOSAN_DEBUG 0
#endif

void gs_check_fail(const char *file, int line, const char *cond, const char *fmt, ...)
    __attribute__((noreturn, cold, format(printf, 4, 5)));

#define GS_CHECK(cond) \
    (__builtin_expect(!!(cond), 1) ? (void)0 : gs_check_fail(__FILE__, __LINE__, #cond, NULL))
#define GS_CHECK_MSG(cond, ...) \
    (__builtin_expect(!!(cond), 1) ? (void)0 : gs_check_fail(__FILE__, __LINE__, #cond, __VA_ARGS__))

#if GOSAN_DEBUG
#define GS_DCHECK(cond) GS_CHECK(cond)
#define GS_DCHECK_MSG(cond, ...) GS_CHECK_MSG(cond, __VA_ARGS__)
#else
/* sizeof: type-checked, never evaluated, and it counts as a use. */
#define GS_DCHECK(cond) ((void)sizeof(!(cond)))
#define GS_DCHECK_MSG(cond, ...) ((void)sizeof(!(cond)))
#endif

#endif
