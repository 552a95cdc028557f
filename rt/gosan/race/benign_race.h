/* benign_race.h - memory the program declared racy on purpose
 * (AnnotateBenignRaceSized and friends, intercept/tsan_annotations.c): a
 * data race on it is not reported.
 *
 * A range stays declared for the rest of the run (as in TSan), whatever
 * later happens to its memory; declaring the same range again is a no-op.
 * Thread-safe; the list is read only on the way to a report.
 */
#ifndef GOSAN_BENIGN_RACE_H
#define GOSAN_BENIGN_RACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Races on [addr, addr+size) are benign from now on (size 0: nothing). */
void gs_benign_race_add(uintptr_t addr, size_t size);
/* Some byte of [addr, addr+size) is in a benign range. */
bool gs_benign_race_covers(uintptr_t addr, size_t size);

#endif
