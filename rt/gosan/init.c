/* init.c - the checker's one start-up sequence and one exit sequence.
 *
 * Start-up is __gosan_init, run once by the first of its callers: every
 * instrumented module's constructor (priority 0, so before anything of the
 * program's) and, for a program with no instrumented module, gs_start
 * below (priority 101: still before the library's constructor at 200 and
 * the program's).  The order, each step needing the ones before it:
 *   1. flags: everything below reads them;
 *   2. the warning about objects linked in without instrumentation;
 *   3. suppressions: a bad file stops the run before anything starts;
 *   4. the log_path file: a bad one stops the run now, not at the first
 *      report (whose text would be lost);
 *   5. the engine: accesses are checked and goroutine states built from
 *      here on;
 *   6. the hook table: before the library's constructor creates
 *      goroutine 1, and after the engine it feeds;
 *   7. the watch thread (SIGQUIT dumps, periodic deadlock scans);
 *   8. the atexit wait: registered before the library and the program
 *      register theirs, so it runs after them;
 *   9. the symbolizer's choice (started at the first symbol needed, or
 *      here with symbolizer_at_start: its spawn runs no fork handlers);
 *  10. the fork handlers;
 *  11. the deadlock_timeout watchdog.
 * One step stays a constructor of its own: the fatal-signal handlers
 * (common/fatalsig.c, priority 210) must be installed after the library's
 * constructor (200) installed its stack-overflow guard, to chain to it.
 *
 * The exit sequence is gs_stop, the executable's last destructor (the
 * smallest priority: the program's destructors have run): the watch thread
 * stops starting reports, the exit-time leak check runs, and exitwait.c
 * waits for reports in flight and sets the status.
 */
#include <unistd.h>

#include "check.h"
#include "dump.h"
#include "engine.h"
#include "exitwait.h"
#include "flags.h"
#include "fork.h"
#include "gosan_abi.h"
#include "gosan_platform.h"
#include "hooks_table.h"
#include "leak.h"
#include "log.h"
#include "suppress.h"
#include "symbolize.h"
#include "uninstrumented.h"
#include "watchdog.h"

void __gosan_init(void)
{
    static int state; /* 0 not yet, 1 running, 2 done */
    int expect = 0;
    if (!__atomic_compare_exchange_n(&state, &expect, 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return; /* done, or re-entered from inside init */
    /* The shadow and the internal allocator lay memory out by 4 KiB pages
     * (gosan_platform.h). */
    GS_CHECK_MSG(sysconf(_SC_PAGESIZE) == (long)GOSAN_PAGE_SIZE, "page size %ld", sysconf(_SC_PAGESIZE));
    gs_flags_init();
    gs_warn_uninstrumented();
    gs_suppress_init();
    gs_report_fd();
    gs_engine_start();
    gs_hooks_install();
    gs_watch_start();
    gs_exit_wait_init();
    gs_symbolize_init();
    gs_fork_handlers_install();
    gs_watchdog_start();
    __atomic_store_n(&state, 2, __ATOMIC_RELEASE);
}

__attribute__((constructor(101))) static void gs_start(void)
{
    __gosan_init();
}

__attribute__((destructor(101))) static void gs_stop(void)
{
    gs_watch_stop();
    gs_leak_at_exit();
    gs_exit_at_exit();
}
