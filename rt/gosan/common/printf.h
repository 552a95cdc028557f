/* printf.h - the runtime's own snprintf (printf.c): no malloc, locale or
 * stdio, so it is usable anywhere, a report and a signal handler included.
 *
 * Supported: %s %d %i %u %ld %lu %lld %llu %zu %zd %x %lx %llx %p %c %%,
 * flags '-' '0', a width (or *), a precision for %s (or .*).
 */
#ifndef GOSAN_PRINTF_H
#define GOSAN_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

/* Into buf (always NUL-terminated when size > 0); returns the full length. */
int gs_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int gs_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
