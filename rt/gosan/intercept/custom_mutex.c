/* custom_mutex.c - locks the program implements itself, annotated for
 * TSan: the __tsan_mutex_* calls of <sanitizer/tsan_interface.h> and the
 * dynamic annotations' AnnotateRWLock*.  An annotated lock is a mutex to
 * every detector: happens-before as a POSIX rwlock (an unlock releases to
 * the next lock; a read unlock releases to the next write lock only), and
 * lock events for the lock-order graph and the wait-cycle detector, with
 * the owner rule of POSIX locks (only the holder unlocks).
 *
 * As in TSan:
 *   - the lock's own code, between pre_lock and post_lock, pre_unlock and
 *     post_unlock, pre_signal and post_signal (less a pre_divert ..
 *     post_divert part), is not checked: its accesses are ignored;
 *   - only a lock that may wait announces the wait (PRE_LOCK, which adds
 *     lock-order edges): not a try-lock, and a failed try-lock is nothing;
 *   - a write-reentrant lock (__tsan_mutex_write_reentrant, and every
 *     AnnotateRWLockCreate'd lock) locked again by its holder is a
 *     recursion level, not a new lock: only the outermost lock and unlock
 *     are lock events (a recursive_lock / recursive_unlock takes or gives
 *     back several levels at once);
 *   - __tsan_mutex_destroy forgets the lock (its clocks, its lock-order
 *     node), unless it was created linker_init, or the destroy says
 *     not_static and the creation did not.
 * Annotated locks' atomics still synchronise (gosan has no ignore of
 * synchronisation): more order than TSan sees, never a false report.
 *
 * Per-lock state is kept only for the locks that need it (creation flags
 * other than none, read locks, recursion levels): a chained hash table of
 * records in the internal allocator's memory (a lock's address in a global
 * of the runtime would be a root of the reachability scan), guarded by
 * cm_lock, a leaf taken by nothing else and released before any call out.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "annotations.h"
#include "engine.h"
#include "go_hooks.h"
#include "held_locks.h"
#include "internal_alloc.h"
#include "spinlock.h"
#include "syncobj.h"
#include "thread_hb.h"

/* <sanitizer/tsan_interface.h>'s flags (its ABI: the values are fixed). */
enum {
    CM_LINKER_INIT = 1u << 0,
    CM_WRITE_REENTRANT = 1u << 1,
    CM_READ_REENTRANT = 1u << 2,
    CM_READ_LOCK = 1u << 3,
    CM_TRY_LOCK = 1u << 4,
    CM_TRY_LOCK_FAILED = 1u << 5,
    CM_RECURSIVE_LOCK = 1u << 6,
    CM_RECURSIVE_UNLOCK = 1u << 7,
    CM_NOT_STATIC = 1u << 8,
    CM_CREATION = CM_LINKER_INIT | CM_WRITE_REENTRANT | CM_READ_REENTRANT | CM_NOT_STATIC,
    /* gosan's own: some read lock was taken (it is an RWMutex in reports) */
    CM_SEEN_READ = 1u << 16,
};

typedef struct cm_rec {
    uintptr_t m;
    unsigned flags;
    uint64_t owner; /* a reentrant lock's writer, 0 if none */
    int depth;      /* its recursion levels */
    struct cm_rec *next;
} cm_rec;

#define CM_BUCKETS 1024u

static gs_splock cm_lock = GS_SPLOCK_INIT;
static cm_rec **cm_table GS_GUARDED_BY(cm_lock);
static uint32_t cm_count; /* records; 0: no lookup needed */

static cm_rec **cm_bucket(uintptr_t m) GS_REQUIRES(cm_lock)
{
    if (!cm_table)
        cm_table = gs_calloc(CM_BUCKETS, sizeof *cm_table);
    return &cm_table[(uint32_t)((m * 0x9e3779b97f4a7c15ull) >> 40) & (CM_BUCKETS - 1)];
}

static cm_rec *cm_find(uintptr_t m, bool create) GS_REQUIRES(cm_lock)
{
    cm_rec **b = cm_bucket(m);
    for (cm_rec *r = *b; r; r = r->next)
        if (r->m == m)
            return r;
    if (!create)
        return NULL;
    cm_rec *r = gs_calloc(1, sizeof *r);
    r->m = m;
    r->next = *b;
    *b = r;
    __atomic_store_n(&cm_count, cm_count + 1, __ATOMIC_RELAXED);
    return r;
}

static void cm_drop(uintptr_t m) GS_REQUIRES(cm_lock)
{
    for (cm_rec **p = cm_bucket(m); *p; p = &(*p)->next)
        if ((*p)->m == m) {
            cm_rec *r = *p;
            *p = r->next;
            gs_free(r);
            __atomic_store_n(&cm_count, cm_count - 1, __ATOMIC_RELAXED);
            return;
        }
}

/* ORs the creation flags of an operation (and whether it is a read lock)
 * into m's record and returns them all; no record is made for none. */
