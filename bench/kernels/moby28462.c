/* Bug kernel: moby#28462 (GoKer blocking/moby/28462), a mixed channel and
 * lock deadlock between a container's health monitor and the daemon.
 *
 * The monitor goroutine loops: if its stop channel has a value, return;
 * otherwise handle a probe result, which locks the container.  The daemon's
 * StateChanged locks the container and, still holding the lock, sends on
 * the unbuffered stop channel to close the monitor:
 *
 *   monitor                          daemon
 *   select: stop not ready
 *                                    lock container
 *                                    send stop (blocks: the monitor is not
 *                                    in its select)
 *   handle probe: lock container
 *   (blocks: the daemon holds it)
 *
 * Only when the daemon locks between the monitor's select and its lock;
 * when the monitor is in its select (or has the lock) the send goes
 * through. */
#include "kernel.h"

#define PROBES 20

static go_mutex container;
static go_chan *stop; /* signal, unbuffered */

static void handle_probe_result(void)
{
    go_mutex_lock(&container);
    go_mutex_unlock(&container);
}

static void monitor(void *arg)
{
    (void)arg;
    /* The real monitor probes on a ticker; a bounded number of probes,
     * then a plain wait, keeps the kernel finite under any schedule. */
    for (int i = 0; i < PROBES; i++) {
        go_case c = {stop, GO_RECV, NULL, false};
        if (go_select(&c, 1, false) == 0)
            return;
        handle_probe_result();
    }
    go_chan_recv(stop, NULL);
}

static void state_changed(void *arg)
{
    (void)arg;
    go_mutex_lock(&container);
    go_chan_send(stop, NULL); /* close the monitor, holding the lock */
    go_mutex_unlock(&container);
}

int main(void)
{
    stop = go_chan_make(0, 0);
    kernel_go(monitor, NULL);
    kernel_go(state_changed, NULL);
    kernel_join();
    return 0;
}
