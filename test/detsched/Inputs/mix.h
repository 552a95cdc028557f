/* mix.h - a program whose output is its interleaving: workers exchange
 * values through channels, a select and a mutex-protected log, and each
 * prints what it saw in the order it saw it.  Included by the detsched
 * tests. */
#include <gosan/go.h>
#include <stdio.h>
#include <string.h>

#define NWORK 6
#define NMSG 8

static go_mutex mix_mu;
static char mix_log[4096];
static size_t mix_len;
static go_chan *mix_in[2], *mix_done;
static go_wg mix_wg;

static void mix_note(char c)
{
    go_mutex_lock(&mix_mu);
    if (mix_len < sizeof mix_log - 1)
        mix_log[mix_len++] = c;
    go_mutex_unlock(&mix_mu);
}

static void mix_producer(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < NMSG; i++) {
        int v = (int)id * 100 + i;
        go_chan_send(mix_in[id % 2], &v);
        mix_note((char)('a' + id));
    }
    go_wg_done(&mix_wg);
}

static void mix_consumer(void *arg)
{
    (void)arg;
    for (;;) {
        int v = 0;
        go_case cs[2] = {{mix_in[0], GO_RECV, &v, false}, {mix_in[1], GO_RECV, &v, false}};
        int k = go_select(cs, 2, true);
        if (!cs[k].ok)
            break;
        mix_note((char)('0' + k));
    }
    go_chan_send(mix_done, NULL);
}

static void mix_closer(void *arg)
{
    (void)arg;
    go_wg_wait(&mix_wg);
    go_chan_close(mix_in[0]);
    go_chan_close(mix_in[1]);
}

static void mix_run(void)
{
    mix_in[0] = go_chan_make(sizeof(int), 1);
    mix_in[1] = go_chan_make(sizeof(int), 0);
    mix_done = go_chan_make(0, 0);
    go_wg_add(&mix_wg, NWORK);
    for (long i = 0; i < NWORK; i++)
        go_spawn(mix_producer, (void *)i);
    go_spawn(mix_consumer, NULL);
    go_spawn(mix_consumer, NULL);
    go_spawn(mix_closer, NULL);
    go_chan_recv(mix_done, NULL);
    go_chan_recv(mix_done, NULL);
    go_mutex_lock(&mix_mu);
    mix_log[mix_len] = 0;
    printf("order %s\n", mix_log);
    go_mutex_unlock(&mix_mu);
}
