/* runtime_thread.c - threads of the runtime's own (the symbolizer's reader,
 * the SIGQUIT watch thread, the deadlock watchdog): created with libc's
 * pthread_create, never through the runtime's interceptor, so they add no
 * happens-before edges and the engine never sees them; and marked private
 * to the library, so its all-asleep check does not wait for them.
 */
#include "runtime_thread.h"

#include <dlfcn.h>

#include "go_hooks.h"
#include "internal_alloc.h"
#include "log.h"

static void *rth_libc_pthread_create(void)
{
    void *f = dlsym(RTLD_NEXT, "pthread_create");
    if (!f) /* a static link: the program's own definition would be this one */
        gs_die("cannot find libc's pthread_create to forward to (is the program linked statically?)");
    return f;
}

/* The library's (weak: the runtime links without it). */
#pragma weak go_hooks_thread_private

typedef struct rth_private {
    void *(*start)(void *);
    void *arg;
} rth_private;

/* A runtime thread tells the library it is not the program's, so the
 * all-asleep check does not wait for it to exit (go_hooks.h). */
static void *rth_private_trampoline(void *p)
{
    rth_private b = *(rth_private *)p;
    gs_free(p);
    if (go_hooks_thread_private)
        go_hooks_thread_private();
    return b.start(b.arg);
}

int gs_pthread_create_raw(pthread_t *th, const pthread_attr_t *attr, void *(*start)(void *), void *arg)
{
    static __typeof__(&pthread_create) real;
    if (!__atomic_load_n(&real, __ATOMIC_ACQUIRE))
        __atomic_store_n(&real, (__typeof__(&pthread_create))rth_libc_pthread_create(), __ATOMIC_RELEASE);
    rth_private *b = gs_alloc(sizeof *b);
    b->start = start;
    b->arg = arg;
    int rc = real(th, attr, rth_private_trampoline, b);
    if (rc != 0)
        gs_free(b);
    return rc;
}

