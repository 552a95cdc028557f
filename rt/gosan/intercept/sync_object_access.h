/* sync_object_access.h - a POSIX synchronisation object is memory the
 * program owns, and its calls are accesses of it, as TSan models them:
 * init and destroy write it; every other call (lock, trylock, unlock, wait,
 * signal, broadcast, post, barrier wait) reads it, atomically, so uses never
 * race with each other.  A use not ordered with the object's init or its
 * destroy is then a data race, as is a destroy while another thread may
 * still be using the object.  A statically initialised object
 * (PTHREAD_MUTEX_INITIALIZER...) has no init call, so nothing its first
 * lock could race with.
 *
 * The interceptors (posix_threads.c) make these accesses before the edge
 * the call adds: a use's read is before its release (an unlock, a signal, a
 * post, a barrier arrival), so whoever acquires that release may destroy
 * the object; it is before its acquire too, so a lock after an unordered
 * init races with it however long ago the init was.  Each access carries
 * the call's api frame (api_frame.h): reports show `#0 pthread_mutex_init`
 * above the program's call site and say the memory is a mutex.
 */
#ifndef GOSAN_SYNC_OBJECT_ACCESS_H
#define GOSAN_SYNC_OBJECT_ACCESS_H

#include "api_frame.h"

/* The objects, as a report names them. */
#define GS_SO_MUTEX "a mutex (pthread_mutex_t)"
#define GS_SO_SPIN "a spin lock (pthread_spinlock_t)"
#define GS_SO_RWLOCK "a read-write lock (pthread_rwlock_t)"
#define GS_SO_COND "a condition variable (pthread_cond_t)"
#define GS_SO_BARRIER "a barrier (pthread_barrier_t)"
#define GS_SO_SEM "a semaphore (sem_t)"

/* The api frame of a call to fn on an object of kind (GS_SO_*): one static
 * descriptor per use of the macro. */
#define GS_SO_CALL(fn, kind)                                                                       \
    ({                                                                                             \
        static const gs_api_call gs_so_call_ = {#fn, kind};                                        \
        &gs_so_call_;                                                                              \
    })

/* obj's init or destroy, by the running goroutine or thread, called from
 * the return address ret. */
void gs_sync_object_write(const void *obj, const gs_api_call *call, void *ret);
/* Any other call on obj. */
void gs_sync_object_read(const void *obj, const gs_api_call *call, void *ret);

#endif
