/* posix_threads.c - POSIX threads and their synchronisation, seen by
 * the checker, for programs that use them beside goroutines (or alone):
 *   - pthread_create orders the parent's past before the child; a join
 *     orders the child's whole life before the joiner, however it ended
 *     (return, pthread_exit, cancellation: a cleanup handler) (race/thread_hb.c),
 *     its TSD destructors included (thread_late_exit.c);
 *   - mutexes and spin locks: unlock -> the next lock; rwlocks as the
 *     library's RWMutex (unlock of a writer -> every later lock, unlock of
 *     a reader -> the next write lock);
 *   - a condition wait releases and re-acquires its mutex (the unlock and
 *     lock inside glibc are not calls through here); signal and broadcast
 *     order the signaller before the woken waiter;
 *   - sem_post -> the sem_wait it lets through; pthread_barrier_wait: every
 *     arrival before every departure; pthread_once: the initialiser before
 *     every return from pthread_once.
 * Every call is also an access of the object itself (sync_object_access.h):
 * init and destroy write it, the other calls read it, so a use not ordered
 * with the object's init or destroy is a race.
 * Lock and unlock of mutexes (not recursive ones), spin locks and rwlocks
 * are also lock events for the lock-order graph and the wait-cycle
 * detector, as the library's mutexes: an AB-BA order between threads is
 * reported.  Only a blocking lock announces a wait (PRE_LOCK): a trylock or
 * timed lock that fails leaves no wait behind.
 * Without these, data handed over through them was reported as a race.
 *
 * Each interceptor forwards to libc's own definition (dlsym(RTLD_NEXT);
 * condition variables by version, as glibc still exports the 2.2.5 ABI
 * under the same names) and adds the edge around it: the release before the
 * call that lets another thread go on, the acquire after a call that
 * waited and succeeded.  The runtime is linked whole, so these definitions
 * are the program's and the library's; libc's internal calls use private
 * aliases.  The runtime's own threads use gs_pthread_create_raw and it uses
 * no other of these objects; the library's calls from its scheduler (a
 * worker thread between goroutines) add no edges (race/thread_hb.c).
 */
#include <dlfcn.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdbool.h>
#include <stddef.h>
#include <unistd.h>


#include "engine.h"
#include "go_hooks.h"
#include "gosan_platform.h"
#include "held_locks.h"
#include "internal_alloc.h"
#include "log.h"
#include "own_code.h"
#include "posix_threads.h"
#include "sync_object_access.h"
#include "syncobj.h"
#include "thread_hb.h"
#include "thread_late_exit.h"
#include "thread_tid.h"

/* The call site in the program, for lock events (taken in the interceptor
 * itself: its return address). */
#define PT_PC() __builtin_return_address(0)

/* A lock event for the lock-order graph and wait cycles, as the library's
 * mutexes' (held_locks.h); none from the library's scheduler. */
static inline void pt_event(go_mutex_event ev, const void *m, bool is_rw, void *pc)
{
    if (gs_thread_hb_caller())
        gs_held_locks_posix_event(ev, m, is_rw, pc);
}

/* A recursive mutex may be locked again by its holder: not an edge of the
 * lock-order graph nor a wait, so it feeds happens-before only. */
static inline bool pt_recursive(const pthread_mutex_t *m)
{
    return gosan_glibc_mutex_kind(m) == PTHREAD_MUTEX_RECURSIVE_NP;
}

