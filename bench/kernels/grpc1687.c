/* Bug kernel: grpc#1687 (GoKer nonblocking/grpc/1687), a send on a closed
 * channel in the server handler transport.
 *
 * Every write of a stream is a function handed over the unbuffered
 * `writes` channel to the goroutine that owns the HTTP response
 * (runStream).  WriteStatus, the stream's last write, hands over its
 * function and then closes `writes`.  A message written by another
 * goroutine of the stream (a streaming Send) can still be on its way:
 *
 *   handler                    sender                  runStream
 *                              do(): closedCh not
 *                              closed
 *   WriteStatus: send fn ---------------------------> recv, run fn
 *   close(writes)
 *                              send fn on writes:
 *                              send on closed channel
 *
 * Only when the sender's message comes after the status; before, it is
 * received and run like any write.  The fix made WriteStatus wait for
 * the writes in flight. */
#include "kernel.h"

typedef void (*write_fn)(void);

static go_chan *closed_ch; /* signal, closed when the client goes away */
static go_chan *writes;    /* write_fn, unbuffered */
static go_wg handler_wg;   /* the handler and its sender */
static int bytes_written;

static void write_header(void) { bytes_written += 10; }
static void write_message(void) { bytes_written += 100; }

static void transport_do(write_fn fn)
{
    go_case poll = {closed_ch, GO_RECV, NULL, false};
    if (go_select(&poll, 1, false) == 0)
        return;
    go_case cases[2] = {
        {writes, GO_SEND, &fn, false},
        {closed_ch, GO_RECV, NULL, false},
    };
    int i = go_select(cases, 2, true);
    if (i == 0 && !cases[0].ok)
        kernel_panic("send on closed channel");
}

static void sender(void *arg)
{
    (void)arg;
    transport_do(write_message); /* Write */
    go_wg_done(&handler_wg);
}

static void handler(void *arg)
{
    (void)arg;
    transport_do(write_header); /* WriteStatus */
    go_chan_close(writes);
    go_wg_done(&handler_wg);
}

int main(void)
{
    closed_ch = go_chan_make(0, 0);
    writes = go_chan_make(sizeof(write_fn), 0);
    go_wg_add(&handler_wg, 2);
    kernel_go(handler, NULL); /* the stream's handler ... */
    kernel_go(sender, NULL);  /* ... and the goroutine streaming its messages */
    write_fn fn;
    while (go_chan_recv(writes, &fn)) /* runStream */
        fn();
    go_wg_wait(&handler_wg);
    kernel_join();
    return 0;
}
