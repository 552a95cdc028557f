/* parked.h - waits (at most 20 s) until at least n goroutines are parked
 * with the given Go wait reason, read from the goroutine profile's
 * debug=2 text, so that a test's snapshot never races a goroutine on its
 * way to park, however loaded the machine. */
#include <gosan/go.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int parked_count(const char *reason)
{
    static char buf[1 << 16];
    char pat[64];
    snprintf(pat, sizeof pat, "[%s", reason);
    FILE *f = tmpfile(); /* not memfd_create: that needs _GNU_SOURCE */
    if (!f)
        return -1;
    int fd = fileno(f);
    if (gosan_pprof_write("goroutine", fd, 2) != 0) {
        fclose(f);
        return -1;
    }
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    fclose(f);
    buf[n > 0 ? n : 0] = 0;
    int count = 0;
    for (const char *p = buf; (p = strstr(p, pat)); p++)
        count++;
    return count;
}

static void wait_parked(const char *reason, int n)
{
    for (int i = 0; i < 2000 && parked_count(reason) < n; i++)
        go_sleep(10 * 1000 * 1000);
}