/* libc's definition of NAME (version VER if not NULL), resolved once. */
#define PT_REAL(name, ver)                                                                         \
    static __typeof__(&name) pt_real_##name;                                                       \
    if (!__atomic_load_n(&pt_real_##name, __ATOMIC_ACQUIRE))                                       \
        __atomic_store_n(&pt_real_##name, (__typeof__(&name))pt_lookup(#name, ver), __ATOMIC_RELEASE); \
    __typeof__(&name) real = pt_real_##name

static void *pt_lookup(const char *name, const char *ver)
{
    void *f = ver ? dlvsym(RTLD_NEXT, name, ver) : NULL;
    if (!f)
        f = dlsym(RTLD_NEXT, name);
    if (!f) /* a static link: the program's own definition would be this one */
        gs_die("cannot find libc's %s to forward to (is the program linked statically?)", name);
    return f;
}

static inline void pt_acquire(const void *obj, int tag)
{
    gs_pthread_sync(obj, tag, GS_SYNC_OP_ACQUIRE);
}

static inline void pt_release(const void *obj, int tag)
{
    gs_pthread_sync(obj, tag, GS_SYNC_OP_RELEASE);
}

/* ---- threads */

typedef struct pt_birth {
    void *(*start)(void *);
    void *arg;
    gs_thread_origin origin;
} pt_birth;

/* Whether the running thread is detached: nobody can join it, so its exit
 * releases nothing (the record would stay at its address until a later
 * thread there exits). */
static bool pt_self_detached(void)
{
    pthread_attr_t a;
    int state = PTHREAD_CREATE_JOINABLE;
    if (pthread_getattr_np(pthread_self(), &a) == 0) {
        pthread_attr_getdetachstate(&a, &state);
        pthread_attr_destroy(&a);
    }
    return state == PTHREAD_CREATE_DETACHED;
}

bool gs_posix_self_detached(void)
{
    return pt_self_detached();
}

/* The thread's last act however it ends: a return from its function, or
 * (as a cancellation cleanup handler) pthread_exit or a cancellation. */
static void pt_exit_edges(void *p)
{
    pt_birth *b = p;
    gs_thread_exit(b, pt_self_detached() ? NULL : (const void *)pthread_self());
    gs_free(b);
}

/* The running thread's whole stack block, TLS included (glibc reports
 * the block minus its guard). */
static void pt_forget_old_stack(void)
{
    pthread_attr_t a;
    void *lo = NULL;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &a) != 0)
        return;
    if (pthread_attr_getstack(&a, &lo, &size) == 0 && lo)
        gs_engine_on_new_stack((uintptr_t)lo, (uintptr_t)lo + size);
    pthread_attr_destroy(&a);
}

static void *pt_trampoline(void *p)
{
    pt_birth *b = p;
    void *r;
    gs_thread_start(b, b->origin); /* first: pthread_getattr_np mallocs, and
                                      the thread's first event takes its birth */
    /* The library's workers run goroutines on goroutine stacks, and their
     * malloc here would make each one a numbered thread in reports. */
    if (!gs_pc_in_library((uintptr_t)b->start)) {
        pt_forget_old_stack();
        gs_thread_late_exit_arm(); /* its TSD destructors run after pt_exit_edges */
    }
    pthread_cleanup_push(pt_exit_edges, b);
    r = b->start(b->arg);
    pthread_cleanup_pop(1);
    return r;
}

int gs_posix_thread_create(pthread_t *th, const pthread_attr_t *attr, void *(*start)(void *), void *arg,
                           void *pc)
{
    PT_REAL(pthread_create, NULL);
    pt_birth *b = gs_alloc(sizeof *b);
    b->start = start;
    b->arg = arg;
    b->origin = gs_thread_birth(b, pc);
    int rc = real(th, attr, pt_trampoline, b);
    if (rc != 0) {
        gs_thread_joined(b); /* no child: take the record back */
        gs_free(b);
    }
    return rc;
}

int pthread_create(pthread_t *th, const pthread_attr_t *attr, void *(*start)(void *), void *arg)
{
    return gs_posix_thread_create(th, attr, start, arg, PT_PC());
}

static int pt_joined(int rc, pthread_t th)
{
    if (rc == 0)
        gs_thread_joined((const void *)th);
    return rc;
}

int pthread_join(pthread_t th, void **ret)
{
    PT_REAL(pthread_join, NULL);
    return pt_joined(real(th, ret), th);
}

int pthread_tryjoin_np(pthread_t th, void **ret)
{
    PT_REAL(pthread_tryjoin_np, NULL);
    return pt_joined(real(th, ret), th);
}

int pthread_timedjoin_np(pthread_t th, void **ret, const struct timespec *abstime)
{
    PT_REAL(pthread_timedjoin_np, NULL);
    return pt_joined(real(th, ret, abstime), th);
}

int pthread_clockjoin_np(pthread_t th, void **ret, clockid_t clock, const struct timespec *abstime)
{
    PT_REAL(pthread_clockjoin_np, NULL);
    return pt_joined(real(th, ret, clock, abstime), th);
}

/* The object accesses of a call (sync_object_access.h), made where the
 * macro is: PT_PC() is the interceptor's own return address. */
#define PT_WRITES(obj, fn, kind) gs_sync_object_write((obj), GS_SO_CALL(fn, kind), PT_PC())
#define PT_READS(obj, fn, kind) gs_sync_object_read((obj), GS_SO_CALL(fn, kind), PT_PC())

/* ---- mutexes and spin locks */

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
    PT_REAL(pthread_mutex_init, NULL);
    PT_WRITES(m, pthread_mutex_init, GS_SO_MUTEX);
    return real(m, attr);
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
    PT_REAL(pthread_mutex_destroy, NULL);
    PT_WRITES(m, pthread_mutex_destroy, GS_SO_MUTEX);
    return real(m);
}

