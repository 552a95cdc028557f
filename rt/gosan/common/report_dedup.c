/* report_dedup.c - a bug is reported once (see report_dedup.h): an
 * open-addressing set of report keys; once it is full, nothing more is
 * deduplicated (a report too many rather than one lost).
 *
 * Invariant: rd_lock guards the set and is held only inside
 * gs_report_seen, which calls nothing; detectors call it from any thread.
 */
#include "report_dedup.h"

#include <stddef.h>

#include "flags.h"
#include "spinlock.h"

#define RD_SLOTS 8192
static uint64_t rd_seen[RD_SLOTS];
static gs_splock rd_lock = GS_SPLOCK_INIT;

bool gs_report_seen(uint64_t key)
{
    gs_flags_init();
    if (!gs_flags.report_dedup)
        return false;
    if (key == 0)
        key = 1; /* 0 marks an empty slot */
    uint64_t h = key * 0x9e3779b97f4a7c15ull;
    bool seen = false;
    gs_splock_lock(&rd_lock);
    for (size_t i = 0; i < RD_SLOTS; i++) {
        size_t slot = (size_t)((h >> 40) + i) % RD_SLOTS;
        if (rd_seen[slot] == key) {
            seen = true;
            break;
        }
        if (rd_seen[slot] == 0) {
            rd_seen[slot] = key;
            break;
        }
    }
    gs_splock_unlock(&rd_lock);
    return seen;
}
