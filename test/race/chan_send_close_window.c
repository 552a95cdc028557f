// A send and a close of the same channel at the same moment, once per
// round, over many rounds (a new channel each round, the sides kept in step
// by relaxed counters, which order nothing for the checker): every round is
// one race and each must be reported.  The send records itself in the
// channel's record before the channel's lock and then reads the close's
// entry; the close stores its entry and then reads the sends'
// (rt/gosan/race/chan_access.c): one of the two must meet the other.  Each
// sender first sends once on every channel, ordered before the rounds (the
// `ready` channel), so its racy send replaces its own entry instead of
// taking an empty one (which would be a shadow read too, and the shadow
// would find the race).  SENDERS=6: more senders than the record's
// entries, all at once (entries compared-and-swapped concurrently, two
// senders left to the shadow).  Main returns right after the last round.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DSENDERS=1 %s -o %t-1
// RUN: env GOSAN_OPTIONS=report_dedup=0:symbolize=0 not %t-1 > %t.1 2>&1
// RUN: FileCheck %s --check-prefix=END < %t.1
// RUN: grep -E "^  (Read|Write) of size" %t.1 | grep -o "at 0x[0-9a-f]*" | sort -u | wc -l | FileCheck %s --check-prefix=COUNT
// RUN: %gosan-cc -O1 -DSENDERS=6 %s -o %t-6
// RUN: env GOSAN_OPTIONS=report_dedup=0:symbolize=0 not %t-6 > %t.6 2>&1
// RUN: FileCheck %s --check-prefix=END < %t.6
// RUN: grep -E "^  (Read|Write) of size" %t.6 | grep -o "at 0x[0-9a-f]*" | sort -u | wc -l | FileCheck %s --check-prefix=COUNT
#include <gosan/go.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define ROUNDS 200

static go_chan *chans[ROUNDS];
static go_chan *ready;
static atomic_int sent[SENDERS], closed_upto;

static void *sender(void *arg)
{
    int me = (int)(long)arg;
    for (int k = 0; k < ROUNDS; k++)
        go_chan_send(chans[k], NULL); /* ordered before every close */
    go_chan_send(ready, NULL);
    for (int k = 0; k < ROUNDS; k++) {
        while (atomic_load_explicit(&closed_upto, memory_order_relaxed) < k)
            ;
        go_chan_send(chans[k], NULL); /* GO_ECLOSED if the close came first */
        atomic_store_explicit(&sent[me], k + 1, memory_order_relaxed);
    }
    return NULL;
}

int main(void)
{
    for (int k = 0; k < ROUNDS; k++)
        chans[k] = go_chan_make(0, 2 * SENDERS);
    ready = go_chan_make(0, SENDERS);
    pthread_t th[SENDERS];
    for (long i = 0; i < SENDERS; i++)
        pthread_create(&th[i], NULL, sender, (void *)i);
    for (int i = 0; i < SENDERS; i++)
        go_chan_recv(ready, NULL);
    for (int k = 0; k < ROUNDS; k++) {
        for (int i = 0; i < SENDERS; i++)
            while (atomic_load_explicit(&sent[i], memory_order_relaxed) < k)
                ;
        go_chan_close(chans[k]);
        atomic_store_explicit(&closed_upto, k + 1, memory_order_relaxed);
    }
    for (int i = 0; i < SENDERS; i++)
        while (atomic_load_explicit(&sent[i], memory_order_relaxed) < ROUNDS)
            ;
    printf("rounds %d done\n", ROUNDS);
    return 0;
}
// END: rounds 200 done
// COUNT: {{^}}200{{$}}
