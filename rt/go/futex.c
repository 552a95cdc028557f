/* futex.c - the only blocking the library does on a thread: futex waits for
 * idle workers, golock slow paths and adopted threads, and the clocks. */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "g.h"

void go_futex_wait(_Atomic uint32_t *addr, uint32_t val, int64_t timeout_ns)
{
    struct timespec ts, *tsp = NULL;
    if (timeout_ns >= 0) {
        ts.tv_sec = timeout_ns / 1000000000;
        ts.tv_nsec = timeout_ns % 1000000000;
        tsp = &ts;
    }
    syscall(SYS_futex, (uint32_t *)addr, FUTEX_WAIT_PRIVATE, val, tsp, NULL, 0);
}

void go_futex_wake(_Atomic uint32_t *addr, int n)
{
    syscall(SYS_futex, (uint32_t *)addr, FUTEX_WAKE_PRIVATE, n, NULL, NULL, 0);
}

int64_t go_now(void)
{
    if (GO_DET_ON())
        return go_det_now(); /* virtual time */
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* A few milliseconds coarse, but a fraction of go_now's cost: for the
 * "how long has it waited" figures in dumps (go_ginfo.state_since_ns). */
int64_t go_now_coarse(void)
{
    if (GO_DET_ON())
        return go_det_now_quiet();
    struct timespec ts;
    clock_gettime(GO_HOOKS_STATE_CLOCK, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}
