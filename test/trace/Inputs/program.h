/* The traced program of test/trace: channels, a mutex, a WaitGroup, a
 * select, a sleep, a yield, a condition variable, an RWMutex, and a user task with a region and a log. */
#include <gosan/go.h>
#include <stdio.h>

static go_chan *ch, *done;
static go_mutex mu;
static go_wg wg;
static long counter;

static void producer(void *arg)
{
    (void)arg;
    for (long i = 0; i < 20; i++)
        go_chan_send(ch, &i);
    go_chan_close(ch);
}

static void consumer(void *arg)
{
    (void)arg;
    long v;
    while (go_chan_recv(ch, &v)) {
        go_mutex_lock(&mu);
        counter += v;
        go_sleep(100000);
        go_mutex_unlock(&mu);
    }
    go_wg_done(&wg);
}

static void selector(void *arg)
{
    (void)arg;
    int x = 0;
    go_case cases[2] = {{.chan = done, .dir = GO_RECV, .elem = &x}, {.chan = NULL, .dir = GO_RECV}};
    go_select(cases, 2, true);
    go_yield();
    go_wg_done(&wg);
}

static go_mutex cmu;
static go_cond cond;
static go_rwmutex rw;
static int ready;

static void waiter(void *arg)
{
    (void)arg;
    go_mutex_lock(&cmu);
    while (!ready)
        go_cond_wait(&cond);
    go_mutex_unlock(&cmu);
    go_rwmutex_rlock(&rw);
    go_rwmutex_runlock(&rw);
    go_wg_done(&wg);
}

static go_chan *late;

static void late_sender(void *arg)
{
    (void)arg;
    go_sleep(1000000);
    int one = 1;
    go_chan_send(late, &one);
}

static void traced_work(void)
{
    uint64_t task = gosan_trace_task_begin(0, "work");
    gosan_trace_region_begin(task, "setup");
    ch = go_chan_make(sizeof(long), 0);
    done = go_chan_make(sizeof(int), 0);
    go_wg_add(&wg, 4);
    go_cond_init(&cond, &cmu);
    gosan_trace_region_end(task, "setup");
    gosan_trace_log(task, "phase", "spawning");
    go_spawn(producer, NULL);
    go_spawn(consumer, NULL);
    go_spawn(consumer, NULL);
    go_spawn(selector, NULL);
    go_rwmutex_lock(&rw);
    go_spawn(waiter, NULL);
    late = go_chan_make(sizeof(int), 0);
    go_spawn(late_sender, NULL);
    int got = 0;
    go_chan_recv(late, &got);
    go_sleep(1000000);
    go_mutex_lock(&cmu);
    ready = 1;
    go_cond_signal(&cond);
    go_mutex_unlock(&cmu);
    go_sleep(1000000);
    go_rwmutex_unlock(&rw);
    go_chan_close(done);
    go_wg_wait(&wg);
    gosan_trace_task_end(task);
    printf("counter=%ld\n", counter);
}
