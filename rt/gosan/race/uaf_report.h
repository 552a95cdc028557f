/* uaf_report.h - the heap-use-after-free report: an access to a granule a
 * free marked (heap_shadow.h). */
#ifndef GOSAN_UAF_REPORT_H
#define GOSAN_UAF_REPORT_H

#include <stdint.h>

#include "shadow.h"
#include "thread_state.h"

/* t's access cur at addr/pc touched the freed granule whose cells are c:
 * reports it (once per access pc and free site, and once per free). */
void gs_heap_uaf_found(gs_thr *t, const gs_cell *c, uint64_t cur, uintptr_t addr, uintptr_t pc);

#endif
