/* vptr.c - the checks of C++ vtable-pointer accesses, which the pass
 * recognises by their TBAA tag ("vtable pointer") and sends here instead of
 * the plain read/write entry points (as TSan's __tsan_vptr_read/update).
 *
 * A constructor or destructor chain stores the vptr once per class level,
 * and the most derived level stores the value the object already has when
 * no base class runs in between (a destructor of a class without bases):
 * such a store changes nothing another goroutine's virtual call could see,
 * so only a store that changes the vptr is checked, as a write.  A vptr load
 * (every virtual call) is a read.
 *
 * Invariant: the comparison reads the vptr without checking it (this file
 * is the checker, never instrumented); a relaxed load, since the value may be
 * changed concurrently by the very race being looked for.
 */
#include <stdint.h>

#include "access.h"
#include "gosan_abi.h"

#define RET_PC() ((uintptr_t)__builtin_return_address(0) - 1)

void __gosan_vptr_update(void **vptr, void *value)
{
    if (__atomic_load_n(vptr, __ATOMIC_RELAXED) == value)
        return;
    gs_access((uintptr_t)vptr, sizeof(void *), GS_K_WRITE, RET_PC());
}

void __gosan_vptr_read(void **vptr)
{
    gs_access((uintptr_t)vptr, sizeof(void *), GS_K_READ, RET_PC());
}