static unsigned cm_note(const void *m, unsigned op_flags)
{
    unsigned add = (op_flags & CM_CREATION) | ((op_flags & CM_READ_LOCK) ? CM_SEEN_READ : 0);
    if (!add && !__atomic_load_n(&cm_count, __ATOMIC_RELAXED))
        return 0;
    gs_splock_lock(&cm_lock);
    cm_rec *r = cm_find((uintptr_t)m, add != 0);
    unsigned flags = 0;
    if (r)
        flags = r->flags |= add;
    gs_splock_unlock(&cm_lock);
    return flags;
}

/* A write lock of a reentrant m by goroutine me, of `levels` levels: true
 * if me held it already (a recursion, no lock event). */
static bool cm_reenter(const void *m, uint64_t me, int levels)
{
    gs_splock_lock(&cm_lock);
    cm_rec *r = cm_find((uintptr_t)m, true);
    bool again = me && r->owner == me && r->depth > 0;
    if (!again) {
        r->owner = me;
        r->depth = 0;
    }
    r->depth += levels > 0 ? levels : 1;
    gs_splock_unlock(&cm_lock);
    return again;
}

/* A write unlock of a reentrant m by its holder me, all levels or one:
 * the levels given back, and in *last whether it is unlocked now. */
static int cm_leave(const void *m, uint64_t me, bool all, bool *last)
{
    int n = 1;
    *last = true;
    gs_splock_lock(&cm_lock);
    cm_rec *r = cm_find((uintptr_t)m, false);
    if (r && r->owner == me && r->depth > 0) {
        n = all ? r->depth : 1;
        r->depth -= n;
        *last = r->depth == 0;
        if (*last)
            r->owner = 0;
    }
    gs_splock_unlock(&cm_lock);
    return n;
}

/* A lock event for the deadlock detectors, as a POSIX lock's (none from the
 * library's scheduler). */
static void cm_event(go_mutex_event ev, const void *m, unsigned flags, void *pc)
{
    if (gs_thread_hb_caller())
        gs_held_locks_posix_event(ev, m, (flags & CM_SEEN_READ) != 0, pc);
}

static void cm_pre_lock(const void *m, unsigned op, void *pc)
{
    unsigned flags = cm_note(m, op);
    if (op & CM_TRY_LOCK)
        return; /* never waits */
    if (op & CM_READ_LOCK) {
        cm_event(GO_MUTEX_PRE_RLOCK, m, flags, pc);
        return;
    }
    uint64_t me = gs_engine_current_goid();
    bool held = false;
    if ((flags & CM_WRITE_REENTRANT) && me) {
        gs_splock_lock(&cm_lock);
        cm_rec *r = cm_find((uintptr_t)m, false);
        held = r && r->owner == me && r->depth > 0;
        gs_splock_unlock(&cm_lock);
    }
    if (!held)
        cm_event(GO_MUTEX_PRE_LOCK, m, flags, pc);
}

static void cm_post_lock(const void *m, unsigned op, int levels, void *pc)
{
    if (op & CM_TRY_LOCK_FAILED)
        return;
    unsigned flags = cm_note(m, op);
    if (op & CM_READ_LOCK) {
        cm_event(GO_MUTEX_RLOCKED, m, flags, pc);
        gs_pthread_sync(m, GS_SYNC_PLAIN, GS_SYNC_OP_ACQUIRE);
        return;
    }
    bool again = (flags & CM_WRITE_REENTRANT) &&
                 cm_reenter(m, gs_engine_current_goid(), (op & CM_RECURSIVE_LOCK) ? levels : 1);
    if (!again)
        cm_event(GO_MUTEX_LOCKED, m, flags, pc);
    gs_pthread_sync(m, GS_SYNC_PLAIN, GS_SYNC_OP_ACQUIRE);
    gs_pthread_sync(m, GS_SYNC_RW_READERS, GS_SYNC_OP_ACQUIRE);
}

/* Returns the recursion levels given back (1 for a lock that is not
 * reentrant, 0 for a read unlock, as TSan). */
static int cm_unlock(const void *m, unsigned op, void *pc)
{
    unsigned flags = cm_note(m, op & ~CM_READ_LOCK);
    if (op & CM_READ_LOCK) {
        cm_event(GO_MUTEX_RUNLOCK, m, flags | CM_SEEN_READ, pc);
        gs_pthread_sync(m, GS_SYNC_RW_READERS, GS_SYNC_OP_RELEASE);
        return 0;
    }
    int levels = 1;
    bool last = true;
    if (flags & CM_WRITE_REENTRANT)
        levels = cm_leave(m, gs_engine_current_goid(), (op & CM_RECURSIVE_UNLOCK) != 0, &last);
    if (last)
        cm_event(GO_MUTEX_UNLOCK, m, flags, pc);
    gs_pthread_sync(m, GS_SYNC_PLAIN, GS_SYNC_OP_RELEASE);
    return levels;
}

