/* all_asleep.h - the `deadlock` report when every goroutine is asleep (the
 * checker's side of go_hooks.all_asleep, Go's "all goroutines are asleep").
 *
 * One report lists every goroutine: its wait reason, the object it waits on
 * (a channel with its len and cap; a mutex with the goroutine holding it and
 * where that goroutine locked it), its stack and where it was created.
 */
#ifndef GOSAN_ASLEEP_H
#define GOSAN_ASLEEP_H

#include <stdbool.h>

/* Prints the report and sets *reported (false when it was suppressed);
 * returns the exit status the program must end with: exitcode (66) once
 * a report was printed, else 2 as Go's fatal error. */
int gs_all_asleep_report(bool *reported);

#endif
