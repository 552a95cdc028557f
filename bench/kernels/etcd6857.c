/* Bug kernel: etcd#6857 (GoKer blocking/etcd/6857), a goroutine leak on a
 * channel in raft's node.
 *
 * The node's run loop serves two channels in one select: a Status request
 * (a reply channel sent on `status`) and `stop`, on which it closes `done`
 * and returns.  Status sends its request on `status` with nothing else to
 * wait for, so when Stop wins the race the request is never received:
 *
 *   run loop               Status caller            Stop caller
 *                                                   send stop
 *   recv stop; close done;
 *   return                                          recv done: return
 *                          send status (blocks for
 *                          good: nobody serves it)
 *
 * Only when Stop reaches the loop before the Status request does. The fix
 * made Status select on `done` as well. */
#include "kernel.h"

struct status {
    int term;
};

static go_chan *status_ch; /* go_chan * (a reply channel), unbuffered */
static go_chan *stop_ch;   /* signal, unbuffered */
static go_chan *done_ch;   /* signal, closed when the loop returns */

static go_chan *started; /* signal, closed when the loop runs */

static void run(void *arg)
{
    (void)arg;
    go_chan_close(started);
    for (;;) {
        go_chan *reply = NULL;
        go_case cases[2] = {
            {status_ch, GO_RECV, &reply, false},
            {stop_ch, GO_RECV, NULL, false},
        };
        if (go_select(cases, 2, true) == 0) {
            struct status st = {1};
            go_chan_send(reply, &st);
            continue;
        }
        go_chan_close(done_ch);
        return;
    }
}

static void node_status(void *arg)
{
    (void)arg;
    go_chan *reply = go_chan_make(sizeof(struct status), 0);
    struct status st;
    go_chan_send(status_ch, &reply);
    go_chan_recv(reply, &st);
    go_chan_free(reply);
}

static void node_stop(void *arg)
{
    (void)arg;
    go_case cases[2] = {
        {stop_ch, GO_SEND, NULL, false},
        {done_ch, GO_RECV, NULL, false},
    };
    if (go_select(cases, 2, true) == 0)
        go_chan_recv(done_ch, NULL);
}

int main(void)
{
    status_ch = go_chan_make(sizeof(go_chan *), 0);
    stop_ch = go_chan_make(0, 0);
    done_ch = go_chan_make(0, 0);
    started = go_chan_make(0, 0);
    kernel_go(run, NULL); /* StartNode */
    go_chan_recv(started, NULL);
    kernel_go(node_stop, NULL);
    kernel_go(node_status, NULL);
    kernel_join();
    return 0;
}
