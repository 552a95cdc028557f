/* Bug kernel: istio#8967 (GoKer nonblocking/istio/8967), a data race on a
 * channel variable that leaves a goroutine blocked on a nil channel.
 *
 * The file-system source's Start runs a goroutine that loops on a select
 * over the source's done channel (and, here, its events), re-reading the
 * `donec` field at every round.  Stop closes donec and then sets the field
 * to nil:
 *
 *   source goroutine                   Stop
 *   select: recv event
 *   handle event
 *                                      close(s.donec); s.donec = nil
 *   select on s.donec: nil, blocks
 *   for good
 *
 * When the goroutine is in its select at Stop, the close wakes it and it
 * returns; only a goroutine that re-reads the field after Stop (it was
 * busy with an event) leaks.  The fix stopped clearing the field. */
#include "kernel.h"

#define EVENTS 2

struct fs_source {
    go_chan *donec;  /* signal; set to NULL by Stop */
    go_chan *events; /* int, unbuffered */
    go_mutex mu;
    int handled;
};

static struct fs_source source;

static void handle_event(struct fs_source *s, int ev)
{
    go_mutex_lock(&s->mu);
    s->handled += ev;
    go_mutex_unlock(&s->mu);
}

static void source_loop(void *arg)
{
    struct fs_source *s = arg;
    for (;;) {
        int ev;
        go_case cases[2] = {
            {s->donec, GO_RECV, NULL, false}, /* re-read every round */
            {s->events, GO_RECV, &ev, false},
        };
        if (go_select(cases, 2, true) == 0)
            return;
        handle_event(s, ev);
    }
}

static void source_stop(struct fs_source *s)
{
    go_chan_close(s->donec);
    s->donec = NULL;
}

int main(void)
{
    source.donec = go_chan_make(0, 0);
    source.events = go_chan_make(sizeof(int), 0);
    kernel_go(source_loop, &source); /* Start */
    for (int i = 1; i <= EVENTS; i++)
        go_chan_send(source.events, &i);
    go_yield(); /* let the source finish the last event */
    source_stop(&source);
    kernel_join();
    return 0;
}
