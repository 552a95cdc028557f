/* vclock.h - vector clocks over slots.
 *
 * A clock maps each slot id (1..GS_SLOT_MAX; 0 is "no slot") to the last
 * epoch of that slot it knows.  Slots, not goroutines, index clocks (see
 * slot.h), so every clock is the same small dense array (1 KiB) however
 * many goroutines exist.  Epochs never wrap within a reset generation.
 */
#ifndef GOSAN_VCLOCK_H
#define GOSAN_VCLOCK_H

#include <stdint.h>

#define GS_SLOTS 256u       /* array size; slot ids are 1..255 */
#define GS_SLOT_MAX 255u

typedef uint32_t gs_epoch;

typedef struct gs_vclock {
    gs_epoch e[GS_SLOTS];
} gs_vclock;

/* Entries [gs_vc_limit, GS_SLOTS) are zero in every clock (vclock.c). */
extern uint32_t gs_vc_limit;
/* Slot sid is about to appear in clocks: raise gs_vc_limit above it.
 * Callers serialise (the slot lock). */
void gs_vc_note_slot(uint32_t sid);

/* The current limit (acquire): what this thread may see of every clock. */
unsigned gs_vc_limit_now(void);

/* Over the first n entries of plain epoch arrays (clocks that keep fewer
 * than GS_SLOTS entries: a sync object's inline clock). */
void gs_ep_zero(gs_epoch *c, unsigned n);
void gs_ep_copy(gs_epoch *dst, const gs_epoch *src, unsigned n);
void gs_ep_join(gs_epoch *dst, const gs_epoch *src, unsigned n);

void gs_vc_zero(gs_vclock *c);
void gs_vc_copy(gs_vclock *dst, const gs_vclock *src);

#endif
