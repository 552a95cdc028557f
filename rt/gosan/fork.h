/* fork.h - the checker's pthread_atfork handlers (fork.c). */
#ifndef GOSAN_FORK_H
#define GOSAN_FORK_H

/* Start-up (init.c), after the symbolizer's warm-up: registers the
 * handlers once per process; warns if it cannot. */
void gs_fork_handlers_install(void);

#endif
