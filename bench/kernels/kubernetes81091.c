/* Bug kernel: kubernetes#81091 (GoKer nonblocking/kubernetes/81091), a data
 * race in the scheduler framework's test plugin: a lost update.
 *
 * findNodesThatFit runs the filter plugins for every node through
 * ParallelizeUntil: two workers take pieces from a channel and call
 * Filter, which counts its calls in a plain int, unlocked.  Here the count
 * is read, the call is logged (through a logger that takes its own lock),
 * and the count is written back:
 *
 *   worker 1                       worker 2
 *   calls = fp->called (0)
 *   log ...                        calls = fp->called (0)
 *                                  log ...
 *   fp->called = 1                 fp->called = 1
 *
 * One update is lost: after two pieces the count says 1.  Only when the
 * second worker reads before the first has written; the checker
 * (gosan-cc) reports the race on every run, the production build only
 * shows a wrong count under such a schedule. */
#include "kernel.h"

#define PIECES 2
#define WORKERS 2

struct fake_filter_plugin {
    int num_filter_called;
};

static struct fake_filter_plugin plugin;
static go_mutex log_mu;
static int log_lines;

static void log_call(int n)
{
    go_mutex_lock(&log_mu);
    log_lines += n > 0;
    go_mutex_unlock(&log_mu);
}

static void filter(struct fake_filter_plugin *fp)
{
    int calls = fp->num_filter_called; /* the racy read-modify-write */
    log_call(calls + 1);
    fp->num_filter_called = calls + 1;
}

static go_chan *to_process; /* int, buffered, closed once filled */
static go_wg workers_done;

static void parallel_worker(void *arg)
{
    (void)arg;
    int piece;
    while (go_chan_recv(to_process, &piece))
        filter(&plugin);
    go_wg_done(&workers_done);
}

int main(void)
{
    to_process = go_chan_make(sizeof(int), PIECES);
    for (int i = 0; i < PIECES; i++)
        go_chan_send(to_process, &i);
    go_chan_close(to_process);
    go_wg_add(&workers_done, WORKERS);
    for (int i = 0; i < WORKERS; i++)
        kernel_go(parallel_worker, NULL);
    go_wg_wait(&workers_done);
    kernel_join();
    if (plugin.num_filter_called != PIECES) {
        fprintf(stderr, "numFilterCalled = %d, want %d\n", plugin.num_filter_called, PIECES);
        kernel_panic("lost update");
    }
    return 0;
}
