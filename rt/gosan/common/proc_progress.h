/* proc_progress.h - whether a helper process (the symbolizer) is still
 * working on something, as opposed to hung or waiting for input: a bound on
 * how long to wait for it can then stretch on a loaded machine, where a
 * process that needs one second of CPU may take twenty of wall time, and
 * still end at once for a process that waits for nothing.
 *
 * Invariant: reads /proc only (open, read, close): no malloc, no lock, so
 * it may run while a report holds its locks.
 */
#ifndef GOSAN_PROC_PROGRESS_H
#define GOSAN_PROC_PROGRESS_H

#include <stdbool.h>
#include <sys/types.h>

/* What the last look saw; zero before the first. */
typedef struct gs_proc_progress {
    unsigned long long cpu_ticks; /* user + system time, in clock ticks */
    bool seen;
} gs_proc_progress;

/* Whether pid worked since the last look at *p (its CPU time grew), or is
 * running or in an uninterruptible (disk) wait now.  False for a process
 * that is gone or cannot be read. */
bool gs_proc_progressing(pid_t pid, gs_proc_progress *p);

#endif
