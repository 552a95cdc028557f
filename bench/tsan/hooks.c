/* hooks.c - ThreadSanitizer driven through the library's hook interface:
 * the "TSan, same program" form of the checker benchmarks.
 *
 * The goroutine program is compiled with -fsanitize=thread and linked with
 * the production library (uninstrumented) and this file (uninstrumented
 * too), which installs itself as the library's checker: goroutines become
 * TSan fibers, the library's happens-before events become __tsan_acquire /
 * __tsan_release on the same addresses gosan's checker uses, and the
 * library's accesses to channel objects become TSan range accesses.  So
 * TSan checks the program's own memory accesses and sees the library's
 * synchronisation the way gosan does, as Go's -race sees its runtime, and
 * neither checks the scheduler's internals.
 *
 * Simplifications, none of which can add a report: TSan's public interface
 * has no release-store, so every release joins; a finished goroutine's fiber
 * is reused by a later goroutine (creating one costs TSan a shadow stack
 * mapping), which orders the two goroutines' accesses as if one thread made
 * them; lock-order and deadlock hooks do nothing.
 *
 * Invariants: a hook runs on the goroutine (fiber) it is about, or acts for
 * a parked goroutine by switching to its fiber and back, with no
 * instrumented code in between.
 */
#include <stdlib.h>
#include <sys/mman.h>

#include "go_hooks.h"

void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
void *__tsan_get_current_fiber(void);
void *__tsan_create_fiber(unsigned flags);
void __tsan_switch_to_fiber(void *fiber, unsigned flags);
void __tsan_read_range(void *addr, unsigned long size);
void __tsan_write_range(void *addr, unsigned long size);
#define NO_SYNC 1u /* __tsan_switch_to_fiber_no_sync: a switch orders nothing */

typedef struct tb_g {
    void *fiber;
    long spawn; /* the spawn edge's sync address */
    int exited;
    struct tb_g *next; /* in the free list */
} tb_g;

static __thread void *tb_sched_fiber; /* this worker's scheduler context */
static __thread tb_g *tb_cur;         /* the goroutine running here, or NULL */

/* Goroutine records, with their fibers, are reused, never freed: TSan
 * treats malloc and free as accesses, and a record made by a parent and
 * freed by a scheduler would be a race of this file's own (and a new fiber
 * costs TSan a shadow-stack mapping).  The pool's lock is an atomic
 * exchange in uninstrumented code: no edge for TSan. */
static tb_g *tb_free, *tb_chunk;
static size_t tb_chunk_left;
static int tb_pool_lock;
#define CHUNK 4096

static void pool_lock(void)
{
    while (__atomic_exchange_n(&tb_pool_lock, 1, __ATOMIC_ACQUIRE))
        __builtin_ia32_pause();
}

static void pool_unlock(void)
{
    __atomic_store_n(&tb_pool_lock, 0, __ATOMIC_RELEASE);
}

static tb_g *rec_get(void)
{
    pool_lock();
    tb_g *g = tb_free;
    if (g) {
        tb_free = g->next;
    } else {
        if (!tb_chunk_left) {
            tb_chunk = mmap(NULL, CHUNK * sizeof *tb_chunk, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                            -1, 0);
            if (tb_chunk == MAP_FAILED)
                abort();
            tb_chunk_left = CHUNK;
        }
        g = tb_chunk++;
        tb_chunk_left--;
    }
    pool_unlock();
    g->exited = 0;
    if (!g->fiber)
        g->fiber = __tsan_create_fiber(0);
    return g;
}

static void rec_put(tb_g *g)
{
    pool_lock();
    g->next = tb_free;
    tb_free = g;
    pool_unlock();
}

static void *tb_g_create(uint64_t parent_id, uint64_t child_id, void *pc)
{
    (void)parent_id;
    (void)pc;
    if (child_id == 1 && !tb_cur) {
        /* goroutine 1 keeps the main thread's context; the main thread's
         * scheduler runs on a stack (and fiber) of its own */
        static tb_g g1;
        g1.fiber = __tsan_get_current_fiber();
        tb_sched_fiber = __tsan_create_fiber(0);
        return &g1;
    }
    tb_g *g = rec_get();
    __tsan_release(&g->spawn);
    return g;
}

static void tb_g_start(void *ctx)
{
    tb_g *g = ctx;
    __tsan_acquire(&g->spawn);
}

static void tb_g_exit(void *ctx)
{
    ((tb_g *)ctx)->exited = 1;
}

static void tb_g_switch(void *ctx)
{
    if (!tb_sched_fiber)
        tb_sched_fiber = __tsan_get_current_fiber();
    tb_g *prev = tb_cur;
    tb_cur = ctx;
    __tsan_switch_to_fiber(ctx ? tb_cur->fiber : tb_sched_fiber, NO_SYNC);
    if (!ctx && prev && prev->exited)
        rec_put(prev);
}

