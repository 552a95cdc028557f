/* exit_status.h - what a checked program exits with (exit_status.c):
 * exitcode once anything was reported, and a count line at the end.
 */
#ifndef GOSAN_EXIT_STATUS_H
#define GOSAN_EXIT_STATUS_H

#include <stdbool.h>

/* report.c, at the end of each report printed. */
void gs_exit_status_count_report(void);

/* Reports this process printed (a forked child does not inherit them). */
unsigned long gs_report_count(void);

/* The status to exit with instead of status: exitcode once anything was
 * reported (or a report was lost to the exit wait's bound), else status.
 * Called by the exit that ends the process: from then on no report starts
 * (see gs_exit_status_decided), and those in flight are waited for first. */
int gs_exit_final_status(int status);

/* An exit decided the status: a report found now is not printed, since
 * the status could no longer say it. */
bool gs_exit_status_decided(void);

/* Prints `gosan: reported N warnings` the first time it is called in a
 * process with reports.  Async-signal-safe. */
void gs_exit_print_count(void);

/* fn prints notes (to fd) just before the count line, e.g. how often a
 * report was folded into one already printed.  Must be async-signal-safe.
 * At most GS_EXIT_NOTES functions; registering one twice is a no-op. */
#define GS_EXIT_NOTES 4
typedef void (*gs_exit_note_fn)(int fd);
void gs_exit_status_on_count(gs_exit_note_fn fn);

#endif
