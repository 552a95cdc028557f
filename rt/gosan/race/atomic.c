/* atomic.c - __gosan_atomic*: C11 atomics with their happens-before.
 *
 * Every atomic is an atomic access of its bytes (it races with plain
 * accesses, never with other atomics).  Synchronisation goes through the
 * sync object of the atomic's address, whose lock is held around the
 * operation itself (atomic_sync.h):
 *   - a release store replaces the clock (it starts a release sequence),
 *     a release read-modify-write joins into it (it continues one);
 *   - an acquire load or read-modify-write joins the clock into the thread;
 *   - relaxed operations synchronise nothing by themselves and never take
 *     away what a release published, but a relaxed store or
 *     read-modify-write after a release fence joins the fence's clock in,
 *     and a relaxed load remembers the clock it saw for a later acquire
 *     fence (atomic_sync.h has the release-sequence rules).
 * The operation itself is always performed sequentially consistent, which
 * is stronger than asked and so never changes the program's meaning.
 */
#include "access.h"
#include "atomic_record.h"
#include "atomic_sync.h"
#include "cas128.h"
#include "gosan_abi.h"

#define RET_PC() ((uintptr_t)__builtin_return_address(0) - 1)

/* An atomic access: recorded already, else in its granule's atomic record
 * (atomic_record.h), else in the cells. */
static inline __attribute__((always_inline)) void atomic_access(uintptr_t addr, unsigned size, uint64_t kind,
                                                                uintptr_t pc)
{
    gs_thr *t;
    gs_cell *c;
    uint64_t cur;
    int r = gs_access_try(addr, size, kind, &t, &c, &cur);
    if (r == 0 && !gs_arec_atomic(t, c, cur, addr, pc))
        gs_check_cells_slow(t, c, cur, addr, pc);
    else if (r < 0)
        gs_arec_access_slow(addr, size, kind, pc);
}

#define DEF_ATOMIC(N, T)                                                                             \
    T __gosan_atomic##N##_load(const volatile T *a, int mo)                                          \
    {                                                                                                \
        atomic_access((uintptr_t)a, N / 8, GS_K_READ | GS_K_ATOMIC, RET_PC());                       \
        T v;                                                                                         \
        GS_ATOMIC_BRACKET(a, GS_AOP_LOAD, mo, v = __atomic_load_n(a, __ATOMIC_SEQ_CST));             \
        return v;                                                                                    \
    }                                                                                                \
    void __gosan_atomic##N##_store(volatile T *a, T v, int mo)                                       \
    {                                                                                                \
        atomic_access((uintptr_t)a, N / 8, GS_K_WRITE | GS_K_ATOMIC, RET_PC());                      \
        GS_ATOMIC_BRACKET(a, GS_AOP_STORE, mo, __atomic_store_n(a, v, __ATOMIC_SEQ_CST));            \
    }                                                                                                \
    DEF_RMW(N, T, exchange, __atomic_exchange_n)                                                     \
    DEF_RMW(N, T, fetch_add, __atomic_fetch_add)                                                     \
    DEF_RMW(N, T, fetch_sub, __atomic_fetch_sub)                                                     \
    DEF_RMW(N, T, fetch_and, __atomic_fetch_and)                                                     \
    DEF_RMW(N, T, fetch_or, __atomic_fetch_or)                                                       \
    DEF_RMW(N, T, fetch_xor, __atomic_fetch_xor)                                                     \
    DEF_RMW(N, T, fetch_nand, __atomic_fetch_nand)                                                   \
    T __gosan_atomic##N##_compare_exchange_val(volatile T *a, T cmp, T xchg, int mo, int fail_mo)    \
    {                                                                                                \
        atomic_access((uintptr_t)a, N / 8, GS_K_WRITE | GS_K_ATOMIC, RET_PC());                      \
        gs_atomic_ctx c;                                                                             \
        gs_atomic_begin(&c, (uintptr_t)a, GS_AOP_RMW, mo);                                           \
        T seen = cmp;                                                                                \
        bool ok = __atomic_compare_exchange_n(a, &seen, xchg, false, __ATOMIC_SEQ_CST,               \
                                              __ATOMIC_SEQ_CST);                                     \
        gs_atomic_end(&c, ok, fail_mo);                                                              \
        return seen;                                                                                 \
    }

