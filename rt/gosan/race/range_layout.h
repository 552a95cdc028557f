/* range_layout.h - the element size of each loop-range call site, so that a
 * report shows the element a loop touched ("Write of size 8"), not the
 * granule-wide span its range check recorded ("size 16").
 *
 * The plugin checks a synchronisation-free loop's strided accesses with one
 * __gosan_{read,write}_elems(addr, size, elem) call before the loop
 * (pass/range_checks.cpp).  The cells only keep byte masks, so the element
 * layout lives here, keyed by the call's pc: the element size and the
 * phase (base % elem) the site's elements start at.  A site seen with two
 * phases has none, and its reports fall back to the bytes of the granule.
 * Written lock-free on a site's first call; read by reports only.
 */
#ifndef GOSAN_ELEMSITE_H
#define GOSAN_ELEMSITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void gs_elem_site_note(uintptr_t pc, size_t elem, uintptr_t base);

/* For an access recorded at pc covering byte `byte`: the element holding
 * it (*start, *size), if pc is a loop-range site with a known layout. */
bool gs_elem_site_element(uintptr_t pc, uintptr_t byte, uintptr_t *start, unsigned *size);

#endif
