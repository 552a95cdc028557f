// Stress: 2000 sender goroutines push numbered values through a mix of
// unbuffered and buffered channels with plain, timed and select sends (some
// selects name the same channel twice or a NULL channel); 100 receivers take
// them with plain, timed and select receives (some with a go_after timeout
// case).  Invariants: every value arrives exactly once, and one receiver
// never sees a sender's values out of order on one channel (FIFO).  Runs
// under 1, 2 and 8 workers.
// RUN: %plain-cc -O1 %s -o %t
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=2 %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=8 %t | FileCheck %s
// RUN: %cc-tsan %s -o %t-tsan && env GOSAN_MAXPROCS=2 %t-tsan | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define SENDERS 2000
#define PER 10
#define RECEIVERS 100
#define NCH 4
#define US 1000ll

static go_chan *chans[NCH];
static const size_t caps[NCH] = {0, 0, 1, 16};
static _Atomic uint8_t seen[SENDERS * PER];
static atomic_int misorder, bad_value;
static go_wg senders_done, receivers_done;

static uint32_t rnd(uint32_t *s) { *s ^= *s << 13; *s ^= *s >> 17; *s ^= *s << 5; return *s; }

/* A value: sender id and its sequence number. */
static void sender(void *arg) {
    int id = (int)(intptr_t)arg;
    uint32_t s = (uint32_t)id * 2654435761u + 1;
    for (int k = 0; k < PER; k++) {
        int32_t v = id * PER + k;
        for (;;) {
            uint32_t op = rnd(&s) % 4;
            if (op == 0) {
                go_chan_send(chans[rnd(&s) % NCH], &v);
                break;
            } else if (op == 1) {
                if (go_chan_send_timeout(chans[rnd(&s) % NCH], &v, (int64_t)(rnd(&s) % 50) * US) == 0)
                    break; /* GO_ETIMEDOUT: nothing was sent, try again */
            } else {
                go_chan *a = chans[rnd(&s) % NCH], *b = chans[rnd(&s) % NCH];
                go_case cs[3] = {{a, GO_SEND, &v, false}, {b, GO_SEND, &v, false}, {NULL, GO_SEND, &v, false}};
                int r = op == 2 ? go_select(cs, 3, true) : go_select(cs, 3, false);
                if (r >= 0)
                    break;
                go_yield();
            }
        }
    }
    go_wg_done(&senders_done);
}

typedef struct {
    int32_t *last; /* [SENDERS * NCH]: last sequence number seen per sender and channel */
} rstate;

static void record(rstate *st, int ch, int32_t v) {
    if (v < 0 || v >= SENDERS * PER) {
        atomic_fetch_add(&bad_value, 1);
        return;
    }
    atomic_fetch_add(&seen[v], 1);
    int id = v / PER, seq = v % PER;
    int32_t *l = &st->last[id * NCH + ch];
    if (seq <= *l)
        atomic_fetch_add(&misorder, 1);
    *l = seq;
}

static void receiver(void *arg) {
    uint32_t s = (uint32_t)(intptr_t)arg * 40503u + 7;
    rstate st;
    st.last = malloc(sizeof(int32_t) * SENDERS * NCH);
    for (int i = 0; i < SENDERS * NCH; i++)
        st.last[i] = -1;
    go_chan *open[NCH];
    int nopen = NCH;
    for (int i = 0; i < NCH; i++)
        open[i] = chans[i];
    while (nopen > 0) {
        int32_t v = -1;
        uint32_t op = rnd(&s) % 4;
        if (op == 0) { /* plain receive on a random open channel */
            int i;
            do i = (int)(rnd(&s) % NCH); while (!open[i]);
            if (go_chan_recv(open[i], &v)) record(&st, i, v);
            else { open[i] = NULL; nopen--; }
        } else if (op == 1) {
            int i;
            do i = (int)(rnd(&s) % NCH); while (!open[i]);
            int r = go_chan_recv_timeout(open[i], &v, (int64_t)(rnd(&s) % 50) * US);
            if (r == 1) record(&st, i, v);
            else if (r == 0) { open[i] = NULL; nopen--; }
        } else { /* select over every open channel (closed ones are NULL) */
            int32_t vals[NCH];
            go_case cs[NCH + 1];
            for (int i = 0; i < NCH; i++)
                cs[i] = (go_case){open[i], GO_RECV, &vals[i], false};
            go_chan *t = op == 3 ? go_after((int64_t)(rnd(&s) % 100) * US) : NULL;
            int64_t tick;
            cs[NCH] = (go_case){t, GO_RECV, &tick, false};
            int r = go_select(cs, NCH + 1, true);
            if (r < NCH) {
                if (cs[r].ok) record(&st, r, vals[r]);
                else { open[r] = NULL; nopen--; }
            }
            go_chan_free(t);
        }
    }
    free(st.last);
    go_wg_done(&receivers_done);
}

int main(void) {
    for (int i = 0; i < NCH; i++)
        chans[i] = go_chan_make(sizeof(int32_t), caps[i]);
    go_wg_add(&receivers_done, RECEIVERS);
    for (intptr_t r = 0; r < RECEIVERS; r++)
        go_spawn(receiver, (void *)r);
    go_wg_add(&senders_done, SENDERS);
    for (intptr_t s = 0; s < SENDERS; s++)
        go_spawn(sender, (void *)s);
    go_wg_wait(&senders_done);
    for (int i = 0; i < NCH; i++)
        go_chan_close(chans[i]);
    go_wg_wait(&receivers_done);
    int lost = 0, dup = 0;
    for (int v = 0; v < SENDERS * PER; v++) {
        lost += seen[v] == 0;
        dup += seen[v] > 1;
    }
    printf("values=%d lost=%d duplicated=%d misordered=%d bad=%d\n", SENDERS * PER, lost, dup,
           atomic_load(&misorder), atomic_load(&bad_value));
    for (int i = 0; i < NCH; i++)
        go_chan_free(chans[i]);
    return 0;
}
// CHECK: values=20000 lost=0 duplicated=0 misordered=0 bad=0
