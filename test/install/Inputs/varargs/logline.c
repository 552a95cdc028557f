/* A production program on the library with a printf-like helper: a
 * variadic function, which the split-stack frame check must leave out. */
#include <gosan/go.h>
#include <stdarg.h>
#include <stdio.h>

static void logline(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

static go_wg wg;

static void worker(void *arg)
{
    logline("worker %d", (int)(long)arg);
    go_wg_done(&wg);
}

int main(void)
{
    go_wg_add(&wg, 1);
    go_spawn(worker, (void *)7L);
    go_wg_wait(&wg);
    logline("main %s", "done");
    return 0;
}
