/* Bug kernel: kubernetes#10182 (GoKer blocking/kubernetes/10182), a mixed
 * channel and lock deadlock in the kubelet's status manager.
 *
 * SetPodStatus takes podStatusesLock and, still holding it, sends on the
 * unbuffered podStatusChannel; the sync loop receives from the channel and
 * then takes the same lock to delete the status.  Two SetPodStatus calls
 * race with the loop:
 *
 *   sync loop                 setter A                 setter B
 *                             lock; send ----------->
 *   recv <-------------------
 *                             unlock
 *                                                      lock; send (blocks:
 *                                                      the loop is not
 *                                                      receiving)
 *   lock (blocks: B holds it)
 *
 * The loop waits for the lock B holds, B waits for the loop to receive:
 * both are blocked for good.  Only when B takes the lock before the loop
 * does after the first hand-off; when the loop locks first, B's send is
 * received by the loop's second round. */
#include "kernel.h"

static go_rwmutex pod_statuses_lock;
static go_chan *pod_status_channel; /* bool, unbuffered */

static void delete_pod_status(void)
{
    go_rwmutex_lock(&pod_statuses_lock);
    go_rwmutex_unlock(&pod_statuses_lock);
}

static void sync_batch(void)
{
    bool update;
    go_chan_recv(pod_status_channel, &update);
    delete_pod_status();
}

static void sync_loop(void *arg)
{
    (void)arg;
    for (int i = 0; i < 2; i++)
        sync_batch();
}

static void set_pod_status(void *arg)
{
    (void)arg;
    bool update = true;
    go_rwmutex_lock(&pod_statuses_lock);
    go_chan_send(pod_status_channel, &update);
    go_rwmutex_unlock(&pod_statuses_lock);
}

int main(void)
{
    pod_status_channel = go_chan_make(sizeof(bool), 0);
    kernel_go(sync_loop, NULL);
    kernel_go(set_pod_status, NULL);
    kernel_go(set_pod_status, NULL);
    kernel_join();
    return 0;
}
