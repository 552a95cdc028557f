/* proc_progress.c - see proc_progress.h.  /proc/PID/stat is one line:
 * "pid (comm) state ppid ... utime stime ...", with utime and stime the
 * 14th and 15th fields; comm may hold spaces and parentheses, so fields
 * are counted from the last ')'.
 */
#include "proc_progress.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "printf.h"

/* The state letter and CPU ticks of pid; false if it cannot be read. */
static bool read_stat(pid_t pid, char *state, unsigned long long *ticks)
{
    char path[64], buf[1024];
    gs_snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    long n = syscall(SYS_read, fd, buf, sizeof buf - 1);
    syscall(SYS_close, fd);
    if (n <= 0)
        return false;
    buf[n] = 0;
    char *s = NULL;
    for (char *q = buf; *q; q++)
        if (*q == ')')
            s = q;
    if (!s || s[1] != ' ' || !s[2])
        return false;
    s += 2; /* field 3, the state */
    *state = *s;
    unsigned long long sum = 0;
    for (int field = 3; *s && field < 15;) {
        while (*s && *s != ' ')
            s++;
        while (*s == ' ')
            s++;
        if (++field >= 14) /* utime, then stime */
            for (; *s >= '0' && *s <= '9'; s++)
                sum = sum * 10 + (unsigned)(*s - '0');
    }
    *ticks = sum;
    return true;
}

bool gs_proc_progressing(pid_t pid, gs_proc_progress *p)
{
    char state = 0;
    unsigned long long ticks = 0;
    if (pid <= 0 || !read_stat(pid, &state, &ticks))
        return false;
    bool grew = p->seen && ticks > p->cpu_ticks;
    p->cpu_ticks = ticks;
    p->seen = true;
    return grew || state == 'R' || state == 'D';
}
