/* gosan_abi.h - the entry points that instrumented code calls: the contract
 * between the clang plugin (pass/) and the checker runtime (rt/gosan).
 *
 * The pass emits calls to exactly these symbols; any change here is a change
 * to both sides and to docs/architecture.md.  The calling convention is the
 * platform C ABI.  Memory orders use C11's numbering (0 relaxed, 1 consume,
 * 2 acquire, 3 release, 4 acq_rel, 5 seq_cst).
 *
 * The runtime finds the access's program counter itself, with
 * __builtin_return_address(0): the pass passes no pc.
 */
#ifndef GOSAN_ABI_H
#define GOSAN_ABI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A module constructor of every instrumented object calls this first. */
void __gosan_init(void);

/* Plain accesses of 1, 2, 4, 8 or 16 bytes, naturally aligned or not. */
void __gosan_read1(void *addr);
void __gosan_read2(void *addr);
void __gosan_read4(void *addr);
void __gosan_read8(void *addr);
void __gosan_read16(void *addr);
void __gosan_write1(void *addr);
void __gosan_write2(void *addr);
void __gosan_write4(void *addr);
void __gosan_write8(void *addr);
void __gosan_write16(void *addr);
void __gosan_unaligned_read2(void *addr);
void __gosan_unaligned_read4(void *addr);
void __gosan_unaligned_read8(void *addr);
void __gosan_unaligned_read16(void *addr);
void __gosan_unaligned_write2(void *addr);
void __gosan_unaligned_write4(void *addr);
void __gosan_unaligned_write8(void *addr);
void __gosan_unaligned_write16(void *addr);
/* Any other size (vectors wider than 16 bytes, aggregates). */
void __gosan_read_range(void *addr, size_t size);
void __gosan_write_range(void *addr, size_t size);
/* A synchronisation-free loop's accesses of `elem` bytes each, which tile
 * [addr, addr+size), checked at once before the loop (elem 0: not a
 * tiling; reports then show granule bytes). */
void __gosan_read_elems(void *addr, size_t size, size_t elem);
void __gosan_write_elems(void *addr, size_t size, size_t elem);
/* A masked vector access (llvm.masked.load/store): lane i, of `elem`
 * bytes at addr + i * elem, is accessed if bit i of mask is set. */
void __gosan_read_masked(void *addr, size_t elem, uint64_t mask);
void __gosan_write_masked(void *addr, size_t elem, uint64_t mask);
/* Same for gathers and scatters: lane i's address is lanes[i]. */
void __gosan_read_gather(void *const *lanes, size_t elem, uint64_t mask);
void __gosan_write_scatter(void *const *lanes, size_t elem, uint64_t mask);

/* C++ vtable pointers: a store is checked as a write only if it changes the
 * stored value (constructor/destructor chains re-store the same one); a
 * load is a read (vptr.c). */
void __gosan_vptr_update(void **vptr, void *value);
void __gosan_vptr_read(void **vptr);

/* Function entry (with the caller's return address) and exit, for stacks. */
void __gosan_func_entry(void *caller_pc);
void __gosan_func_exit(void);

/* Mem-intrinsics and the libc calls of the same name are rewritten to these. */
void *__gosan_memcpy(void *dst, const void *src, size_t n);
void *__gosan_memmove(void *dst, const void *src, size_t n);
void *__gosan_memset(void *dst, int c, size_t n);

/* Atomics.  N in 8, 16, 32, 64, 128 bits; T is the unsigned type of that width
 * (unsigned __int128 for 128). */
#define GOSAN_ATOMIC_DECL(N, T)                                                                   \
    T __gosan_atomic##N##_load(const volatile T *a, int mo);                                      \
    void __gosan_atomic##N##_store(volatile T *a, T v, int mo);                                   \
    T __gosan_atomic##N##_exchange(volatile T *a, T v, int mo);                                   \
    T __gosan_atomic##N##_fetch_add(volatile T *a, T v, int mo);                                  \
    T __gosan_atomic##N##_fetch_sub(volatile T *a, T v, int mo);                                  \
    T __gosan_atomic##N##_fetch_and(volatile T *a, T v, int mo);                                  \
    T __gosan_atomic##N##_fetch_or(volatile T *a, T v, int mo);                                   \
    T __gosan_atomic##N##_fetch_xor(volatile T *a, T v, int mo);                                  \
    T __gosan_atomic##N##_fetch_nand(volatile T *a, T v, int mo);                                 \
    /* returns the value seen; success iff it equals cmp */                                       \
    T __gosan_atomic##N##_compare_exchange_val(volatile T *a, T cmp, T xchg, int mo, int fail_mo);

