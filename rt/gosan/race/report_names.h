/* report_names.h - how reports name goroutines and threads: who did
 * something, its labels, and the `Goroutine N (state) created at:` block.
 * Used by every report (race, misuse, deadlock, lock order, free of waited
 * objects); all of it prints with gs_printf, so only inside a report or
 * from a runtime thread.
 */
#ifndef GOSAN_REPORT_NAMES_H
#define GOSAN_REPORT_NAMES_H

#include <stdbool.h>
#include <stdint.h>

#include "thread_state.h"

/* Prints ` [k=v, ...]` for goroutine goid if it has labels. */
void gs_print_labels(uint64_t goid);
/* On an exiting goroutine: keeps its labels for reports printed after it. */
void gs_labels_remember(gs_thr *t);
/* Prints `  Goroutine N (state) created at:` + stack, or the main line. */
void gs_print_goroutine(uint64_t goid);
/* "goroutine 7", "thread T2" or "a goroutine forgotten by a reset": who
 * did something, in a report line. */
void gs_print_who(uint64_t goid);
/* The same, capitalised when it starts a line ("Thread T2 waits ..."). */
void gs_print_who_at(uint64_t goid, bool starts_line);

#endif
