/* lock_access.h - a lock call's read of its lock object's first byte
 * (a go_mutex, go_rwmutex, or a POSIX object through
 * sync_object_access.c), recorded aside in the byte's atomic records
 * (atomic_record.h), not in its cells.  go_cond's and go_once's calls
 * read their object's first byte the same way and take the same path
 * (hooks_table.c; test/race/sync_object_record.c).
 *
 * Every lock and unlock reads the byte, and each read is the first of its
 * epoch (the previous unlock released): as a plain shadow access each one
 * took the slow path and its locked store into the cells every goroutine
 * of the lock writes (the largest single cost of `rwlocks`).  Aside, each
 * slot rewrites a record of its own, and the cells are only read.  The
 * read is atomic (it never races with another call on the object), as
 * TSan models lock calls; it races with an init, destroy, memset, plain
 * write or free of the object not ordered with it, in both real-time
 * orders: the record's store is a locked instruction and is followed by a
 * read of the cells, and a plain write reads the records after its own
 * store (atomic_record.h); a free's check (access.c, cells_may_race_write)
 * takes the mark for a link, so it compares itself with them too.
 *
 * Invariants: a read of a freed object takes the cells' path (it reports
 * the use after free, as before); a read the records cannot take (all
 * taken, or the byte's cell GS_AREC_CELL holds an access) is a shadow
 * access as before.
 * test/race/lock_object_cleared.c, test/race/lock_record_*.c.
 */
#ifndef GOSAN_LOCK_ACCESS_H
#define GOSAN_LOCK_ACCESS_H

#include <stdint.h>

#include "thread_state.h"

/* t's lock call reads the lock object at addr (its first byte), at pc. */
void gs_lock_object_read(gs_thr *t, uintptr_t addr, uintptr_t pc);

#endif
