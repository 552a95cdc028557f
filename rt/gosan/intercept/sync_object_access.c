/* sync_object_access.c - POSIX synchronisation objects' calls as accesses
 * of the objects (sync_object_access.h).
 *
 * One byte, the object's first, stands for the whole object, as in TSan:
 * every write of the object (its init and destroy, a memset, a free) covers
 * that byte, and a lock or unlock then checks one granule instead of the
 * three of a pthread_mutex_t.  A use's read is recorded aside, in the
 * byte's atomic records (race/lock_access.h), not in its cells.  Nothing is
 * recorded before start-up or from the library's scheduler
 * (gs_thread_hb_caller), as for the edges.
 */
#include "sync_object_access.h"

#include "access.h"
#include "api_access.h"
#include "thread_hb.h"

#define SO_BYTES 1

void gs_sync_object_write(const void *obj, const gs_api_call *call, void *ret)
{
    gs_api_access(gs_thread_hb_caller(), obj, SO_BYTES, GS_K_WRITE, call, ret);
}

void gs_sync_object_read(const void *obj, const gs_api_call *call, void *ret)
{
    gs_api_lock_read(gs_thread_hb_caller(), obj, call, ret); /* SO_BYTES, aside: lock_access.h */
}
