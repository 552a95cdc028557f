/* c11_threads.c - C11 threads (<threads.h>) seen by the checker.  glibc
 * builds them on its internal pthread functions, which are not calls
 * through the pthread interceptors (posix_threads.c), so without these
 * every hand-over through them was reported as a race.  They give the
 * edges of their pthread counterparts:
 *   - thrd_create orders the parent's past before the child, a successful
 *     thrd_join the child's whole life (a return or thrd_exit) before the
 *     joiner; the thread is created as a pthread (gs_posix_thread_create)
 *     running a start routine that returns the int result, so it is born,
 *     ends and is named in reports as one; a thread detached with
 *     thrd_detach releases nothing at its end, as a detached pthread;
 *   - mtx_unlock -> the next lock (mtx_lock, a successful mtx_trylock or
 *     mtx_timedlock); a cnd_wait or cnd_timedwait releases and re-acquires
 *     its mutex; cnd_signal and cnd_broadcast order the signaller before
 *     the woken waiter;
 *   - call_once: the function before every return from call_once (it is
 *     pthread_once on the flag's int, as in glibc, through its interceptor);
 *   - tss destructors before the join: they are pthread key destructors,
 *     ordered as any pthread's (thread_late_exit.c).
 * Every call is an access of its object as for pthreads
 * (sync_object_access.h): mtx_init/cnd_init and the destroys write it,
 * the other calls read it.  Locks and unlocks of non-recursive mutexes are
 * lock events for the lock-order graph and the wait-cycle detector; only a
 * blocking mtx_lock announces a wait.
 *
 * glibc's mtx_t, cnd_t and thrd_t are its pthread_mutex_t, pthread_cond_t
 * and pthread_t (mtx_init makes a normal or recursive pthread mutex), and
 * its return codes map errno values; both are relied on here.  Each
 * interceptor forwards to libc's definition (dlsym(RTLD_NEXT)).
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <threads.h>

#include "go_hooks.h"
#include "gosan_platform.h"
#include "held_locks.h"
#include "internal_alloc.h"
#include "log.h"
#include "posix_threads.h"
#include "sync_object_access.h"
#include "syncobj.h"
#include "thread_hb.h"

/* The program's call site: the interceptor's own return address. */
#define C11_PC() __builtin_return_address(0)

#define C11_MTX "a mutex (mtx_t)"
#define C11_CND "a condition variable (cnd_t)"

