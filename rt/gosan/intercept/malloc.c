/* malloc.c - the malloc family interceptors: every block the program
 * allocates is entered in the heap map (heap_map.h) with its allocating
 * goroutine and stack, and the engine records the allocation as a write of
 * the block (its old history gone).  A free goes, in this order, to the
 * free of waited objects check (free_waited.h), to the engine (checked as
 * a write, then marked freed: heap_shadow.h) and to the deadlock detectors
 * (mutexes there are gone).
 *
 * The memory itself comes from glibc's own entry points (__libc_malloc and
 * friends), so this file adds bookkeeping only.  A thread-local depth
 * counter makes everything re-entrant: an allocation made while we are
 * already inside an interceptor on this thread (the engine, dlsym, the
 * symbolizer's spawn) is forwarded untracked, its shadow only cleared (it
 * may be a block the program freed, still marked freed).
 */
#include <dlfcn.h>
#include <errno.h>
#include <string.h>

#include "engine.h"
#include "free_waited.h"
#include "gosan_platform.h"
#include "heap_map.h"
#include "held_locks.h"

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);
extern void *__libc_memalign(size_t, size_t);

static __thread int hp_depth;

/* Inlined into the interceptor, so that its return address is the free
 * call in the program.  mark_freed: the memory stays mapped after the free
 * (glibc unmaps a block that had its own mapping; ask before freeing it),
 * so the engine may mark it freed. */
static inline __attribute__((always_inline)) void hp_engine_free(void *p, const gs_heap_block *b, bool mark_freed)
{
    uintptr_t ret = (uintptr_t)__builtin_return_address(0);
    gs_heap_map_set_freeing(b);
    gs_freewait_check_free((uintptr_t)p, b->size, ret);
    gs_engine_on_free(p, b, ret ? ret - 1 : 0, mark_freed);
    gs_deadlock_forget_range((uintptr_t)p, b->size);
    gs_heap_map_set_freeing(NULL);
}

/* ---- the interceptors */

static void hp_on_alloc(void *p, size_t size, uintptr_t pc)
{
    if (!p)
        return;
    gs_heap_block b = {(uintptr_t)p, size, gs_engine_current_goid(), gs_engine_current_node(pc)};
    gs_heap_map_add(&b);
    gs_engine_on_alloc(p, size, b.node);
}

static inline __attribute__((always_inline)) void hp_on_free(void *p)
{
    gs_heap_block b;
    if (gs_heap_map_remove((uintptr_t)p, &b))
        hp_engine_free(p, &b, !gosan_glibc_chunk_is_mmapped(p));
}

#define HP_TRACKED(expr, size)                                                                     \
    do {                                                                                           \
        if (hp_depth) {                                                                            \
            void *u_ = (expr);                                                                     \
            gs_engine_on_untracked_alloc(u_, (size));                                              \
            return u_;                                                                             \
        }                                                                                          \
        hp_depth++;                                                                                \
        void *p_ = (expr);                                                                         \
        hp_on_alloc(p_, (size), (uintptr_t)__builtin_return_address(0) - 1);                        \
        hp_depth--;                                                                                \
        return p_;                                                                                 \
    } while (0)

void *malloc(size_t size)
{
    HP_TRACKED(__libc_malloc(size), size);
}

void *calloc(size_t n, size_t size)
{
    HP_TRACKED(__libc_calloc(n, size), n * size);
}

void free(void *p)
{
    if (!p)
        return;
    if (!hp_depth) {
        hp_depth++;
        hp_on_free(p);
        hp_depth--;
    }
    __libc_free(p);
}

void cfree(void *p);
void cfree(void *p)
{
    free(p);
}

/* A tracked block is reallocated as a new allocation, a copy and a free, in
 * that order, as TSan's allocator does: glibc's realloc would give the old
 * block back before this thread could record its free, and another thread
 * could allocate it in between, whose new block the late free would then mark
 * freed (false use-after-free and race reports).  The engine forgets the old
 * range and starts the new one clean; the copy itself is not an access by the
 * program.  A block the heap map does not know (allocated before the
 * checker, or untracked) goes to glibc's realloc as it is. */
void *realloc(void *old, size_t size)
{
    if (hp_depth) {
        void *u = __libc_realloc(old, size);
        gs_engine_on_untracked_alloc(u, size);
        return u;
    }
    if (!old)
        HP_TRACKED(__libc_malloc(size), size);
    if (size == 0) {
        free(old);
        return NULL;
    }
    uintptr_t pc = (uintptr_t)__builtin_return_address(0) - 1;
    hp_depth++;
    gs_heap_block b;
    void *p;
    if (gs_heap_map_remove((uintptr_t)old, &b)) {
        p = __libc_malloc(size);
        if (!p) { /* old is still valid: register it again */
            gs_heap_map_add(&b);
            hp_depth--;
            errno = ENOMEM;
            return NULL;
        }
        memcpy(p, old, b.size < size ? b.size : size);
        hp_engine_free(old, &b, !gosan_glibc_chunk_is_mmapped(old));
        __libc_free(old);
    } else {
        p = __libc_realloc(old, size);
    }
    if (p)
        hp_on_alloc(p, size, pc);
    hp_depth--;
    return p;
}

void *reallocarray(void *old, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(old, n * size);
}

void *memalign(size_t align, size_t size)
{
    HP_TRACKED(__libc_memalign(align, size), size);
}

void *aligned_alloc(size_t align, size_t size)
{
    HP_TRACKED(__libc_memalign(align, size), size);
}

void *valloc(size_t size)
{
    HP_TRACKED(__libc_memalign(GOSAN_PAGE_SIZE, size), size);
}

void *pvalloc(size_t size)
{
    size = (size + GOSAN_PAGE_SIZE - 1) & ~(GOSAN_PAGE_SIZE - 1);
    HP_TRACKED(__libc_memalign(GOSAN_PAGE_SIZE, size ? size : GOSAN_PAGE_SIZE), size);
}

int posix_memalign(void **out, size_t align, size_t size)
{
    if (align < sizeof(void *) || (align & (align - 1)))
        return EINVAL;
    void *p;
    if (hp_depth) {
        p = __libc_memalign(align, size);
        gs_engine_on_untracked_alloc(p, size);
    } else {
        hp_depth++;
        p = __libc_memalign(align, size);
        hp_on_alloc(p, size, (uintptr_t)__builtin_return_address(0) - 1);
        hp_depth--;
    }
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

/* The size the program asked for: using more than that is a bug we would
 * rather see than hide. */
size_t malloc_usable_size(void *p)
{
    gs_heap_block b;
    if (!p)
        return 0;
    if (gs_heap_find((uintptr_t)p, &b) && b.base == (uintptr_t)p)
        return b.size;
    /* Untracked (allocated re-entrantly): ask glibc. */
    static size_t (*real)(void *);
    if (!real)
        real = (size_t(*)(void *))dlsym(RTLD_NEXT, "malloc_usable_size");
    return real && real != malloc_usable_size ? real(p) : 0;
}