static int pt_locked(int rc, const void *m)
{
    if (rc == 0)
        pt_acquire(m, GS_SYNC_PLAIN);
    return rc;
}

/* A lock call's outcome: the acquire, and the LOCKED event (events: the
 * lock feeds the lock-order graph). */
static int pt_mutex_locked(int rc, const void *m, bool events, void *pc)
{
    if (rc == 0 && events)
        pt_event(GO_MUTEX_LOCKED, m, false, pc);
    return pt_locked(rc, m);
}

/* call: the unlock's api frame (pthread_mutex_unlock, or the wait that
 * unlocks inside glibc). */
static void pt_mutex_unlocking(const void *m, bool events, const gs_api_call *call, void *pc)
{
    gs_sync_object_read(m, call, pc);
    if (events)
        pt_event(GO_MUTEX_UNLOCK, m, false, pc);
    pt_release(m, GS_SYNC_PLAIN);
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
    PT_REAL(pthread_mutex_lock, NULL);
    PT_READS(m, pthread_mutex_lock, GS_SO_MUTEX);
    bool events = !pt_recursive(m);
    if (events)
        pt_event(GO_MUTEX_PRE_LOCK, m, false, PT_PC());
    return pt_mutex_locked(real(m), m, events, PT_PC());
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
    PT_REAL(pthread_mutex_trylock, NULL);
    PT_READS(m, pthread_mutex_trylock, GS_SO_MUTEX);
    return pt_mutex_locked(real(m), m, !pt_recursive(m), PT_PC());
}

int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abstime)
{
    PT_REAL(pthread_mutex_timedlock, NULL);
    PT_READS(m, pthread_mutex_timedlock, GS_SO_MUTEX);
    return pt_mutex_locked(real(m, abstime), m, !pt_recursive(m), PT_PC());
}

int pthread_mutex_clocklock(pthread_mutex_t *m, clockid_t clock, const struct timespec *abstime)
{
    PT_REAL(pthread_mutex_clocklock, NULL);
    PT_READS(m, pthread_mutex_clocklock, GS_SO_MUTEX);
    return pt_mutex_locked(real(m, clock, abstime), m, !pt_recursive(m), PT_PC());
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
    PT_REAL(pthread_mutex_unlock, NULL);
    pt_mutex_unlocking(m, !pt_recursive(m), GS_SO_CALL(pthread_mutex_unlock, GS_SO_MUTEX), PT_PC());
    return real(m);
}

int pthread_spin_init(pthread_spinlock_t *l, int pshared)
{
    PT_REAL(pthread_spin_init, NULL);
    PT_WRITES((const void *)l, pthread_spin_init, GS_SO_SPIN);
    return real(l, pshared);
}

int pthread_spin_destroy(pthread_spinlock_t *l)
{
    PT_REAL(pthread_spin_destroy, NULL);
    PT_WRITES((const void *)l, pthread_spin_destroy, GS_SO_SPIN);
    return real(l);
}

int pthread_spin_lock(pthread_spinlock_t *l)
{
    PT_REAL(pthread_spin_lock, NULL);
    PT_READS((const void *)l, pthread_spin_lock, GS_SO_SPIN);
    pt_event(GO_MUTEX_PRE_LOCK, (const void *)l, false, PT_PC());
    return pt_mutex_locked(real(l), (const void *)l, true, PT_PC());
}

