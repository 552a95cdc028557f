/* signal_handlers.h - the install path of signal_handlers.c, for the other
 * installers of a handler (signal_legacy.c). */
#ifndef GOSAN_SIGNAL_HANDLERS_H
#define GOSAN_SIGNAL_HANDLERS_H

#include <signal.h>
#include <stdbool.h>

/* sigaction as the program sees it: a handler installed with program set
 * releases the signal's sync object and runs through the checker's
 * trampoline, which acquires it; old reports the program's handler.
 * program false (gosan's own calls) forwards untouched. */
int gs_sig_action(int sig, const struct sigaction *act, struct sigaction *old, bool program);

/* Whether ret, an interceptor's return address, is in gosan's own code. */
bool gs_sig_caller_is_gosan(void *ret);

#endif
