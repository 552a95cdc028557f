/* check.c - the failure path of GO_CHECK / GO_DCHECK (check.h).
 *
 * Formats into a stack buffer (vsnprintf of a stack buffer does not
 * allocate), writes it with write(2) and aborts; no lock, no traceback (the
 * scheduler's state is what just proved broken).  A second failing thread
 * waits for the first one's abort rather than interleave its line.
 */
#include "check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void go_check_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
    static int failing;
    if (__atomic_exchange_n(&failing, 1, __ATOMIC_ACQ_REL)) {
        for (;;)
            pause();
    }
    char buf[1024];
    size_t n = (size_t)snprintf(buf, sizeof buf, "fatal error: CHECK failed: %s:%d: %s", file, line, cond);
    if (fmt && n < sizeof buf) {
        n += (size_t)snprintf(buf + n, sizeof buf - n, " (");
        va_list ap;
        va_start(ap, fmt);
        if (n < sizeof buf)
            n += (size_t)vsnprintf(buf + n, sizeof buf - n, fmt, ap);
        va_end(ap);
        if (n < sizeof buf)
            n += (size_t)snprintf(buf + n, sizeof buf - n, ")");
    }
    if (n > sizeof buf - 2)
        n = sizeof buf - 2;
    buf[n++] = '\n';
    for (size_t off = 0; off < n;) {
        ssize_t w = write(2, buf + off, n - off);
        if (w <= 0)
            break;
        off += (size_t)w;
    }
    abort();
}
