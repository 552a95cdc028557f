/* report_history.h - the reports printed so far, kept for the debug
 * endpoint's /debug/gosan/reports page (report_history.c).
 *
 * Bounded: a count per kind for every report, and the text of the last
 * GS_HIST_KEEP reports, each cut at GS_HIST_TEXT bytes.  Filled from the
 * report's record (report_record.h) as it ends, by the report lock's
 * holder; read by any thread, one entry at a time under the history's
 * own spin lock (a leaf lock: nothing is called while it is held).
 */
#ifndef GOSAN_REPORT_HISTORY_H
#define GOSAN_REPORT_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report_record.h"

#define GS_HIST_KEEP 16
#define GS_HIST_TEXT 8192
#define GS_HIST_KINDS 32

/* report.c: the report whose record this is was printed. */
void gs_report_history_add(const gs_record *r);

/* The count of reports printed, and of kind number i (0.. while it
 * returns true; kind points to a string that lives forever). */
uint64_t gs_report_history_total(void);
bool gs_report_history_kind(size_t i, const char **kind, uint64_t *count);

/* A copy of the report that was the seq'th printed (1 the first), its text
 * cut to size; false when it is no longer (or not yet) kept. */
bool gs_report_history_get(uint64_t seq, char *text, size_t size, const char **kind);

#endif