GOSAN_ATOMIC_DECL(8, uint8_t)
GOSAN_ATOMIC_DECL(16, uint16_t)
GOSAN_ATOMIC_DECL(32, uint32_t)
GOSAN_ATOMIC_DECL(64, uint64_t)
#ifdef __SIZEOF_INT128__
GOSAN_ATOMIC_DECL(128, unsigned __int128)
#endif

void __gosan_atomic_thread_fence(int mo);
void __gosan_atomic_signal_fence(int mo);

/* libatomic calls (__atomic_load_16, __atomic_load, ...): the pass renames
 * __atomic_<op>[_N] to __gosan_libatomic_<op>[_N] and appends the original
 * function, which the runtime calls to do the operation (libatomic.c).
 * Same arguments as libatomic's, in the same order, then `real`. */
/* The read-modify-write operations libatomic has per size, as an X-macro
 * list: X(N, T, name) for each. */
#define GOSAN_LIBATOMIC_RMW_OPS(X, N, T)                                                         \
    X(N, T, exchange) X(N, T, fetch_add) X(N, T, fetch_sub) X(N, T, fetch_and) X(N, T, fetch_or) \
    X(N, T, fetch_xor) X(N, T, fetch_nand) X(N, T, add_fetch) X(N, T, sub_fetch)                 \
    X(N, T, and_fetch) X(N, T, or_fetch) X(N, T, xor_fetch) X(N, T, nand_fetch)
#define GOSAN_LIBATOMIC_RMW_DECL(N, T, NAME)                                                     \
    T __gosan_libatomic_##NAME##_##N(volatile void *p, T v, int mo, T (*real)(volatile void *, T, int));
#define GOSAN_LIBATOMIC_DECL(N, T)                                                               \
    T __gosan_libatomic_load_##N(const volatile void *p, int mo, T (*real)(const volatile void *, int)); \
    void __gosan_libatomic_store_##N(volatile void *p, T v, int mo, void (*real)(volatile void *, T, int)); \
    bool __gosan_libatomic_compare_exchange_##N(volatile void *p, T *expected, T desired, int mo, int fail_mo, \
                                                bool (*real)(volatile void *, T *, T, int, int)); \
    GOSAN_LIBATOMIC_RMW_OPS(GOSAN_LIBATOMIC_RMW_DECL, N, T)
GOSAN_LIBATOMIC_DECL(1, uint8_t)
GOSAN_LIBATOMIC_DECL(2, uint16_t)
GOSAN_LIBATOMIC_DECL(4, uint32_t)
GOSAN_LIBATOMIC_DECL(8, uint64_t)
#ifdef __SIZEOF_INT128__
GOSAN_LIBATOMIC_DECL(16, unsigned __int128)
#endif
void __gosan_libatomic_load(size_t size, const volatile void *p, void *ret, int mo,
                            void (*real)(size_t, const volatile void *, void *, int));
void __gosan_libatomic_store(size_t size, volatile void *p, void *val, int mo,
                             void (*real)(size_t, volatile void *, void *, int));
void __gosan_libatomic_exchange(size_t size, volatile void *p, void *val, void *ret, int mo,
                                void (*real)(size_t, volatile void *, void *, void *, int));
bool __gosan_libatomic_compare_exchange(size_t size, volatile void *p, void *expected, void *desired, int mo,
                                        int fail_mo, bool (*real)(size_t, volatile void *, void *, void *, int, int));

/* Globals of an instrumented module, registered by its constructor so that
 * reports can say "Location is global 'x' of size 4 at file:line". */
typedef struct gosan_global {
    const void *addr;
    size_t size;
    const char *name;
    const char *file; /* declaration's file, or NULL */
    uint32_t line;
    uint32_t _pad;
} gosan_global;
void __gosan_register_globals(const gosan_global *g, size_t n);

#ifdef __cplusplus
}
#endif
#endif /* GOSAN_ABI_H */
