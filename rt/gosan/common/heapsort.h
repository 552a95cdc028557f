/* heapsort.h - an in-place sort that never allocates.
 *
 * libc's qsort may call malloc (for a merge buffer), which the checker must
 * not do where it sorts: with the world stopped (the reachability scan) or
 * while loading a symbol table for a report.  Heapsort needs no memory and
 * is O(n log n) in the worst case; it is not stable.
 */
#ifndef GOSAN_HEAPSORT_H
#define GOSAN_HEAPSORT_H

#include <stdbool.h>
#include <stddef.h>

/* a comes before b; ctx is the caller's (an array the elements index). */
typedef bool (*gs_less_fn)(const void *a, const void *b, const void *ctx);

/* Sorts the n elements of size bytes at base, ascending by less. */
void gs_heapsort(void *base, size_t n, size_t size, gs_less_fn less, const void *ctx);

#endif
