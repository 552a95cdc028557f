/* chan_access.h - a channel's race address (Go's c.raceaddr(): a send
 * reads it, a close and a free write it) checked against a record the
 * channel keeps, not through the shadow on every send.  chan_access.c
 * says why this is exact.
 */
#ifndef GOSAN_CHAN_ACCESS_H
#define GOSAN_CHAN_ACCESS_H

#include <stddef.h>
#include <stdint.h>

#include "go_hooks.h"
#include "thread_state.h"

/* rec is the channel's GO_CHAN_RACE_REC_SIZE bytes (NULL: none, every
 * access is a shadow access), addr the channel.  The send comes before the
 * channel's lock (it also reports a send on a freed channel); the close
 * and the free under it. */
void gs_chan_send(gs_thr *t, void *rec, uintptr_t addr, uintptr_t pc);
void gs_chan_close(gs_thr *t, void *rec, uintptr_t addr, uintptr_t pc);
/* The free of the channel's size bytes. */
void gs_chan_free(gs_thr *t, void *rec, uintptr_t addr, size_t size, uintptr_t pc);

#endif