int pthread_spin_trylock(pthread_spinlock_t *l)
{
    PT_REAL(pthread_spin_trylock, NULL);
    PT_READS((const void *)l, pthread_spin_trylock, GS_SO_SPIN);
    return pt_mutex_locked(real(l), (const void *)l, true, PT_PC());
}

int pthread_spin_unlock(pthread_spinlock_t *l)
{
    PT_REAL(pthread_spin_unlock, NULL);
    pt_mutex_unlocking((const void *)l, true, GS_SO_CALL(pthread_spin_unlock, GS_SO_SPIN), PT_PC());
    return real(l);
}

/* ---- rwlocks: readers acquire writers' releases only; a writer acquires
 * both the writers' and the readers' releases */

static int pt_rdlocked(int rc, const void *l, void *pc)
{
    if (rc == 0)
        pt_event(GO_MUTEX_RLOCKED, l, true, pc);
    return pt_locked(rc, l);
}

static int pt_wrlocked(int rc, const void *l, void *pc)
{
    if (rc == 0) {
        pt_event(GO_MUTEX_LOCKED, l, true, pc);
        pt_acquire(l, GS_SYNC_RW_READERS);
    }
    return pt_locked(rc, l);
}

int pthread_rwlock_init(pthread_rwlock_t *l, const pthread_rwlockattr_t *attr)
{
    PT_REAL(pthread_rwlock_init, NULL);
    PT_WRITES(l, pthread_rwlock_init, GS_SO_RWLOCK);
    return real(l, attr);
}

int pthread_rwlock_destroy(pthread_rwlock_t *l)
{
    PT_REAL(pthread_rwlock_destroy, NULL);
    PT_WRITES(l, pthread_rwlock_destroy, GS_SO_RWLOCK);
    return real(l);
}

int pthread_rwlock_rdlock(pthread_rwlock_t *l)
{
    PT_REAL(pthread_rwlock_rdlock, NULL);
    PT_READS(l, pthread_rwlock_rdlock, GS_SO_RWLOCK);
    pt_event(GO_MUTEX_PRE_RLOCK, l, true, PT_PC());
    return pt_rdlocked(real(l), l, PT_PC());
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t *l)
{
    PT_REAL(pthread_rwlock_tryrdlock, NULL);
    PT_READS(l, pthread_rwlock_tryrdlock, GS_SO_RWLOCK);
    return pt_rdlocked(real(l), l, PT_PC());
}

int pthread_rwlock_timedrdlock(pthread_rwlock_t *l, const struct timespec *abstime)
{
    PT_REAL(pthread_rwlock_timedrdlock, NULL);
    PT_READS(l, pthread_rwlock_timedrdlock, GS_SO_RWLOCK);
    return pt_rdlocked(real(l, abstime), l, PT_PC());
}

int pthread_rwlock_clockrdlock(pthread_rwlock_t *l, clockid_t clock, const struct timespec *abstime)
{
    PT_REAL(pthread_rwlock_clockrdlock, NULL);
    PT_READS(l, pthread_rwlock_clockrdlock, GS_SO_RWLOCK);
    return pt_rdlocked(real(l, clock, abstime), l, PT_PC());
}

int pthread_rwlock_wrlock(pthread_rwlock_t *l)
{
    PT_REAL(pthread_rwlock_wrlock, NULL);
    PT_READS(l, pthread_rwlock_wrlock, GS_SO_RWLOCK);
    pt_event(GO_MUTEX_PRE_LOCK, l, true, PT_PC());
    return pt_wrlocked(real(l), l, PT_PC());
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *l)
{
    PT_REAL(pthread_rwlock_trywrlock, NULL);
    PT_READS(l, pthread_rwlock_trywrlock, GS_SO_RWLOCK);
    return pt_wrlocked(real(l), l, PT_PC());
}

int pthread_rwlock_timedwrlock(pthread_rwlock_t *l, const struct timespec *abstime)
{
    PT_REAL(pthread_rwlock_timedwrlock, NULL);
    PT_READS(l, pthread_rwlock_timedwrlock, GS_SO_RWLOCK);
    return pt_wrlocked(real(l, abstime), l, PT_PC());
}

