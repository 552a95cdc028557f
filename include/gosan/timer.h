/* gosan/timer.h - Go's time.Timer, time.Ticker and time.AfterFunc, on the
 * library's timer heap (no thread per timer).  Included by <gosan/go.h>.
 *
 * Semantics are Go 1.23's: the channel of a Timer or Ticker never yields a
 * stale value once Stop or Reset has returned (they discard a tick that
 * was sent but not received), and Stop reports true for a timer whose
 * tick was not received yet.  docs/api.md is the reference; happens-before:
 * creating or Resetting a timer happens before each receive of a tick it
 * sends and before its AfterFunc function starts.
 *
 * Ownership: the creator frees each timer once with go_time_timer_free /
 * go_time_ticker_free (which stop it first).  Any call on a freed timer is
 * misuse: the library stops with "fatal error: ... of a freed timer" (as
 * long as the memory was not reused).  Freeing a timer while a goroutine
 * is blocked on its channel is misuse as for go_chan_free.
 */
#ifndef GOSAN_TIMER_H
#define GOSAN_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#include <gosan/go.h>

#ifdef __cplusplus
extern "C" {
#endif

#pragma GCC visibility push(default)

/* time.Timer.  (The name go_timer is the scheduler's internal heap entry.) */
typedef struct go_time_timer go_time_timer;

/* time.NewTimer: its channel (go_time_timer_chan, an int64_t channel)
 * receives go_now() once, ns from now (ns <= 0: at once).  NULL when out of
 * memory. */
go_time_timer *go_time_new_timer(int64_t ns);
/* time.AfterFunc: fn(arg) runs in a goroutine of its own ns from now.  Such
 * a timer has no channel. */
go_time_timer *go_time_after_func(int64_t ns, go_func fn, void *arg);
/* t.C: NULL for an AfterFunc timer. */
go_chan *go_time_timer_chan(go_time_timer *t);
/* t.Stop: true if the call stopped the timer (it was armed, or its tick was
 * not received yet); it then never fires, and no tick is received from its
 * channel until a Reset.  false: it had fired and its tick was received, or
 * it was stopped already; for AfterFunc, fn has been started (Stop does not
 * wait for it). */
bool go_time_timer_stop(go_time_timer *t);
/* t.Reset: re-arms the timer to fire ns from now, discarding an unreceived
 * tick; returns what Stop would have. */
bool go_time_timer_reset(go_time_timer *t, int64_t ns);
/* Stops the timer and frees it; NULL is a no-op.  An AfterFunc already
 * started goes on (the timer's memory is released once it has started). */
void go_time_timer_free(go_time_timer *t);

/* time.Ticker: its channel (an int64_t channel of capacity 1) receives
 * go_now() every period; a tick finding the previous one unreceived is
 * dropped (a slow receiver gets the latest rate, not a backlog). */
typedef struct go_time_ticker go_time_ticker;
/* time.NewTicker: NULL if period_ns <= 0 (Go panics) or out of memory. */
go_time_ticker *go_time_new_ticker(int64_t period_ns);
go_chan *go_time_ticker_chan(go_time_ticker *t);
/* t.Stop: no tick is received after it returns, until a Reset. */
void go_time_ticker_stop(go_time_ticker *t);
/* t.Reset: stops it and restarts with this period, the first tick
 * period_ns from now; GO_EINVAL (nothing changed) if period_ns <= 0. */
int go_time_ticker_reset(go_time_ticker *t, int64_t period_ns);
void go_time_ticker_free(go_time_ticker *t);

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif

#endif /* GOSAN_TIMER_H */
