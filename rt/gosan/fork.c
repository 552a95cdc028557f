/* fork.c - the checker across fork(): the child has only the forking
 * thread, so what the runtime ran on other threads or processes must be
 * made anew there: the symbolizer process (its socket is the parent's, and
 * a child at exit must not stop the parent's), the watch thread of SIGQUIT
 * dumps and periodic deadlock scans (with its own pipe), and the
 * deadlock_timeout watchdog.  The library re-initialises its scheduler
 * itself (rt/go/fork.c).
 */
#include <pthread.h>

#include "dump.h"
#include "mutexwait.h"
#include "out.h"
#include "symbolize.h"

static void gs_fork_prepare(void) { gs_symbolize_fork(0); }
static void gs_fork_parent(void) { gs_symbolize_fork(1); }

static void gs_fork_child(void)
{
    gs_symbolize_fork(2);
    gs_watch_fork_child();
    gs_mutexwait_fork_child();
}

__attribute__((constructor(105))) static void gs_fork_init(void)
{
    if (pthread_atfork(gs_fork_prepare, gs_fork_parent, gs_fork_child) != 0)
        gs_warn("cannot register the fork handlers: a child of fork() may not symbolize");
}
