/* internal_alloc.h - the checker runtime's internal allocator.
 *
 * Everything the runtime keeps (stacks, symbol strings, heap records, shadow
 * metadata) comes from here, never from the user's malloc: the runtime must
 * work inside malloc interceptors, before main and on threads it does not
 * know.  Memory comes from mmap; small sizes use per-class free lists,
 * large ones a direct mapping.  All functions are thread-safe and
 * async-signal-tolerant in the sense that they never call libc's allocator.
 */
#ifndef GOSAN_IALLOC_H
#define GOSAN_IALLOC_H

#include <stddef.h>

void *gs_alloc(size_t size);             /* never NULL: dies on exhaustion */
void *gs_calloc(size_t n, size_t size);  /* zeroed; dies on overflow */
void *gs_realloc(void *p, size_t size);  /* p may be NULL */
void gs_free(void *p);                   /* p may be NULL */
char *gs_strdup(const char *s);          /* s may be NULL: returns NULL */
char *gs_strndup(const char *s, size_t n);

/* mmap(size) anonymous read-write memory or die with a message naming what
 * it was for.  size is rounded up to the page size. */
void *gs_mmap_or_die(size_t size, const char *what);
void gs_munmap(void *p, size_t size);

/* An array in a reservation of `cap` bytes, filled front to back, is about
 * to get an element of `elem` bytes at byte offset `off`: when a 64 KiB
 * step begins inside that element, the step's pages are faulted in with one call
 * (Linux 5.14's MADV_POPULATE_WRITE) instead of a fault per page (faults
 * are slow in VMs: they were a tenth of a spawn's cost).  Harmless if two
 * threads do it at once, and a no-op where the kernel lacks it. */
void gs_commit_step(void *base, size_t off, size_t elem, size_t cap);

#endif
