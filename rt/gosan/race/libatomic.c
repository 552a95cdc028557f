/* libatomic.c - the libatomic calls clang emits for atomics it cannot
 * inline (__atomic_load_16 without -mcx16, __atomic_load(size, ...) for a
 * struct of 24 bytes, an under-aligned __atomic_* builtin).  The plugin
 * redirects each such call to __gosan_libatomic_<op>, passing the original
 * libatomic function as one more argument: the operation itself stays
 * libatomic's (for odd sizes, under the same lock that uninstrumented code
 * takes), and the runtime never references libatomic, which only programs
 * that call it link.  Around the call: an atomic access of the object's
 * bytes and the happens-before of its memory orders (atomic_sync.h), as
 * for inlined atomics.  Without this, a 16-byte release/acquire pair
 * ordered nothing for the checker (false reports on the data it
 * publishes) and the object's own races went unseen.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "access.h"
#include "atomic_sync.h"
#include "gosan_abi.h"

#define RET_PC() ((uintptr_t)__builtin_return_address(0) - 1)

/* The atomic access of the object's bytes, checked before the call. */
static inline void la_check(const volatile void *p, size_t size, int op, uintptr_t pc)
{
    uint64_t kind = (op == GS_AOP_LOAD ? GS_K_READ : GS_K_WRITE) | GS_K_ATOMIC;
    if (gs_engine_ready && size)
        gs_access_slow((uintptr_t)p, size, kind, pc);
}

/* ---- __atomic_OP_N: N = 1, 2, 4, 8, 16 */

#define LA_SIZED(N, T)                                                                               \
    T __gosan_libatomic_load_##N(const volatile void *p, int mo, T (*real)(const volatile void *, int)) \
    {                                                                                                \
        la_check(p, N, GS_AOP_LOAD, RET_PC());                                                       \
        T v;                                                                                         \
        GS_ATOMIC_BRACKET(p, GS_AOP_LOAD, mo, v = real(p, mo));                                      \
        return v;                                                                                    \
    }                                                                                                \
    void __gosan_libatomic_store_##N(volatile void *p, T v, int mo, void (*real)(volatile void *, T, int)) \
    {                                                                                                \
        la_check(p, N, GS_AOP_STORE, RET_PC());                                                      \
        GS_ATOMIC_BRACKET(p, GS_AOP_STORE, mo, real(p, v, mo));                                      \
    }                                                                                                \
    bool __gosan_libatomic_compare_exchange_##N(volatile void *p, T *expected, T desired, int mo,    \
                                                int fail_mo,                                         \
                                                bool (*real)(volatile void *, T *, T, int, int))     \
    {                                                                                                \
        la_check(p, N, GS_AOP_RMW, RET_PC());                                                        \
        gs_atomic_ctx c;                                                                             \
        gs_atomic_begin(&c, (uintptr_t)p, GS_AOP_RMW, mo);                                           \
        bool ok = real(p, expected, desired, mo, fail_mo);                                           \
        gs_atomic_end(&c, ok, fail_mo);                                                              \
        return ok;                                                                                   \
    }                                                                                                \
    GOSAN_LIBATOMIC_RMW_OPS(LA_RMW, N, T)

#define LA_RMW(N, T, NAME)                                                                           \
    T __gosan_libatomic_##NAME##_##N(volatile void *p, T v, int mo, T (*real)(volatile void *, T, int)) \
    {                                                                                                \
        la_check(p, N, GS_AOP_RMW, RET_PC());                                                        \
        T old;                                                                                       \
        GS_ATOMIC_BRACKET(p, GS_AOP_RMW, mo, old = real(p, v, mo));                                  \
        return old;                                                                                  \
    }

LA_SIZED(1, uint8_t)
LA_SIZED(2, uint16_t)
LA_SIZED(4, uint32_t)
LA_SIZED(8, uint64_t)
#ifdef __SIZEOF_INT128__
LA_SIZED(16, unsigned __int128)
#endif

/* ---- the generic calls: any size, through memory */

void __gosan_libatomic_load(size_t size, const volatile void *p, void *ret, int mo,
                            void (*real)(size_t, const volatile void *, void *, int))
{
    la_check(p, size, GS_AOP_LOAD, RET_PC());
    GS_ATOMIC_BRACKET(p, GS_AOP_LOAD, mo, real(size, p, ret, mo));
}

void __gosan_libatomic_store(size_t size, volatile void *p, void *val, int mo,
                             void (*real)(size_t, volatile void *, void *, int))
{
    la_check(p, size, GS_AOP_STORE, RET_PC());
    GS_ATOMIC_BRACKET(p, GS_AOP_STORE, mo, real(size, p, val, mo));
}

void __gosan_libatomic_exchange(size_t size, volatile void *p, void *val, void *ret, int mo,
                                void (*real)(size_t, volatile void *, void *, void *, int))
{
    la_check(p, size, GS_AOP_RMW, RET_PC());
    GS_ATOMIC_BRACKET(p, GS_AOP_RMW, mo, real(size, p, val, ret, mo));
}

bool __gosan_libatomic_compare_exchange(size_t size, volatile void *p, void *expected, void *desired, int mo,
                                        int fail_mo,
                                        bool (*real)(size_t, volatile void *, void *, void *, int, int))
{
    la_check(p, size, GS_AOP_RMW, RET_PC());
    gs_atomic_ctx c;
    gs_atomic_begin(&c, (uintptr_t)p, GS_AOP_RMW, mo);
    bool ok = real(size, p, expected, desired, mo, fail_mo);
    gs_atomic_end(&c, ok, fail_mo);
    return ok;
}
