/* Bug kernel: etcd#7902 (GoKer blocking/etcd/7902), a mixed channel and
 * lock deadlock in the benchmark tool's election rounds.
 *
 * In every round one goroutine is the leader and the others followers.
 * Each validates the round and later releases it, both under one mutex:
 * the leader's release closes the round's `nextc` channel, a follower's
 * release waits for that close.
 *
 *   leader                         follower
 *   lock; validate; unlock
 *                                  lock; validate; unlock
 *                                  lock; release: wait for nextc
 *                                  (blocks, holding the lock)
 *   lock (blocks)
 *
 * The follower waits for the leader's close, the leader for the
 * follower's lock.  Only when a follower releases before the leader; the
 * fix released without the lock. */
#include "kernel.h"

#define ROUNDS 2

static go_mutex mu;
static go_chan *nextc[ROUNDS]; /* signal, closed by the round's leader */

static void leader(void *arg)
{
    (void)arg;
    for (int r = 0; r < ROUNDS; r++) {
        go_mutex_lock(&mu); /* validate */
        go_mutex_unlock(&mu);
        go_mutex_lock(&mu); /* release */
        go_chan_close(nextc[r]);
        go_mutex_unlock(&mu);
    }
}

static void follower(void *arg)
{
    (void)arg;
    for (int r = 0; r < ROUNDS; r++) {
        go_mutex_lock(&mu); /* validate */
        go_mutex_unlock(&mu);
        go_mutex_lock(&mu); /* release: wait for the leader */
        go_chan_recv(nextc[r], NULL);
        go_mutex_unlock(&mu);
    }
}

int main(void)
{
    for (int r = 0; r < ROUNDS; r++)
        nextc[r] = go_chan_make(0, 0);
    kernel_go(follower, NULL);
    kernel_go(leader, NULL);
    kernel_join();
    return 0;
}
