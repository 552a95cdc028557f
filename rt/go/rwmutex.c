/* rwmutex.c - go_rwmutex, Go's sync.RWMutex with writer preference.
 *
 * Go's algorithm, field for field:
 *  - _w serialises writers (a bare gomu_* mutex: it emits no checker events
 *    of its own; the RWMutex's events name the RWMutex).
 *  - _readers counts active readers.  A writer subtracts RW_MAX_READERS, so
 *    a negative count means "writer pending or active": new RLocks then wait
 *    on the reader semaphore (writer preference, no writer starvation).
 *  - _departing is how many of the readers active when the writer arrived
 *    it still waits for; the last of them releases the writer semaphore.
 *  - Unlock adds RW_MAX_READERS back and releases the reader semaphore once
 *    per reader that arrived meanwhile, before releasing _w: every reader
 *    waiting when a writer unlocks gets in ahead of the next writer (no
 *    reader starvation).
 * Semaphores (under _lock): readers queue on _rhead/_rtail with the banked
 * release count in _pad; the writer semaphore has one slot, _writer: NULL,
 * RW_WRITER_TOKEN (released before the writer queued) or the parked writer.
 */
#include <stdatomic.h>

#include "hb.h"
#include "mutex.h"
#include "semaq.h"

#define RW_MAX_READERS (1 << 30)
#define RW_WRITER_TOKEN ((void *)1)

_Static_assert(offsetof(go_rwmutex, _rtail) == offsetof(go_rwmutex, _rhead) + sizeof(void *),
               "go_rwmutex's reader queue must be a head/tail pair");

static inline _Atomic int32_t *rw_readers(go_rwmutex *m)
{
    return (_Atomic int32_t *)(void *)&m->_readers;
}
static inline _Atomic int32_t *rw_departing(go_rwmutex *m)
{
    return (_Atomic int32_t *)(void *)&m->_departing;
}

static void rw_writer_acquire(go_rwmutex *m, void *pc)
{
    golock *l = golock_of(&m->_lock);
    golock_lock(l);
    if (m->_writer == RW_WRITER_TOKEN) {
        m->_writer = NULL;
        golock_unlock(l);
        return;
    }
    semaq_waiter w = {.g = go_self()};
    m->_writer = &w;
    go_park(GO_WAIT_RWMUTEX_LOCK, m, l, pc);
}

static void rw_writer_release(go_rwmutex *m)
{
    golock *l = golock_of(&m->_lock);
    golock_lock(l);
    semaq_waiter *w = m->_writer;
    if (!w) {
        m->_writer = RW_WRITER_TOKEN;
        golock_unlock(l);
        return;
    }
    m->_writer = NULL;
    go_g *g = w->g;
    golock_unlock(l);
    go_ready(g);
}

static _Noreturn void rw_misuse(go_rwmutex *m, const char *msg, void *pc)
{
    go_hb_misuse(GO_MISUSE_UNLOCK_UNLOCKED, m, pc);
    go_fatal(msg);
}

/* ---------------------------------------------------------------- readers */

void go_rwmutex_rlock(go_rwmutex *m)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    go_hb_read(m, GO_HB_OBJ_READ_SIZE, GO_OBJ_RWMUTEX, pc);
    go_hb_mutex(GO_MUTEX_PRE_RLOCK, m, true, pc);
    if (atomic_fetch_add_explicit(rw_readers(m), 1, memory_order_acquire) + 1 < 0)
        semaq_acquire(golock_of(&m->_lock), SEMAQ_OF(m, _rhead), &m->_pad,
                      GO_WAIT_RWMUTEX_RLOCK, m, pc);
    go_hb_mutex(GO_MUTEX_RLOCKED, m, true, pc);
}

bool go_rwmutex_tryrlock(go_rwmutex *m)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    go_hb_read(m, GO_HB_OBJ_READ_SIZE, GO_OBJ_RWMUTEX, pc);
    int32_t c = atomic_load_explicit(rw_readers(m), memory_order_relaxed);
    do {
        if (c < 0)
            return false;
    } while (!atomic_compare_exchange_weak_explicit(rw_readers(m), &c, c + 1,
                                                    memory_order_acquire, memory_order_relaxed));
    go_hb_mutex(GO_MUTEX_RLOCKED, m, true, pc);
    return true;
}

