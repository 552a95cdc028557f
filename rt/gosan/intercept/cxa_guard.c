/* cxa_guard.c - C++ function-local statics (`static T obj = init();`, the
 * Meyers singleton): the initialisation happens before every use of the
 * object, on any thread or goroutine.
 *
 * The compiler guards such a static with a guard variable and the C++ ABI's
 * __cxa_guard_acquire/release/abort.  Every use first loads the guard's
 * first byte with an acquire load, inlined into the function; only when it
 * reads 0 (not yet initialised) does it call __cxa_guard_acquire, which
 * returns 1 to the one caller that must run the initialiser (it then calls
 * __cxa_guard_release, or __cxa_guard_abort on an exception) and 0 to
 * callers that find it done, waiting meanwhile for an initialisation in
 * progress.  The C++ runtime that implements them is not instrumented, so
 * without these interceptors its release store of the guard synchronised
 * nothing, and every use of the object on another thread was reported as
 * racing with its constructor.
 *
 * The edges go through the sync object of the guard's address, the one an
 * instrumented atomic load of the guard byte acquires (race/atomic.c):
 *   - __cxa_guard_release releases there before the C++ runtime stores
 *     the "done" byte, so a later inlined acquire load that reads it
 *     finds the initialiser's clock (a reader that sees 1 takes the fast
 *     path and never calls __cxa_guard_acquire);
 *   - __cxa_guard_acquire returning 0 acquires there (it waited for, or
 *     found, a finished initialisation);
 *   - __cxa_guard_abort releases nothing: the next caller initialises.
 * Nothing else is ordered: two users of the object, after its
 * initialisation, are not ordered with each other.
 *
 * Each forwards to the C++ runtime's definition (dlsym(RTLD_NEXT)),
 * looked up on first use, so C programs, which have none, are unaffected.
 */
#include <dlfcn.h>
#include <stdint.h>

#include "log.h"
#include "syncobj.h"
#include "thread_hb.h"

/* The Itanium C++ ABI's guard object, 64 bits on x86-64. */
typedef int64_t cg_guard;

int __cxa_guard_acquire(cg_guard *g);
void __cxa_guard_release(cg_guard *g);
void __cxa_guard_abort(cg_guard *g);

static void *cg_lookup(const char *name)
{
    void *f = dlsym(RTLD_NEXT, name);
    if (!f) /* a static C++ runtime: its definition is not linked in */
        gs_die("cannot find the C++ runtime's %s to forward to (is libstdc++ or libc++ linked statically?)", name);
    return f;
}

/* The C++ runtime's NAME, resolved once, as `real`. */
#define CG_REAL(name)                                                                              \
    static __typeof__(&name) cg_real_##name;                                                       \
    if (!__atomic_load_n(&cg_real_##name, __ATOMIC_ACQUIRE))                                       \
        __atomic_store_n(&cg_real_##name, (__typeof__(&name))cg_lookup(#name), __ATOMIC_RELEASE);  \
    __typeof__(&name) real = cg_real_##name

int __cxa_guard_acquire(cg_guard *g)
{
    CG_REAL(__cxa_guard_acquire);
    int must_init = real(g);
    if (!must_init)
        gs_pthread_sync(g, GS_SYNC_PLAIN, GS_SYNC_OP_ACQUIRE);
    return must_init;
}

void __cxa_guard_release(cg_guard *g)
{
    CG_REAL(__cxa_guard_release);
    gs_pthread_sync(g, GS_SYNC_PLAIN, GS_SYNC_OP_RELEASE);
    real(g);
}

void __cxa_guard_abort(cg_guard *g)
{
    CG_REAL(__cxa_guard_abort);
    real(g);
}
