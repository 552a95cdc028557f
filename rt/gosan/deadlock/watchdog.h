/* watchdog.h - the deadlock_timeout watchdog thread (watchdog.c). */
#ifndef GOSAN_WATCHDOG_H
#define GOSAN_WATCHDOG_H

/* Start-up (init.c), and fork.c in a child (where the parent's thread is
 * gone): starts the watchdog thread if deadlock_timeout > 0 and
 * detect_deadlocks are set; warns if it cannot. */
void gs_watchdog_start(void);

#endif