/* libc's definition of NAME, resolved once. */
#define C11_REAL(name)                                                                             \
    static __typeof__(&name) c11_real_##name;                                                      \
    if (!__atomic_load_n(&c11_real_##name, __ATOMIC_ACQUIRE))                                      \
        __atomic_store_n(&c11_real_##name, (__typeof__(&name))c11_lookup(#name), __ATOMIC_RELEASE); \
    __typeof__(&name) real = c11_real_##name

static void *c11_lookup(const char *name)
{
    void *f = dlsym(RTLD_NEXT, name);
    if (!f) /* a static link: the program's own definition would be this one */
        gs_die("cannot find libc's %s to forward to (is the program linked statically?)", name);
    return f;
}

/* glibc's mapping of a pthread error to a thrd_* result. */
static int c11_result(int err)
{
    switch (err) {
    case 0:
        return thrd_success;
    case ENOMEM:
        return thrd_nomem;
    case ETIMEDOUT:
        return thrd_timedout;
    case EBUSY:
        return thrd_busy;
    default:
        return thrd_error;
    }
}

/* ---- threads */

typedef struct c11_start_box {
    thrd_start_t func;
    void *arg;
} c11_start_box;

/* The pthread start routine of a C11 thread: its int result travels as
 * the pthread's value, which glibc's thrd_join turns back into an int. */
static void *c11_thread_main(void *p)
{
    c11_start_box box = *(c11_start_box *)p;
    gs_free(p);
    return (void *)(intptr_t)box.func(box.arg);
}

int thrd_create(thrd_t *thr, thrd_start_t func, void *arg)
{
    c11_start_box *box = gs_alloc(sizeof *box);
    box->func = func;
    box->arg = arg;
    pthread_t th;
    int rc = gs_posix_thread_create(&th, NULL, c11_thread_main, box, C11_PC());
    if (rc != 0) {
        gs_free(box);
        return c11_result(rc);
    }
    *thr = (thrd_t)th;
    return thrd_success;
}

int thrd_join(thrd_t thr, int *res)
{
    C11_REAL(thrd_join);
    int rc = real(thr, res);
    if (rc == thrd_success)
        gs_thread_joined((const void *)thr);
    return rc;
}

/* ---- mutexes */

/* A lock event (held_locks.h); none from the library's scheduler, and
 * none for a recursive mutex, which its holder may lock again. */
static void c11_event(go_mutex_event ev, const mtx_t *m, void *pc)
{
    if (gosan_glibc_mutex_kind((const pthread_mutex_t *)m) == PTHREAD_MUTEX_RECURSIVE_NP)
        return;
    if (gs_thread_hb_caller())
        gs_held_locks_posix_event(ev, m, false, pc);
}

static int c11_locked(int rc, mtx_t *m, void *pc)
{
    if (rc == thrd_success) {
        c11_event(GO_MUTEX_LOCKED, m, pc);
        gs_pthread_sync(m, GS_SYNC_PLAIN, GS_SYNC_OP_ACQUIRE);
    }
    return rc;
}

/* call: the api frame of the unlock (mtx_unlock, or a wait). */
static void c11_unlocking(mtx_t *m, const gs_api_call *call, void *pc)
{
    gs_sync_object_read(m, call, pc);
    c11_event(GO_MUTEX_UNLOCK, m, pc);
    gs_pthread_sync(m, GS_SYNC_PLAIN, GS_SYNC_OP_RELEASE);
}

int mtx_init(mtx_t *m, int type)
{
    C11_REAL(mtx_init);
    gs_sync_object_write(m, GS_SO_CALL(mtx_init, C11_MTX), C11_PC());
    return real(m, type);
}

void mtx_destroy(mtx_t *m)
{
    C11_REAL(mtx_destroy);
    gs_sync_object_write(m, GS_SO_CALL(mtx_destroy, C11_MTX), C11_PC());
    real(m);
}

int mtx_lock(mtx_t *m)
{
    C11_REAL(mtx_lock);
    gs_sync_object_read(m, GS_SO_CALL(mtx_lock, C11_MTX), C11_PC());
    c11_event(GO_MUTEX_PRE_LOCK, m, C11_PC());
    return c11_locked(real(m), m, C11_PC());
}

int mtx_trylock(mtx_t *m)
{
    C11_REAL(mtx_trylock);
    gs_sync_object_read(m, GS_SO_CALL(mtx_trylock, C11_MTX), C11_PC());
    return c11_locked(real(m), m, C11_PC());
}

int mtx_timedlock(mtx_t *restrict m, const struct timespec *restrict abstime)
{
    C11_REAL(mtx_timedlock);
    gs_sync_object_read(m, GS_SO_CALL(mtx_timedlock, C11_MTX), C11_PC());
    return c11_locked(real(m, abstime), m, C11_PC());
}

int mtx_unlock(mtx_t *m)
{
    C11_REAL(mtx_unlock);
    c11_unlocking(m, GS_SO_CALL(mtx_unlock, C11_MTX), C11_PC());
    return real(m);
}

/* ---- condition variables */

int cnd_init(cnd_t *c)
{
    C11_REAL(cnd_init);
    gs_sync_object_write(c, GS_SO_CALL(cnd_init, C11_CND), C11_PC());
    return real(c);
}

void cnd_destroy(cnd_t *c)
{
    C11_REAL(cnd_destroy);
    gs_sync_object_write(c, GS_SO_CALL(cnd_destroy, C11_CND), C11_PC());
    real(c);
}

/* A wait reads c and unlocks m inside glibc, then locks m again before it
 * returns, a timeout included (mcall: the wait's api frame for m). */
static void c11_waiting(cnd_t *c, mtx_t *m, const gs_api_call *ccall, const gs_api_call *mcall, void *pc)
{
    gs_sync_object_read(c, ccall, pc);
    c11_unlocking(m, mcall, pc);
}

static int c11_woken(int rc, cnd_t *c, mtx_t *m, const gs_api_call *mcall, void *pc)
{
    gs_sync_object_read(m, mcall, pc);
    c11_locked(thrd_success, m, pc);
    if (rc == thrd_success)
        gs_pthread_sync(c, GS_SYNC_PLAIN, GS_SYNC_OP_ACQUIRE);
    return rc;
}

int cnd_wait(cnd_t *c, mtx_t *m)
{
    C11_REAL(cnd_wait);
    const gs_api_call *mcall = GS_SO_CALL(cnd_wait, C11_MTX);
    c11_waiting(c, m, GS_SO_CALL(cnd_wait, C11_CND), mcall, C11_PC());
    return c11_woken(real(c, m), c, m, mcall, C11_PC());
}

int cnd_timedwait(cnd_t *restrict c, mtx_t *restrict m, const struct timespec *restrict abstime)
{
    C11_REAL(cnd_timedwait);
    const gs_api_call *mcall = GS_SO_CALL(cnd_timedwait, C11_MTX);
    c11_waiting(c, m, GS_SO_CALL(cnd_timedwait, C11_CND), mcall, C11_PC());
    return c11_woken(real(c, m, abstime), c, m, mcall, C11_PC());
}

int cnd_signal(cnd_t *c)
{
    C11_REAL(cnd_signal);
    gs_sync_object_read(c, GS_SO_CALL(cnd_signal, C11_CND), C11_PC());
    gs_pthread_sync(c, GS_SYNC_PLAIN, GS_SYNC_OP_RELEASE);
    return real(c);
}

int cnd_broadcast(cnd_t *c)
{
    C11_REAL(cnd_broadcast);
    gs_sync_object_read(c, GS_SO_CALL(cnd_broadcast, C11_CND), C11_PC());
    gs_pthread_sync(c, GS_SYNC_PLAIN, GS_SYNC_OP_RELEASE);
    return real(c);
}

/* ---- call_once: glibc's once_flag holds a pthread_once_t, and call_once
 * is pthread_once on it; the pthread_once interceptor gives the edge. */

void call_once(once_flag *flag, void (*func)(void))
{
    _Static_assert(sizeof(once_flag) == sizeof(pthread_once_t), "glibc's once_flag is a pthread_once_t");
    pthread_once((pthread_once_t *)(void *)flag, func);
}
