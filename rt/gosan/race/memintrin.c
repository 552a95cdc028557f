/* memintrin.c - __gosan_memcpy/memmove/memset: the plugin rewrites the
 * memory intrinsics and the libc calls of those names to these.  Each is a
 * read of the source range and a write of the destination range, checked
 * before the copy, then libc does the work (libc's own mem* are not
 * intercepted, so this never recurses). */
#include <string.h>

#include "access.h"
#include "gosan_abi.h"

#define RET_PC() ((uintptr_t)__builtin_return_address(0) - 1)

void *__gosan_memcpy(void *dst, const void *src, size_t n)
{
    uintptr_t pc = RET_PC();
    gs_access_slow((uintptr_t)src, n, GS_K_READ, pc);
    gs_access_slow((uintptr_t)dst, n, GS_K_WRITE, pc);
    return memcpy(dst, src, n);
}

void *__gosan_memmove(void *dst, const void *src, size_t n)
{
    uintptr_t pc = RET_PC();
    gs_access_slow((uintptr_t)src, n, GS_K_READ, pc);
    gs_access_slow((uintptr_t)dst, n, GS_K_WRITE, pc);
    return memmove(dst, src, n);
}

void *__gosan_memset(void *dst, int c, size_t n)
{
    gs_access_slow((uintptr_t)dst, n, GS_K_WRITE, RET_PC());
    return memset(dst, c, n);
}
