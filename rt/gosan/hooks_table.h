/* hooks_table.h - installing the checker's hook table in the library
 * (hooks_table.c).  Called once, at start-up (init.c), before the
 * library's constructor creates goroutine 1.
 */
#ifndef GOSAN_HOOKS_TABLE_H
#define GOSAN_HOOKS_TABLE_H

/* Hands the table to go_hooks_install, if the library is linked; warns if
 * the two disagree on the interface version. */
void gs_hooks_install(void);

#endif