static void rw_runlock_slow(go_rwmutex *m, int32_t r, void *pc)
{
    if (r + 1 == 0 || r + 1 == -RW_MAX_READERS)
        rw_misuse(m, "sync: RUnlock of unlocked RWMutex", pc);
    /* A writer is pending: the last departing reader lets it in. */
    if (atomic_fetch_sub_explicit(rw_departing(m), 1, memory_order_release) - 1 == 0)
        rw_writer_release(m);
}

void go_rwmutex_runlock(go_rwmutex *m)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    go_hb_read(m, GO_HB_OBJ_READ_SIZE, GO_OBJ_RWMUTEX, pc);
    int32_t c = atomic_load_explicit(rw_readers(m), memory_order_relaxed);
    if (c == 0 || c == -RW_MAX_READERS)
        rw_misuse(m, "sync: RUnlock of unlocked RWMutex", pc);
    go_hb_mutex(GO_MUTEX_RUNLOCK, m, true, pc);
    int32_t r = atomic_fetch_sub_explicit(rw_readers(m), 1, memory_order_release) - 1;
    if (r < 0)
        rw_runlock_slow(m, r, pc);
}

/* ---------------------------------------------------------------- writers */

void go_rwmutex_lock(go_rwmutex *m)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    go_hb_read(m, GO_HB_OBJ_READ_SIZE, GO_OBJ_RWMUTEX, pc);
    go_hb_mutex(GO_MUTEX_PRE_LOCK, m, true, pc);
    gomu_lock(&m->_w, GO_WAIT_RWMUTEX_LOCK, m, pc);
    /* Announce the writer, then wait for the readers already inside. */
    int32_t r = atomic_fetch_sub_explicit(rw_readers(m), RW_MAX_READERS, memory_order_acquire);
    if (r != 0 &&
        atomic_fetch_add_explicit(rw_departing(m), r, memory_order_acquire) + r != 0)
        rw_writer_acquire(m, pc);
    go_hb_mutex(GO_MUTEX_LOCKED, m, true, pc);
}

bool go_rwmutex_trylock(go_rwmutex *m)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    go_hb_read(m, GO_HB_OBJ_READ_SIZE, GO_OBJ_RWMUTEX, pc);
    if (!gomu_trylock(&m->_w))
        return false;
    int32_t zero = 0;
    if (!atomic_compare_exchange_strong_explicit(rw_readers(m), &zero, -RW_MAX_READERS,
                                                 memory_order_acquire, memory_order_relaxed)) {
        gomu_unlock(&m->_w);
        return false;
    }
    go_hb_mutex(GO_MUTEX_LOCKED, m, true, pc);
    return true;
}

void go_rwmutex_unlock(go_rwmutex *m)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    go_hb_read(m, GO_HB_OBJ_READ_SIZE, GO_OBJ_RWMUTEX, pc);
    if (atomic_load_explicit(rw_readers(m), memory_order_relaxed) >= 0)
        rw_misuse(m, "sync: Unlock of unlocked RWMutex", pc);
    go_hb_mutex(GO_MUTEX_UNLOCK, m, true, pc);
    /* Let readers in: those that queued meanwhile are woken here. */
    int32_t r = atomic_fetch_add_explicit(rw_readers(m), RW_MAX_READERS, memory_order_release) +
                RW_MAX_READERS;
    if (r >= RW_MAX_READERS)
        rw_misuse(m, "sync: Unlock of unlocked RWMutex", pc);
    if (r > 0)
        semaq_release_n(golock_of(&m->_lock), SEMAQ_OF(m, _rhead), &m->_pad, (uint32_t)r);
    if (!gomu_unlock(&m->_w))
        rw_misuse(m, "sync: Unlock of unlocked RWMutex", pc);
}
