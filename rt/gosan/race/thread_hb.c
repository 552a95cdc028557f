/* thread_hb.c - the engine side of POSIX threads (see thread_hb.h): the
 * happens-before edges of thread creation, exit and join, and of the
 * pthread objects whose interceptors (intercept/posix_threads.c) ask for
 * them.
 *
 * A thread's birth is a release-store by the parent into a sync object
 * keyed by the birth record's address (tag GS_SYNC_THREAD); the child
 * acquires it when its state is created (gs_thread_state_created), which
 * happens at its first checked event, and then drops the object.  A thread
 * whose state never exists (the library's workers run goroutines, each with
 * its own state) only drops it at exit.  Its exit is a release-store keyed
 * by its pthread_t, acquired and dropped by a successful join; a pthread_t
 * reused after a join so starts clean.
 *
 * Called on the thread itself from the interceptors; the only state is the
 * thread's own pending birth record (thread-local), the rest is the sync
 * objects' (syncobj.h, under their locks).
 */
#include "thread_hb.h"

#include "callnode.h"

#include "call_stack.h"
#include "goroutine_record.h"
#include "range_memo.h"
#include "syncobj.h"

/* The birth record this thread has not acquired yet, or NULL, and where
 * the thread was created. */
static __thread const void *pending_birth;
static __thread gs_thread_origin pending_origin;

gs_thr *gs_thread_hb_caller(void)
{
    if (!gs_engine_ready || (!gs_cur && gs_thr_runs_goroutines))
        return NULL;
    return gs_thr_current();
}

static void drop(const void *key)
{
    gs_sync_free_range((uintptr_t)key, 1);
}

void gs_pthread_sync(const void *addr, int tag, int op)
{
    gs_thr *t = gs_thread_hb_caller();
    if (t) /* even in an ignore region: a lost edge would be a false report later */
        gs_sync_at(t, (uintptr_t)addr, (uint8_t)tag, (gs_sync_op)op, false);
}

gs_thread_origin gs_thread_birth(const void *key, void *pc)
{
    gs_thread_origin o = {0, 0};
    gs_thr *t = gs_thread_hb_caller();
    if (!t)
        return o;
    o.parent = t->goid;
    o.node = gs_current_node(t, (uintptr_t)pc - 1);
    gs_sync_at(t, (uintptr_t)key, GS_SYNC_THREAD, GS_SYNC_OP_RELEASE_STORE, false);
    return o;
}

void gs_thread_start(const void *key, gs_thread_origin origin)
{
    pending_birth = key;
    pending_origin = origin;
}

/* Reports show a thread's creator and creation stack, as a goroutine's. */
static void note_origin(gs_thr *t, gs_thread_origin o)
{
    t->parent = o.parent;
    t->create_node = o.node;
    gs_grec_set_origin(t->goid, o.parent, o.node);
}

void gs_thread_state_created(gs_thr *t)
{
    const void *key = pending_birth;
    if (!key)
        return;
    pending_birth = NULL;
    note_origin(t, pending_origin);
    gs_sync_at(t, (uintptr_t)key, GS_SYNC_THREAD, GS_SYNC_OP_ACQUIRE, false);
    drop(key);
}

void gs_thread_exit(const void *key, const void *self)
{
    gs_range_memo_thread_exit();
    gs_node_cache_thread_exit();
    if (pending_birth == key) { /* never needed a state: nothing to release */
        pending_birth = NULL;
        drop(key);
        return;
    }
    /* its own state, or the goroutine it runs as when the library adopted
     * it (that goroutine is retired later, by a key destructor) */
    gs_thr *t = gs_engine_ready ? gs_cur : NULL;
    if (!t)
        return;
    if (self) /* NULL: detached, nobody will join */
        gs_sync_at(t, (uintptr_t)self, GS_SYNC_THREAD, GS_SYNC_OP_RELEASE_STORE, false);
    if (t->is_thread)
        gs_grec_set_state(t->goid, GS_GREC_FINISHED);
}

void gs_thread_joined(const void *self)
{
    gs_thr *t = gs_thread_hb_caller();
    if (!t)
        return;
    gs_sync_at(t, (uintptr_t)self, GS_SYNC_THREAD, GS_SYNC_OP_ACQUIRE, false);
    drop(self);
}
