/* location.h - "where is this address": global, heap block or goroutine
 * stack, printed as one paragraph of a report. */
#ifndef GOSAN_LOCATION_H
#define GOSAN_LOCATION_H

#include <stdbool.h>
#include <stdint.h>

/* Prints one of
 *   `  Location is global 'NAME' of size N at FILE:LINE (BINARY+0xOFF)`
 *   `  Location is heap block of size N at 0xADDR allocated by goroutine G:`
 *      + the allocation stack
 *   `  Location is stack of goroutine G.`
 * and nothing when the address is unknown. */
void gs_print_location(uintptr_t addr);

/* A layer above describes addresses of its own (file descriptors): fn
 * prints the paragraph and returns true if addr is one of them.  Asked
 * after the heap and the globals.  At most GS_LOCATION_EXTRA of them. */
#define GS_LOCATION_EXTRA 4
typedef bool (*gs_location_fn)(uintptr_t addr);
void gs_location_add(gs_location_fn fn);

#endif