#define DEF_RMW(N, T, NAME, OP)                                                                      \
    T __gosan_atomic##N##_##NAME(volatile T *a, T v, int mo)                                         \
    {                                                                                                \
        atomic_access((uintptr_t)a, N / 8, GS_K_WRITE | GS_K_ATOMIC, RET_PC());                      \
        T old;                                                                                       \
        GS_ATOMIC_BRACKET(a, GS_AOP_RMW, mo, old = OP(a, v, __ATOMIC_SEQ_CST));                      \
        return old;                                                                                  \
    }

DEF_ATOMIC(8, uint8_t)
DEF_ATOMIC(16, uint16_t)
DEF_ATOMIC(32, uint32_t)
DEF_ATOMIC(64, uint64_t)

/* ---- 128 bits: a cmpxchg16b loop, so no libatomic is needed */
#ifdef __SIZEOF_INT128__
typedef gs_u128 u128;
static u128 cas128(volatile u128 *a, u128 cmp, u128 xchg)
{
    return gs_cas128(a, cmp, xchg);
}

static u128 load128(volatile u128 *a)
{
    return cas128(a, 0, 0);
}

enum { R_XCHG, R_ADD, R_SUB, R_AND, R_OR, R_XOR, R_NAND };

static u128 rmw128(volatile u128 *a, u128 v, int op)
{
    u128 old = load128(a), nv;
    for (;;) {
        switch (op) {
        case R_XCHG: nv = v; break;
        case R_ADD: nv = old + v; break;
        case R_SUB: nv = old - v; break;
        case R_AND: nv = old & v; break;
        case R_OR: nv = old | v; break;
        case R_XOR: nv = old ^ v; break;
        default: nv = ~(old & v); break;
        }
        u128 seen = cas128(a, old, nv);
        if (seen == old)
            return old;
        old = seen;
    }
}

u128 __gosan_atomic128_load(const volatile u128 *a, int mo)
{
    atomic_access((uintptr_t)a, 16, GS_K_READ | GS_K_ATOMIC, RET_PC());
    u128 v;
    GS_ATOMIC_BRACKET(a, GS_AOP_LOAD, mo, v = load128((volatile u128 *)a));
    return v;
}

void __gosan_atomic128_store(volatile u128 *a, u128 v, int mo)
{
    atomic_access((uintptr_t)a, 16, GS_K_WRITE | GS_K_ATOMIC, RET_PC());
    GS_ATOMIC_BRACKET(a, GS_AOP_STORE, mo, rmw128(a, v, R_XCHG));
}

#define DEF_RMW128(NAME, OPC)                                                                        \
    u128 __gosan_atomic128_##NAME(volatile u128 *a, u128 v, int mo)                                  \
    {                                                                                                \
        atomic_access((uintptr_t)a, 16, GS_K_WRITE | GS_K_ATOMIC, RET_PC());                         \
        u128 old;                                                                                    \
        GS_ATOMIC_BRACKET(a, GS_AOP_RMW, mo, old = rmw128(a, v, OPC));                               \
        return old;                                                                                  \
    }
DEF_RMW128(exchange, R_XCHG)
DEF_RMW128(fetch_add, R_ADD)
DEF_RMW128(fetch_sub, R_SUB)
DEF_RMW128(fetch_and, R_AND)
DEF_RMW128(fetch_or, R_OR)
DEF_RMW128(fetch_xor, R_XOR)
DEF_RMW128(fetch_nand, R_NAND)

u128 __gosan_atomic128_compare_exchange_val(volatile u128 *a, u128 cmp, u128 xchg, int mo, int fail_mo)
{
    atomic_access((uintptr_t)a, 16, GS_K_WRITE | GS_K_ATOMIC, RET_PC());
    gs_atomic_ctx c;
    gs_atomic_begin(&c, (uintptr_t)a, GS_AOP_RMW, mo);
    u128 seen = cas128(a, cmp, xchg);
    gs_atomic_end(&c, seen == cmp, fail_mo);
    return seen;
}
#endif

/* ---- fences */
void __gosan_atomic_thread_fence(int mo)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    gs_thr *t = gs_engine_ready ? gs_thr_current() : NULL;
    if (!t)
        return;
    gs_thr_ready_sync(t);
    if (gs_mo_acquire(mo) && t->fence_acq)
        gs_thr_acquire_clock(t, t->fence_acq->e, gs_vc_limit_now());
    if (gs_mo_release(mo)) {
        if (!t->fence_rel)
            t->fence_rel = gs_calloc(1, sizeof(gs_vclock));
        gs_vc_copy(t->fence_rel, &t->clk);
        gs_thr_tick(t);
    }
}

void __gosan_atomic_signal_fence(int mo)
{
    (void)mo;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
}