int pthread_rwlock_clockwrlock(pthread_rwlock_t *l, clockid_t clock, const struct timespec *abstime)
{
    PT_REAL(pthread_rwlock_clockwrlock, NULL);
    PT_READS(l, pthread_rwlock_clockwrlock, GS_SO_RWLOCK);
    return pt_wrlocked(real(l, clock, abstime), l, PT_PC());
}

int pthread_rwlock_unlock(pthread_rwlock_t *l)
{
    PT_REAL(pthread_rwlock_unlock, NULL);
    PT_READS(l, pthread_rwlock_unlock, GS_SO_RWLOCK);
    /* glibc records the thread holding it for writing (a public field of
     * its pthread_rwlock_t); any other unlock is a reader's */
    bool writer = gosan_glibc_rwlock_writer(l) == gs_thread_tid();
    pt_event(writer ? GO_MUTEX_UNLOCK : GO_MUTEX_RUNLOCK, l, true, PT_PC());
    pt_release(l, writer ? GS_SYNC_PLAIN : GS_SYNC_RW_READERS);
    return real(l);
}

/* ---- condition variables (the 2.3.2 ABI, as the program's headers) */

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr)
{
    PT_REAL(pthread_cond_init, "GLIBC_2.3.2");
    PT_WRITES(c, pthread_cond_init, GS_SO_COND);
    return real(c, attr);
}

int pthread_cond_destroy(pthread_cond_t *c)
{
    PT_REAL(pthread_cond_destroy, "GLIBC_2.3.2");
    PT_WRITES(c, pthread_cond_destroy, GS_SO_COND);
    return real(c);
}

/* A wait reads c, and unlocks m inside glibc and locks it again before
 * returning (even on a timeout), reading m each time; mcall is the wait's
 * api frame for m. */
static void pt_waiting(pthread_cond_t *c, pthread_mutex_t *m, const gs_api_call *ccall,
                       const gs_api_call *mcall, void *pc)
{
    gs_sync_object_read(c, ccall, pc);
    pt_mutex_unlocking(m, !pt_recursive(m), mcall, pc);
}

static int pt_woken(int rc, pthread_cond_t *c, pthread_mutex_t *m, const gs_api_call *mcall, void *pc)
{
    gs_sync_object_read(m, mcall, pc);
    pt_mutex_locked(0, m, !pt_recursive(m), pc);
    if (rc == 0)
        pt_acquire(c, GS_SYNC_PLAIN);
    return rc;
}

int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
    PT_REAL(pthread_cond_wait, "GLIBC_2.3.2");
    const gs_api_call *mcall = GS_SO_CALL(pthread_cond_wait, GS_SO_MUTEX);
    pt_waiting(c, m, GS_SO_CALL(pthread_cond_wait, GS_SO_COND), mcall, PT_PC());
    return pt_woken(real(c, m), c, m, mcall, PT_PC());
}

int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *abstime)
{
    PT_REAL(pthread_cond_timedwait, "GLIBC_2.3.2");
    const gs_api_call *mcall = GS_SO_CALL(pthread_cond_timedwait, GS_SO_MUTEX);
    pt_waiting(c, m, GS_SO_CALL(pthread_cond_timedwait, GS_SO_COND), mcall, PT_PC());
    return pt_woken(real(c, m, abstime), c, m, mcall, PT_PC());
}

int pthread_cond_clockwait(pthread_cond_t *c, pthread_mutex_t *m, clockid_t clock, const struct timespec *abstime)
{
    PT_REAL(pthread_cond_clockwait, NULL);
    const gs_api_call *mcall = GS_SO_CALL(pthread_cond_clockwait, GS_SO_MUTEX);
    pt_waiting(c, m, GS_SO_CALL(pthread_cond_clockwait, GS_SO_COND), mcall, PT_PC());
    return pt_woken(real(c, m, clock, abstime), c, m, mcall, PT_PC());
}

