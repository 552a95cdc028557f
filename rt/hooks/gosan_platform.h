/* gosan_platform.h - every platform assumption of both runtimes, in one
 * place.  Shared by the library (rt/go) and the checker (rt/gosan), like
 * go_hooks.h, so neither depends on the other for it.  What can be checked
 * at compile time is (#error, _Static_assert); the rest is stated here so a
 * port knows where to look.
 *
 * Assumed:
 *  - x86-64, System V ABI: the goroutine context switch and the stack-limit
 *    check (rt/go/ctx_x86_64.S, morestack_x86_64.S), the pause instruction
 *    of the spin loops (gosan_cpu_relax).
 *  - Linux: futex, gettid, exit_group, /proc/self/maps, MADV_* advice.
 *  - glibc, and these of its internals:
 *      pthread_mutex_t.__data.__kind (low bits: the mutex type; the checker
 *        tells a recursive mutex by it, gosan_glibc_mutex_kind);
 *      pthread_rwlock_t.__data.__cur_writer (the tid holding it for
 *        writing; the checker tells a writer's unlock by it);
 *      the TCB word at %fs:GOSAN_TCB_STACK_LIMIT (__private_ss, reserved
 *        for split stacks): the library keeps the running goroutine's stack
 *        limit there for the probes gosan-cc compiles in;
 *      __libc_malloc, __libc_free, __libc_memalign (the checker's malloc
 *        interceptors allocate through them);
 *      malloc's chunk layout (a size word before each block, blocks 16-byte
 *        aligned, GOSAN_MALLOC_ALIGN) and its main arena in libc's data (the
 *        leak checker's reachability scan); the size word's IS_MMAPPED bit
 *        (gosan_glibc_chunk_is_mmapped: the checker marks a freed block's
 *        shadow only when free keeps its memory mapped);
 *      pthread_cond_* exported under the GLIBC_2.2.5 and GLIBC_2.3.2
 *        versions (the checker intercepts both ABIs).
 *  - A 47-bit user virtual address space (GOSAN_USER_VA_BITS): the checker's
 *    shadow is 128 regions of 1 TiB.  5-level paging gives user space more
 *    only on request (mmap hints above 2^47), which neither runtime makes.
 *  - 4 KiB pages (GOSAN_PAGE_SIZE) for the checker's fixed-layout mappings;
 *    the library's stacks ask sysconf.
 *  - 64-byte cache lines (GOSAN_CACHE_LINE): padding against false sharing
 *    and the checker's one-line sync objects.  A wrong guess costs speed,
 *    never correctness.
 *
 * Usable from assembly (the constants only).
 */
#ifndef GOSAN_PLATFORM_H
#define GOSAN_PLATFORM_H

#if !defined(__x86_64__)
#error "gosan supports x86-64 only (context switch, stack probes, shadow layout)"
#endif
#if !defined(__linux__)
#error "gosan supports Linux only"
#endif

#define GOSAN_USER_VA_BITS 47
#define GOSAN_PAGE_SIZE 4096ul
#define GOSAN_CACHE_LINE 64
#define GOSAN_MALLOC_ALIGN 16
#define GOSAN_TCB_STACK_LIMIT 0x70 /* offset of glibc's tcbhead_t.__private_ss */

#ifndef __ASSEMBLER__
#include <pthread.h>
#include <stddef.h>

#if !defined(__GLIBC__)
#error "gosan needs glibc (see the internals listed in gosan_platform.h)"
#endif

/* The glibc layouts gosan reads (x86-64 glibc 2.x). */
_Static_assert(sizeof(pthread_mutex_t) == 40, "glibc x86-64 pthread_mutex_t");
_Static_assert(offsetof(pthread_mutex_t, __data.__kind) == 16, "glibc pthread_mutex_t.__data.__kind");
_Static_assert(offsetof(pthread_rwlock_t, __data.__cur_writer) == 24,
               "glibc pthread_rwlock_t.__data.__cur_writer");
_Static_assert(sizeof(void *) == 8, "LP64");

/* The type bits of a glibc mutex (PTHREAD_MUTEX_NORMAL, _RECURSIVE_NP, ...). */
static inline int gosan_glibc_mutex_kind(const pthread_mutex_t *m)
{
    return m->__data.__kind & 3;
}

/* Whether glibc's malloc block p (a pointer it returned, not yet freed)
 * has its own mapping, which free unmaps: its chunk's size word, just
 * before p, has the IS_MMAPPED bit (2). */
static inline int gosan_glibc_chunk_is_mmapped(const void *p)
{
    return (((const size_t *)p)[-1] & 2) != 0;
}

/* The tid of the thread holding a glibc rwlock for writing, 0 if none. */
static inline int gosan_glibc_rwlock_writer(const pthread_rwlock_t *l)
{
    return l->__data.__cur_writer;
}

/* One iteration of a spin-wait loop: tells the core we are spinning (saves
 * power, frees the sibling hyper-thread, avoids the memory-order flush on
 * exit). */
static inline void gosan_cpu_relax(void)
{
    __builtin_ia32_pause();
}
#endif /* __ASSEMBLER__ */

#endif
