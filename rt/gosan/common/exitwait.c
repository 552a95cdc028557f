/* exitwait.c - waiting for reports in flight at every exit (see
 * exitwait.h); the status each exit ends with is exit_status.c's.
 *
 * Invariants: the wait polls a counter with nanosleep and reads the clock,
 * nothing else, so signal handlers may use it; a thread never counts its
 * own report (halt_on_error exits from inside one).  _exit, _Exit and
 * quick_exit are defined here, so the program's and the runtime's calls
 * (the runtime is linked whole into the executable) come here; libc's own
 * internal calls (posix_spawn's child) do not.  The final exit is the
 * exit_group system call, which is all glibc's _exit does.
 */
#include "exitwait.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "exit_status.h"
#include "flags.h"
#include "log.h"
#include "report.h"
#include "symbolize.h"

#define EW_POLL_NS 1000000L /* 1 ms: a report takes longer than that */

static int ew_lost;    /* a wait gave up with reports still in flight */

static long long ew_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

bool gs_exit_wait_lost(void)
{
    return __atomic_load_n(&ew_lost, __ATOMIC_SEQ_CST) != 0;
}

bool gs_exit_wait(void)
{
    if (gs_reports_in_flight_elsewhere() <= 0)
        return true;
    if (__atomic_load_n(&ew_lost, __ATOMIC_SEQ_CST))
        return false; /* waited the whole bound once: the exit goes on */
    long long deadline = ew_now_ns() + (long long)gs_flags.exit_wait_timeout * 1000000000LL;
    while (gs_reports_in_flight_elsewhere() > 0) {
        if (ew_now_ns() >= deadline) {
            __atomic_store_n(&ew_lost, 1, __ATOMIC_SEQ_CST);
            gs_warn("exiting with %d report%s still being written after waiting %d s "
                    "(GOSAN_OPTIONS=exit_wait_timeout=SECONDS)",
                    gs_reports_in_flight_elsewhere(), gs_reports_in_flight_elsewhere() == 1 ? "" : "s",
                    gs_flags.exit_wait_timeout);
            return false;
        }
        struct timespec ts = {0, EW_POLL_NS};
        syscall(SYS_nanosleep, &ts, NULL);
    }
    return true;
}


/* The end of every intercepted way out. */
static _Noreturn void ew_leave(int status)
{
    gs_exit_wait();
    status = gs_exit_final_status(status);
    gs_exit_print_count();
    gs_symbolize_exit();
    for (;;)
        syscall(SYS_exit_group, status);
}

void _exit(int status)
{
    ew_leave(status);
}

void _Exit(int status)
{
    ew_leave(status);
}

/* quick_exit runs the at_quick_exit handlers, then ends the process inside
 * libc: wait before them, and give libc the final status. */
void quick_exit(int status)
{
    gs_exit_wait();
    status = gs_exit_final_status(status);
    gs_exit_print_count();
    void (*real)(int) = (void (*)(int))dlsym(RTLD_NEXT, "quick_exit");
    if (real)
        real(status);
    ew_leave(status);
}

/* Return from main and exit(): this handler, registered at start-up
 * (before the library's and the program's constructors can register
 * theirs), runs after the program's own atexit handlers and before any
 * destructor, so the program's state is still whole while the report
 * finishes. */
static void ew_atexit(void)
{
    gs_exit_wait();
}

void gs_exit_wait_init(void)
{
    atexit(ew_atexit);
}

/* The last step of the exit sequence (init.c), after the exit-time checks:
 * reports started after the atexit wait are waited for too, stdio is
 * flushed (the _exit below would lose it) and the status becomes exitcode.
 * Shared libraries' destructors are skipped, as in TSan. */
void gs_exit_at_exit(void)
{
    gs_exit_wait();
    if (gs_exit_final_status(0) == 0) {
        gs_symbolize_exit(); /* libc's exit does not come back to us */
        return;
    }
    fflush(NULL);
    ew_leave(0);
}
