/* Bug kernel: cockroach#1055 (GoKer blocking/cockroach/1055), a deadlock
 * mixing a mutex, a WaitGroup and a channel in the Stopper.
 *
 * A worker runs tasks until the stopper's channel is closed, then calls
 * SetStopped (the stop WaitGroup's Done).  StartTask checks the draining
 * flag without the lock and, if it is clear, locks the stopper to count
 * the task.  Stop locks the stopper, sets draining, waits for running
 * tasks, closes the channel and waits for the workers -- still holding
 * the lock:
 *
 *   worker                               stopper
 *   StartTask: draining == 0
 *                                        Stop: lock; draining = 1;
 *                                        drain.Wait (no task: returns);
 *                                        close(stopper);
 *                                        stop.Wait (blocks, holding lock)
 *   StartTask: lock (blocks)
 *
 * Stop waits for the worker's SetStopped, the worker waits for Stop's
 * lock.  Only when Stop runs between StartTask's check and its lock. */
#include "kernel.h"

#define TASKS 20

static go_chan *stopper_ch; /* signal, closed by Stop */
static go_wg stop_group;    /* one per worker: SetStopped */
static go_mutex stopper_mu;
static int draining;        /* read without the lock, as in the original */
static go_wg drain_group;   /* running tasks */

static bool start_task(void)
{
    if (__atomic_load_n(&draining, __ATOMIC_SEQ_CST) != 0)
        return false;
    go_mutex_lock(&stopper_mu);
    go_wg_add(&drain_group, 1);
    go_mutex_unlock(&stopper_mu);
    return true;
}

static void stop(void *arg)
{
    (void)arg;
    go_mutex_lock(&stopper_mu);
    __atomic_store_n(&draining, 1, __ATOMIC_SEQ_CST);
    go_wg_wait(&drain_group);
    go_chan_close(stopper_ch);
    go_wg_wait(&stop_group);
    go_mutex_unlock(&stopper_mu);
}

static void worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < TASKS; i++) {
        go_case c = {stopper_ch, GO_RECV, NULL, false};
        if (go_select(&c, 1, false) == 0)
            break;
        if (start_task())
            go_wg_done(&drain_group); /* the task's work is instant */
    }
    go_chan_recv(stopper_ch, NULL);
    go_wg_done(&stop_group); /* SetStopped */
}

int main(void)
{
    stopper_ch = go_chan_make(0, 0);
    go_wg_add(&stop_group, 1);
    kernel_go(worker, NULL);
    kernel_go(stop, NULL);
    kernel_join();
    return 0;
}