int pthread_cond_signal(pthread_cond_t *c)
{
    PT_REAL(pthread_cond_signal, "GLIBC_2.3.2");
    PT_READS(c, pthread_cond_signal, GS_SO_COND);
    pt_release(c, GS_SYNC_PLAIN);
    return real(c);
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
    PT_REAL(pthread_cond_broadcast, "GLIBC_2.3.2");
    PT_READS(c, pthread_cond_broadcast, GS_SO_COND);
    pt_release(c, GS_SYNC_PLAIN);
    return real(c);
}

/* ---- semaphores and barriers */

int sem_init(sem_t *s, int pshared, unsigned value)
{
    PT_REAL(sem_init, NULL);
    PT_WRITES(s, sem_init, GS_SO_SEM);
    return real(s, pshared, value);
}

int sem_destroy(sem_t *s)
{
    PT_REAL(sem_destroy, NULL);
    PT_WRITES(s, sem_destroy, GS_SO_SEM);
    return real(s);
}

int sem_post(sem_t *s)
{
    PT_REAL(sem_post, NULL);
    PT_READS(s, sem_post, GS_SO_SEM);
    pt_release(s, GS_SYNC_PLAIN);
    return real(s);
}

int sem_wait(sem_t *s)
{
    PT_REAL(sem_wait, NULL);
    PT_READS(s, sem_wait, GS_SO_SEM);
    return pt_locked(real(s), s);
}

int sem_trywait(sem_t *s)
{
    PT_REAL(sem_trywait, NULL);
    PT_READS(s, sem_trywait, GS_SO_SEM);
    return pt_locked(real(s), s);
}

int sem_timedwait(sem_t *s, const struct timespec *abstime)
{
    PT_REAL(sem_timedwait, NULL);
    PT_READS(s, sem_timedwait, GS_SO_SEM);
    return pt_locked(real(s, abstime), s);
}

int sem_clockwait(sem_t *s, clockid_t clock, const struct timespec *abstime)
{
    PT_REAL(sem_clockwait, NULL);
    PT_READS(s, sem_clockwait, GS_SO_SEM);
    return pt_locked(real(s, clock, abstime), s);
}

int pthread_barrier_init(pthread_barrier_t *b, const pthread_barrierattr_t *attr, unsigned count)
{
    PT_REAL(pthread_barrier_init, NULL);
    PT_WRITES(b, pthread_barrier_init, GS_SO_BARRIER);
    return real(b, attr, count);
}

int pthread_barrier_destroy(pthread_barrier_t *b)
{
    PT_REAL(pthread_barrier_destroy, NULL);
    PT_WRITES(b, pthread_barrier_destroy, GS_SO_BARRIER);
    return real(b);
}

/* One read, before the arrival's release: every departure acquires every
 * arrival, so a thread may destroy the barrier as soon as its own wait
 * returns. */
int pthread_barrier_wait(pthread_barrier_t *b)
{
    PT_REAL(pthread_barrier_wait, NULL);
    PT_READS(b, pthread_barrier_wait, GS_SO_BARRIER);
    pt_release(b, GS_SYNC_PLAIN);
    int rc = real(b);
    pt_acquire(b, GS_SYNC_PLAIN);
    return rc;
}

/* ---- pthread_once: the initialiser takes no argument, so the once
 * control it runs for travels in a thread-local (saved around a nested
 * pthread_once) */

static __thread pthread_once_t *pt_once_ctl;
static __thread void (*pt_once_fn)(void);

static void pt_once_trampoline(void)
{
    pthread_once_t *ctl = pt_once_ctl;
    pt_once_fn();
    pt_release(ctl, GS_SYNC_PLAIN);
}

int pthread_once(pthread_once_t *ctl, void (*init)(void))
{
    PT_REAL(pthread_once, NULL);
    pthread_once_t *saved_ctl = pt_once_ctl;
    void (*saved_fn)(void) = pt_once_fn;
    pt_once_ctl = ctl;
    pt_once_fn = init;
    int rc = real(ctl, pt_once_trampoline);
    pt_once_ctl = saved_ctl;
    pt_once_fn = saved_fn;
    if (rc == 0)
        pt_acquire(ctl, GS_SYNC_PLAIN);
    return rc;
}
