/* exit_status.h - what a checked program exits with (exit_status.c):
 * exitcode once anything was reported, and a count line at the end.
 */
#ifndef GOSAN_EXIT_STATUS_H
#define GOSAN_EXIT_STATUS_H

/* report.c, at the end of each report printed. */
void gs_exit_status_count_report(void);

/* Reports this process printed (a forked child does not inherit them). */
unsigned long gs_report_count(void);

/* The status to exit with instead of status: exitcode once anything was
 * reported (or a report was lost to the exit wait's bound), else status. */
int gs_exit_final_status(int status);

/* Prints `gosan: reported N warnings` the first time it is called in a
 * process with reports.  Async-signal-safe. */
void gs_exit_print_count(void);

#endif
