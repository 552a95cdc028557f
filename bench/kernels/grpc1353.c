/* Bug kernel: grpc#1353 (GoKer blocking/grpc/1353), a mixed channel and
 * lock deadlock between the round-robin balancer and the client's
 * lbWatcher.
 *
 * The balancer's watchAddrUpdates waits for the name resolver's next
 * address, locks its mutex and, holding it, sends the update on the
 * unbuffered addrCh.  lbWatcher receives updates and
 * for each tears down the removed connections, which calls the balancer's
 * down(): down locks the balancer's mutex.
 *
 *   balancer                          lbWatcher
 *   lock; send update 1 -----------> recv update 1
 *   unlock
 *   lock; send update 2 (blocks:
 *   the watcher is tearing down)
 *                                     tearDown: down(): lock (blocks)
 *
 * Only when the balancer relocks before the watcher's down() has locked
 * and unlocked; the fix made addrCh buffered and drained it before each
 * send. */
#include "kernel.h"

#define UPDATES 3

static go_mutex rr_mu;       /* the balancer's */
static go_mutex ac_mu;       /* the address connection's */
static go_chan *addr_ch;     /* bool, unbuffered */
static go_chan *resolved;    /* int, unbuffered: the resolver's addresses */

static void resolver(void *arg)
{
    (void)arg;
    for (int i = 0; i < UPDATES; i++)
        go_chan_send(resolved, &i);
}

static void watch_addr_updates(void)
{
    bool up = true;
    int addr;
    go_chan_recv(resolved, &addr); /* naming watcher's Next() */
    go_mutex_lock(&rr_mu);
    go_chan_send(addr_ch, &up);
    go_mutex_unlock(&rr_mu);
}

static void balancer(void *arg)
{
    (void)arg;
    for (int i = 0; i < UPDATES; i++)
        watch_addr_updates();
    go_mutex_lock(&rr_mu); /* Close */
    go_chan_close(addr_ch);
    go_mutex_unlock(&rr_mu);
}

static void down(void)
{
    go_mutex_lock(&rr_mu);
    go_mutex_unlock(&rr_mu);
}

static void tear_down(void)
{
    go_mutex_lock(&ac_mu);
    down();
    go_mutex_unlock(&ac_mu);
}

static void lb_watcher(void *arg)
{
    (void)arg;
    bool addr;
    while (go_chan_recv(addr_ch, &addr))
        tear_down();
}

int main(void)
{
    addr_ch = go_chan_make(sizeof(bool), 0);
    resolved = go_chan_make(sizeof(int), 0);
    kernel_go(resolver, NULL);
    kernel_go(balancer, NULL);
    kernel_go(lb_watcher, NULL);
    kernel_join();
    return 0;
}
