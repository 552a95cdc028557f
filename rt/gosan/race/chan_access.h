/* chan_access.h - a channel's race address (Go's c.raceaddr(): a send
 * reads it, a close and a free write it) checked against a record the
 * channel keeps, not through the shadow on every send.  chan_access.c
 * says why this is exact.
 */
#ifndef GOSAN_CHAN_ACCESS_H
#define GOSAN_CHAN_ACCESS_H

#include <stddef.h>
#include <stdint.h>

#include "thread_state.h"

/* *rec is the channel's record slot (NULL: none yet), addr the channel.
 * Every call on one channel is made under the channel's lock. */
void gs_chan_send(gs_thr *t, void **rec, uintptr_t addr, uintptr_t pc);
/* Before the send takes the channel's lock: reports a send on a freed
 * channel (heap-use-after-free) while the library still can. */
void gs_chan_send_enter(gs_thr *t, uintptr_t addr, uintptr_t pc);
void gs_chan_close(gs_thr *t, void **rec, uintptr_t addr, uintptr_t pc);
/* The free of the channel's size bytes; drops the record (*rec = NULL). */
void gs_chan_free(gs_thr *t, void **rec, uintptr_t addr, size_t size, uintptr_t pc);

#endif
