/* once.c - go_once, Go's sync.Once.
 *
 * _done turns 1 (release) only after fn has returned, so the fast path is
 * one acquire load.  Concurrent first callers serialise on the embedded
 * mutex _m (bare gomu_*: no checker events, it is not a user lock) and
 * wait there until fn returns; they then see _done and skip fn.  As in Go,
 * fn calling go_once_do on the same Once deadlocks.
 *
 * Checker model: fn's return releases the clock at address o; every
 * go_once_do acquires it before returning.
 */
#include <stdatomic.h>

#include "hb.h"
#include "mutex.h"

static inline _Atomic uint32_t *once_done(go_once *o)
{
    return (_Atomic uint32_t *)(void *)&o->_done;
}

static void once_slow(go_once *o, go_func fn, void *arg, void *pc)
{
    gomu_lock(&o->_m, GO_WAIT_MUTEX, o, pc);
    if (atomic_load_explicit(once_done(o), memory_order_relaxed) == 0) {
        fn(arg);
        go_hb_release(o, pc);
        atomic_store_explicit(once_done(o), 1, memory_order_release);
    }
    gomu_unlock(&o->_m);
}

void go_once_do(go_once *o, go_func fn, void *arg)
{
    go_det_point();
    void *pc = GO_CALLER_PC();
    go_hb_read(o, GO_HB_OBJ_READ_SIZE, GO_OBJ_ONCE, pc);
    if (__builtin_expect(atomic_load_explicit(once_done(o), memory_order_acquire) == 0, 0))
        once_slow(o, fn, arg, pc);
    go_hb_acquire(o, pc);
}
