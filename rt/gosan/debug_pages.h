/* debug_pages.h - the checker's pages of the debug endpoint
 * (debug_pages.c), installed as the debug_page hook (hooks_table.c). */
#ifndef GOSAN_DEBUG_PAGES_H
#define GOSAN_DEBUG_PAGES_H

/* Writes page name to fd ("" lists the pages); 0, or -1 for an
 * unknown name. */
int gs_debug_page(const char *name, int fd);

#endif