static void tb_stack_reuse(void *lo, size_t size)
{
    (void)lo;
    (void)size;
}

/* Runs op as the goroutine ctx (NULL: the running one). */
#define AS_G(ctx, op)                                                                              \
    do {                                                                                           \
        tb_g *g_ = (ctx);                                                                          \
        if (!g_ || g_ == tb_cur) {                                                                 \
            op;                                                                                    \
        } else {                                                                                   \
            void *back_ = __tsan_get_current_fiber();                                              \
            __tsan_switch_to_fiber(g_->fiber, NO_SYNC);                                            \
            op;                                                                                    \
            __tsan_switch_to_fiber(back_, NO_SYNC);                                                \
        }                                                                                          \
    } while (0)

static void tb_acquire(void *ctx, const void *sync, void *pc)
{
    (void)pc;
    AS_G(ctx, __tsan_acquire((void *)sync));
}

static void tb_release(void *ctx, const void *sync, void *pc)
{
    (void)pc;
    AS_G(ctx, __tsan_release((void *)sync));
}

static void tb_release_acquire(void *ctx, const void *sync, void *pc)
{
    (void)pc;
    AS_G(ctx, __tsan_acquire((void *)sync); __tsan_release((void *)sync));
}

static void tb_hb_serial(go_hb_op op, void *ctx, const void *sync, void *pc)
{
    if (op == GO_HB_ACQUIRE)
        tb_acquire(ctx, sync, pc);
    else if (op == GO_HB_RELEASE_STORE)
        tb_release(ctx, sync, pc);
    else
        tb_release_acquire(ctx, sync, pc);
}

static void tb_sync_free(const void *sync, size_t size)
{
    (void)sync;
    (void)size;
}

static void tb_access(void *ctx, const void *addr, size_t size, int flags, go_obj_kind kind, void *pc)
{
    (void)kind;
    (void)pc;
    if (flags & GO_ACCESS_ATOMIC)
        return;
    if (flags & (GO_ACCESS_WRITE | GO_ACCESS_FREE))
        AS_G(ctx, __tsan_write_range((void *)addr, size));
    else
        AS_G(ctx, __tsan_read_range((void *)addr, size));
}

/* A mutex's readers release to the byte after its address, as gosan's
 * checker keeps them in a second clock: read unlocks order the next write
 * lock, not each other. */
static void tb_mutex(go_mutex_event ev, const void *m, bool is_rw, void *pc)
{
    (void)pc;
    char *a = (char *)m;
    switch (ev) {
    case GO_MUTEX_LOCKED:
        __tsan_acquire(a);
        if (is_rw)
            __tsan_acquire(a + 1);
        break;
    case GO_MUTEX_UNLOCK:
        __tsan_release(a);
        break;
    case GO_MUTEX_RLOCKED:
        __tsan_acquire(a);
        break;
    case GO_MUTEX_RUNLOCK:
        __tsan_release(a + 1);
        break;
    default:
        break;
    }
}

static void tb_block(go_wait_reason reason, const void *obj, void *pc)
{
    (void)reason;
    (void)obj;
    (void)pc;
}

static void tb_unblock(void) {}

static void tb_misuse(go_misuse kind, const void *obj, void *pc)
{
    (void)kind;
    (void)obj;
    (void)pc;
}

static void tb_ignore(int delta)
{
    (void)delta;
}

static const struct go_hooks tb_hooks = {
    .version = GO_HOOKS_VERSION,
    .g_create = tb_g_create,
    .g_start = tb_g_start,
    .g_exit = tb_g_exit,
    .g_switch = tb_g_switch,
    .stack_reuse = tb_stack_reuse,
    .acquire = tb_acquire,
    .release = tb_release,
    .release_store = tb_release,
    .release_acquire = tb_release_acquire,
    .hb_serial = tb_hb_serial,
    .sync_free = tb_sync_free,
    .access = tb_access,
    .mutex = tb_mutex,
    .block = tb_block,
    .unblock = tb_unblock,
    .misuse = tb_misuse,
    .ignore = tb_ignore,
};

/* The library's own memcpy of channel elements goes through TSan's
 * interceptor and would be checked as the copying goroutine's access
 * (gosan's checker does not check the library's copies either; the
 * happens-before edges are placed for the program's accesses, not the
 * library's).  The benchmark programs call no libc memory functions of
 * their own on their hot paths.  And no one-second sleep at exit while the
 * library's idle workers are alive. */
const char *__tsan_default_options(void);
const char *__tsan_default_options(void)
{
    return "ignore_interceptors_accesses=1 atexit_sleep_ms=0";
}

__attribute__((constructor(101))) static void tb_install(void)
{
    if (go_hooks_install(&tb_hooks) != 0)
        abort();
}
