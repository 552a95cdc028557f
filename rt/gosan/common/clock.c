/* clock.c - the checker's clocks and duration printing (see clock.h).
 *
 * Invariant: reading a clock neither locks nor allocates; a duration is
 * printed with gs_printf, into the report being written.
 */
#include "clock.h"

#include <time.h>

#include "go_hooks.h"
#include "report.h"

int64_t gs_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t gs_state_now_ns(void)
{
    struct timespec ts;
    clock_gettime(GO_HOOKS_STATE_CLOCK, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void gs_print_duration(int64_t ns)
{
    if (ns < 0)
        ns = 0;
    if (ns >= 60ll * 1000000000)
        gs_printf("%lld minutes", (long long)(ns / (60ll * 1000000000)));
    else if (ns >= 1000000000)
        gs_printf("%lld.%lld s", (long long)(ns / 1000000000), (long long)(ns / 100000000 % 10));
    else
        gs_printf("%lld ms", (long long)(ns / 1000000));
}
