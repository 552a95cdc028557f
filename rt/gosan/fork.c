/* fork.c - the checker across fork(): the child has only the forking
 * thread, so what the runtime ran on other threads or processes must be
 * made anew there: the count of reports in flight (the parent's other
 * threads' reports are not the child's), the symbolizer process (its
 * socket is the parent's, and a child at exit must not stop the parent's),
 * the watch thread of SIGQUIT dumps and periodic deadlock scans (with its
 * own pipe), and the deadlock_timeout watchdog.  The library re-initialises
 * its scheduler itself (rt/go/fork.c).  The file descriptors' histories
 * are dropped: the child's closes of inherited fds do not race with the
 * parent's threads.  The forking thread's clock takes every slot's latest
 * epoch (slot.c): the child's memory is the parent's at the fork, so what
 * any parent thread wrote before it is ordered before the child's accesses.
 *
 * The handlers are registered once, at start-up (init.c); the symbolizer's
 * own spawn uses raw clone calls and runs none of them.
 */
#include "fork.h"

#include <pthread.h>

#include "dump.h"
#include "fd_sync.h"
#include "log.h"
#include "report.h"
#include "symbolize.h"
#include "thread_state.h"
#include "thread_tid.h"
#include "watchdog.h"

static void gs_fork_prepare(void)
{
    gs_symbolize_fork(0);
    gs_slot_fork_prepare();
}

static void gs_fork_parent(void)
{
    gs_slot_fork_parent();
    gs_symbolize_fork(1);
}

static void gs_fork_child(void)
{
    gs_slot_fork_child();
    gs_report_fork_child();
    gs_thread_tid_fork_child();
    gs_symbolize_fork(2);
    gs_watch_fork_child();
    gs_watchdog_start();
    gs_fd_fork_child();
}

void gs_fork_handlers_install(void)
{
    if (pthread_atfork(gs_fork_prepare, gs_fork_parent, gs_fork_child) != 0)
        gs_warn("cannot register the fork handlers: a child of fork() may not symbolize");
}
