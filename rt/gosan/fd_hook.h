/* fd_hook.h - the library's descriptor calls (<gosan/net.h>) as the
 * checker's fd model sees them (fd_hook.c). */
#ifndef GOSAN_FD_HOOK_H
#define GOSAN_FD_HOOK_H

#include <stddef.h>

#include "go_hooks.h"

/* The fd hook of go_hooks.h. */
void gs_fd_hook(go_fd_event ev, int fd, int fd2, const void *buf, size_t len, void *pc);

#endif
