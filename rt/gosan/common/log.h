/* log.h - where the runtime's output goes (log.c): the report fd, raw
 * writes, and the runtime's own warnings and fatal errors.  Nothing here
 * calls malloc or stdio.
 */
#ifndef GOSAN_LOG_H
#define GOSAN_LOG_H

#include <stddef.h>

/* write(2) of all of buf, retrying on EINTR and short writes, without going
 * through the runtime's own write interceptor. */
void gs_write_all(int fd, const void *buf, size_t n);
/* The fd reports go to (stderr, or the log_path file: opened at start-up,
 * so that a missing or unwritable directory stops the run at once instead
 * of losing the first report, and kept open; reopened by a forked child at
 * its first report; a file that cannot be opened is fatal, naming it and
 * the reason). */
int gs_report_fd(void);
/* strerror(err) without locale or allocation (safe inside a report). */
const char *gs_strerror(int err);
/* To a given fd (gosan_dump); unbuffered beyond one call. */
void gs_fdprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A fatal runtime error: prints `gosan: FATAL: ...` and exits with status
 * 1 at once (no wait for reports in flight). */
void gs_die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* A warning about gosan's own use (bad flag etc.): `gosan: WARNING: ...`. */
void gs_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
