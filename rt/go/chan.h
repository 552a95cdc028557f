/* chan.h - the channel object and the pieces chan.c, select.c and after.c
 * share (Go's hchan, selectgo's state).
 *
 * Invariants (Go's, chan.go): with c->lock held,
 *  - at least one of sendq and recvq is empty, except while one select has
 *    waiters in both queues of the same channel;
 *  - count > 0 implies recvq is empty; count < cap implies sendq is empty;
 *  - once `closed` is set it stays set, and both queues are empty after the
 *    close that set it released the lock for the last time.
 * `count` and `closed` are also read without the lock (len, the close fast
 * path): they are atomics, written only under the lock.
 *
 * Waking a waiter: pop it with go_waitq_pop_claimed (which wins a select's
 * done word), fill in its result, call chan_fire, and go_ready the returned
 * goroutine once the lock is released.
 */
#ifndef GOSAN_GO_CHAN_H
#define GOSAN_GO_CHAN_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sched.h"

struct go_chan {
    golock lock;               /* guards everything below but cap/elem_size */
    _Atomic uint32_t closed;
    _Atomic size_t count;      /* values in the buffer */
    size_t cap, elem_size;
    size_t sendx, recvx;       /* next slot to fill / to empty */
    char *buf;                 /* cap * elem_size bytes (malloc), NULL if that is 0 */
    char *slot_sync;           /* elem_size 0 under the checker: cap distinct
                                  sync addresses, one per slot (malloc), or NULL */
    go_waitq recvq, sendq;
    char sync0;                /* the rendezvous sync address of an unbuffered
                                  channel (the race address is the struct itself) */
    /* A sync address every receive that takes a value acquires, or NULL:
     * a Timer's or Ticker's channel, whose sends come from the timer heap
     * with no goroutine to release anything, and whose arming calls
     * release this address instead (time_timer.c; go_after's channel:
     * its after_timer, after.c). */
    const void *recv_sync;
    /* go_after channels only: the timer that sends the tick. */
    bool is_after;
    _Atomic uint32_t after_exited; /* the timer fn has finished with the channel */
    go_timer after_timer;
    /* The checker's record of the sends (go_hooks.h, chan): the tail of
     * this block, GO_CHAN_RACE_REC_SIZE bytes, or NULL (no chan hook at
     * make).  In the channel's own block, so it lives exactly as long as
     * the channel: a send racing with the free touches only freed program
     * memory, as the library's own lock word does. */
    void *race_rec;
};

/* The outcome of one attempt made with the lock held. */
enum { CHAN_WOULD_BLOCK = 0, CHAN_DONE = 1, CHAN_CLOSED = 2 };

/* Sends *elem (zeros if elem is NULL) without blocking.  On CHAN_DONE
 * *wake is set to a goroutine to go_ready after unlocking, or left alone.
 * hb == false skips every checker hook (a timer callback has no goroutine). */
int chan_send_locked(go_chan *c, const void *elem, go_g **wake, bool hb, void *pc);
/* Receives into elem (may be NULL) without blocking.  CHAN_CLOSED: closed and
 * drained, elem zeroed, close's release acquired. */
int chan_recv_locked(go_chan *c, void *elem, go_g **wake, bool hb, void *pc);

/* The state one parked select shares with whoever wakes it.  `done` is the
 * word every waiter's select_done points at; whoever claims it (a channel
 * operation, a close, or the select's timer) records the case in `winner`
 * and go_ready()s the select (the scheduler copes with a go_ready that
 * overtakes the park: the park then returns at once). */
typedef struct chan_select_state {
    _Atomic uint32_t done;
    int winner;                    /* case index; -1: the timer fired */
    go_g *g;
    _Atomic uint32_t timer_exited; /* the timer fn lost the claim and is done with us */
    go_timer timer;
} chan_select_state;

/* Records the outcome in a popped (claimed) waiter and returns its goroutine,
 * to go_ready once the channel lock is released. */
go_g *chan_fire(go_waiter *w, bool success);

/* Parks the running goroutine for good (a NULL channel, an empty select). */
_Noreturn void chan_park_forever(go_wait_reason reason, void *pc);

/* The select engine behind go_select, go_select_timeout and the timed
 * send/recv.  mode: CHAN_SEL_POLL returns -1 when nothing is ready;
 * CHAN_SEL_BLOCK waits forever; CHAN_SEL_DEADLINE waits until go_now() >=
 * when, then returns GO_ETIMEDOUT.  reason is the wait reason when it parks
 * on real channels (GO_WAIT_SELECT, or GO_WAIT_CHAN_SEND/RECV for a single
 * timed send/recv).  Returns the chosen case, -1, or a GO_E* code. */
typedef enum { CHAN_SEL_POLL, CHAN_SEL_BLOCK, CHAN_SEL_DEADLINE } chan_sel_mode;
int chan_select(go_case *cases, size_t n, chan_sel_mode mode, int64_t when, go_wait_reason reason,
                void *pc);

/* go_now() + ns, saturating. */
int64_t chan_deadline(int64_t ns);

#endif /* GOSAN_GO_CHAN_H */
