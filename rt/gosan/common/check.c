/* check.c - the failure path of GS_CHECK / GS_DCHECK (check.h).
 *
 * Lock-free and allocation-free: formats into a stack buffer and writes it
 * to stderr with one write loop, then aborts.  A second failure on another
 * thread while the first is printing waits for the abort instead of
 * interleaving its line.
 */
#include "check.h"

#include <stdarg.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"
#include "printf.h"

void gs_check_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
    static int failing;
    if (__atomic_exchange_n(&failing, 1, __ATOMIC_ACQ_REL)) {
        for (;;)
            syscall(SYS_pause); /* the first failure aborts the process */
    }
    char buf[1024];
    int n = gs_snprintf(buf, sizeof buf, "gosan: CHECK failed: %s:%d: %s", file, line, cond);
    if (fmt && (size_t)n < sizeof buf - 4) {
        n += gs_snprintf(buf + n, sizeof buf - (size_t)n, " (");
        va_list ap;
        va_start(ap, fmt);
        n += gs_vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
        va_end(ap);
        if ((size_t)n < sizeof buf - 1)
            n += gs_snprintf(buf + n, sizeof buf - (size_t)n, ")");
    }
    if ((size_t)n > sizeof buf - 2)
        n = (int)sizeof buf - 2;
    buf[n++] = '\n';
    gs_write_all(2, buf, (size_t)n);
    abort();
}