static void cm_create(const void *m, unsigned flags)
{
    if (!(flags & CM_CREATION) && !__atomic_load_n(&cm_count, __ATOMIC_RELAXED))
        return;
    gs_splock_lock(&cm_lock);
    cm_rec *r = cm_find((uintptr_t)m, (flags & CM_CREATION) != 0);
    if (r) {
        r->flags = flags & CM_CREATION;
        r->owner = 0;
        r->depth = 0;
    }
    gs_splock_unlock(&cm_lock);
}

static void cm_destroy(const void *m, unsigned flags)
{
    unsigned created = cm_note(m, 0);
    if ((created & CM_LINKER_INIT) || ((flags & CM_NOT_STATIC) && !(created & CM_NOT_STATIC)))
        return;
    if (created) {
        gs_splock_lock(&cm_lock);
        cm_drop((uintptr_t)m);
        gs_splock_unlock(&cm_lock);
    }
    gs_sync_free_range((uintptr_t)m, 1);
    gs_deadlock_forget_range((uintptr_t)m, 1);
}

/* ---- <sanitizer/tsan_interface.h> */

#define CM_PC() __builtin_return_address(0)

void __tsan_mutex_create(void *addr, unsigned flags);
void __tsan_mutex_destroy(void *addr, unsigned flags);
void __tsan_mutex_pre_lock(void *addr, unsigned flags);
void __tsan_mutex_post_lock(void *addr, unsigned flags, int recursion);
int __tsan_mutex_pre_unlock(void *addr, unsigned flags);
void __tsan_mutex_post_unlock(void *addr, unsigned flags);
void __tsan_mutex_pre_signal(void *addr, unsigned flags);
void __tsan_mutex_post_signal(void *addr, unsigned flags);
void __tsan_mutex_pre_divert(void *addr, unsigned flags);
void __tsan_mutex_post_divert(void *addr, unsigned flags);

void __tsan_mutex_create(void *addr, unsigned flags) { cm_create(addr, flags); }
void __tsan_mutex_destroy(void *addr, unsigned flags) { cm_destroy(addr, flags); }

void __tsan_mutex_pre_lock(void *addr, unsigned flags)
{
    cm_pre_lock(addr, flags, CM_PC());
    gs_ann_ignore(+1);
}

void __tsan_mutex_post_lock(void *addr, unsigned flags, int recursion)
{
    gs_ann_ignore(-1);
    cm_post_lock(addr, flags, recursion, CM_PC());
}

int __tsan_mutex_pre_unlock(void *addr, unsigned flags)
{
    int levels = cm_unlock(addr, flags, CM_PC());
    gs_ann_ignore(+1);
    return levels;
}

void __tsan_mutex_post_unlock(void *addr, unsigned flags) { gs_ann_ignore(-1); }
void __tsan_mutex_pre_signal(void *addr, unsigned flags) { gs_ann_ignore(+1); }
void __tsan_mutex_post_signal(void *addr, unsigned flags) { gs_ann_ignore(-1); }
/* The lock's code calls out (a scheduler, a profiler): checked again. */
void __tsan_mutex_pre_divert(void *addr, unsigned flags) { gs_ann_ignore(-1); }
void __tsan_mutex_post_divert(void *addr, unsigned flags) { gs_ann_ignore(+1); }

/* ---- the dynamic annotations' reader-writer locks (reentrant, as TSan) */

void AnnotateRWLockCreate(const char *file, int line, const volatile void *m);
void AnnotateRWLockCreateStatic(const char *file, int line, const volatile void *m);
void AnnotateRWLockDestroy(const char *file, int line, const volatile void *m);
void AnnotateRWLockAcquired(const char *file, int line, const volatile void *m, long is_w);
void AnnotateRWLockReleased(const char *file, int line, const volatile void *m, long is_w);

void AnnotateRWLockCreate(const char *file, int line, const volatile void *m)
{
    cm_create((const void *)m, CM_WRITE_REENTRANT);
}

void AnnotateRWLockCreateStatic(const char *file, int line, const volatile void *m)
{
    cm_create((const void *)m, CM_WRITE_REENTRANT | CM_LINKER_INIT);
}

void AnnotateRWLockDestroy(const char *file, int line, const volatile void *m)
{
    cm_destroy((const void *)m, 0);
}

/* Called once the lock is taken: the wait it may have been is announced
 * now (so it still adds its lock-order edges). */
void AnnotateRWLockAcquired(const char *file, int line, const volatile void *m, long is_w)
{
    unsigned op = is_w ? 0 : CM_READ_LOCK;
    cm_pre_lock((const void *)m, op, CM_PC());
    cm_post_lock((const void *)m, op, 1, CM_PC());
}

void AnnotateRWLockReleased(const char *file, int line, const volatile void *m, long is_w)
{
    cm_unlock((const void *)m, is_w ? 0 : CM_READ_LOCK, CM_PC());
}
