/* report_dedup.h - a bug is reported once (report_dedup.c). */
#ifndef GOSAN_REPORT_DEDUP_H
#define GOSAN_REPORT_DEDUP_H

#include <stdbool.h>
#include <stdint.h>

/* Deduplication: true if key (e.g. a hash of both pcs) was already reported,
 * else remembers it and returns false.  Always false when report_dedup=0. */
bool gs_report_seen(uint64_t key);

#endif
