/* thread_tid.c - the calling thread's cached kernel thread id (see
 * thread_tid.h).  Invariant: tt_tid is 0 or the id of the thread that
 * owns it in this process.
 */
#include "thread_tid.h"

#include <sys/syscall.h>
#include <unistd.h>

static __thread int tt_tid;

int gs_thread_tid(void)
{
    if (!tt_tid)
        tt_tid = (int)syscall(SYS_gettid);
    return tt_tid;
}

void gs_thread_tid_fork_child(void)
{
    tt_tid = 0;
}
