/* Bug kernel: cockroach#4407 (GoKer nonblocking/cockroach/4407), WaitGroup
 * misuse: Add racing with Wait in the Stopper.
 *
 * Gossip starts a worker through the stopper's RunWorker, which calls
 * stop.Add(1) and starts the goroutine.  Stop closes the stopper's channel
 * and waits for the group.  Nothing orders Gossip's Add with Stop's Wait
 * (Go's rule: an Add that starts from zero must happen before the Wait):
 *
 *   gossip 1                gossip 2       main
 *                           RunWorker      (gossip is running)
 *                                          Stop: close(stopper);
 *                                          stop.Wait (gossip 2's worker)
 *                                          stopped = true
 *   RunWorker: stop.Add(1);
 *   go worker: runs after Stop
 *
 * A worker runs after Stop has returned, touching a stopper that is gone.
 * Here the test stops the server once one Gossip call has returned.  Only
 * when the other Gossip's RunWorker comes after Stop's Wait; before, Stop
 * waits for its worker too. */
#include "kernel.h"

static go_chan *stopper_ch;  /* signal, closed by Stop */
static go_wg stop_group;
static go_mutex server_mu;
static bool stopped;         /* set when Stop has returned */
static go_chan *gossiping;   /* int, buffered: a Gossip call returned */

static void gossip_sender(void *arg)
{
    (void)arg;
    if (__atomic_load_n(&stopped, __ATOMIC_SEQ_CST))
        kernel_panic("worker started after Stopper.Stop returned");
    go_chan_recv(stopper_ch, NULL);
    go_wg_done(&stop_group);
}

static void run_worker(go_func fn)
{
    go_wg_add(&stop_group, 1);
    kernel_go(fn, NULL);
}

static void gossip(void *arg)
{
    (void)arg;
    go_mutex_lock(&server_mu);
    run_worker(gossip_sender);
    go_mutex_unlock(&server_mu);
    int one = 1;
    go_chan_send(gossiping, &one);
}

static void stopper_stop(void)
{
    go_chan_close(stopper_ch);
    go_wg_wait(&stop_group);
    __atomic_store_n(&stopped, true, __ATOMIC_SEQ_CST);
}

int main(void)
{
    stopper_ch = go_chan_make(0, 0);
    gossiping = go_chan_make(sizeof(int), 2);
    for (int i = 0; i < 2; i++)
        kernel_go(gossip, NULL);
    int one;
    go_chan_recv(gossiping, &one); /* gossip is running: stop the server */
    stopper_stop();
    kernel_join();
    return 0;
}
