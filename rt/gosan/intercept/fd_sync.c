/* fd_sync.c - file descriptors as happens-before edges and as objects
 * that can race (fd_sync.h).
 *
 * Each fd number has a descriptor in a two-level table (1024 x 1024 fds,
 * mapped a chunk at a time).  The descriptor holds:
 *   - an 8-byte word whose shadow is the fd's history: every use of the fd
 *     is a read of it, close is a write, creation starts a fresh history
 *     with a write.  So close(fd) not ordered with another goroutine's
 *     write(fd) is reported as a race on "file descriptor N", whichever
 *     ran first: a use that comes after the close fails with EBADF and is
 *     checked then;
 *   - the object data goes through (`obj`): its address is a sync address,
 *     released by a write and acquired by a read that succeeded.  A pipe's
 *     or socketpair's two ends share one object, dup shares it with the
 *     new fd, files share one global object and sockets another (the
 *     kernel orders data in a file or a datagram socket, and we do not
 *     know which socket is connected to which);
 *   - `aux`: the epoll instance fd was added to, released with fd's writes
 *     so that epoll_wait, which acquires it, is ordered after them.
 * Objects are reference-counted by the descriptors holding them; the last
 * drop frees the object and its sync clocks.  A descriptor's fields are
 * changed and read under its lock (fd_lock), which is held across the
 * sync operation (level 2 of spinlock.h's order: it takes only engine
 * locks and the allocator) but never across an access check, which may
 * report.
 *
 * Numbers created behind our back (fopen, libc's own sockets) are noticed
 * when a use of a number we saw closed succeeds: its history is dropped,
 * so no race with the old close is reported.
 */
#include "fd_sync.h"

#include <errno.h>
#include <stddef.h>

#include "call_stack.h"
#include "engine.h"
#include "internal_alloc.h"
#include "location.h"
#include "own_code.h"
#include "report.h"
#include "shadow.h"
#include "spinlock.h"
#include "stackdepot.h"
#include "syncobj.h"
#include "thread_hb.h"

#define FD_L1 1024
#define FD_L2 1024
#define FD_MAX (FD_L1 * FD_L2)

/* A sync address; rc counts the descriptors holding it (UINT64_MAX: a
 * global object, never freed). */
typedef struct fd_obj {
    uint64_t rc;
} fd_obj;

typedef struct fd_desc {
    uint64_t word; /* never written: only its shadow is used */
    gs_splock lock;
    uint8_t closed; /* closed by the program, not created again since */
    uint8_t seen;   /* created, dup'ed or closed by the program */
    fd_obj *obj; /* obj and aux: under lock */
    fd_obj *aux;
    uint64_t goid;  /* who created or closed it last, for reports */
    uint32_t node;
} __attribute__((aligned(16))) fd_desc;

static fd_desc *fd_tab[FD_L1];
static fd_obj fd_file_obj = {UINT64_MAX};
static fd_obj fd_sock_obj = {UINT64_MAX};
static uint64_t fd_connect_key; /* its address orders connect before accept */

static bool fd_location(uintptr_t addr);

bool gs_fd_caller_is_gosan(uintptr_t pc)
{
    return gs_pc_in_runtime(pc) || gs_pc_in_library(pc);
}

/* fd's descriptor; its chunk is mapped first if `create`.  NULL for a
 * number out of range (or an unmapped chunk). */
static fd_desc *fd_slot(int fd, bool create)
{
    if (fd < 0 || fd >= FD_MAX)
        return NULL;
    fd_desc **pl = &fd_tab[fd / FD_L2];
    fd_desc *chunk = __atomic_load_n(pl, __ATOMIC_ACQUIRE);
    if (!chunk && create) {
        fd_desc *fresh = gs_mmap_or_die(FD_L2 * sizeof(fd_desc), "the file descriptor table");
        if (__atomic_compare_exchange_n(pl, &chunk, fresh, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
            chunk = fresh;
            static bool registered;
            if (!__atomic_exchange_n(&registered, true, __ATOMIC_ACQ_REL))
                gs_location_add(fd_location);
        } else {
            gs_munmap(fresh, FD_L2 * sizeof(fd_desc));
        }
    }
    return chunk ? &chunk[fd % FD_L2] : NULL;
}

/* The descriptor of an fd the program acts on: none before start-up or
 * where no goroutine or thread state acts (the library's scheduler). */
static fd_desc *fd_get(int fd)
{
    return gs_thread_hb_caller() ? fd_slot(fd, true) : NULL;
}

static fd_obj *fd_ref(fd_obj *o)
{
    if (o && o->rc != UINT64_MAX)
        __atomic_fetch_add(&o->rc, 1, __ATOMIC_RELAXED);
    return o;
}

static void fd_unref(fd_obj *o)
{
    if (o && o->rc != UINT64_MAX && __atomic_sub_fetch(&o->rc, 1, __ATOMIC_ACQ_REL) == 0) {
        gs_sync_free_range((uintptr_t)o, sizeof *o);
        gs_free(o);
    }
}

static fd_obj *fd_obj_new(void)
{
    fd_obj *o = gs_alloc(sizeof *o);
    o->rc = 1;
    return o;
}

/* Puts obj (a reference the caller hands over) in d, dropping what d
 * held; the new history starts with the creation, a write. */
static void fd_install(fd_desc *d, fd_obj *obj, uintptr_t pc)
{
    gs_splock_lock(&d->lock);
    fd_obj *old = d->obj, *aux = d->aux;
    d->obj = obj;
    d->aux = NULL;
    gs_splock_unlock(&d->lock);
    fd_unref(old);
    fd_unref(aux);
    __atomic_store_n(&d->closed, 0, __ATOMIC_RELEASE);
    d->seen = 1;
    d->goid = gs_engine_current_goid();
    d->node = gs_engine_current_node(pc);
    gs_shadow_clear_granules((uintptr_t)&d->word, sizeof d->word);
    gs_access_range(&d->word, sizeof d->word, true, pc);
}

static fd_obj *fd_obj_for(gs_fd_kind kind)
{
    switch (kind) {
    case GS_FD_FILE:
        return &fd_file_obj;
    case GS_FD_SOCKET:
        return &fd_sock_obj;
    case GS_FD_OWN:
        return fd_obj_new();
    case GS_FD_NONE:
        break;
    }
    return NULL;
}

void gs_fd_created(int fd, gs_fd_kind kind, uintptr_t pc)
{
    fd_desc *d = fd_get(fd);
    if (d)
        fd_install(d, fd_obj_for(kind), pc);
}

void gs_fd_pair_created(int a, int b, uintptr_t pc)
{
    fd_desc *da = fd_get(a), *db = fd_get(b);
    if (!da || !db)
        return;
    fd_obj *o = fd_obj_new();
    fd_install(da, fd_ref(o), pc);
    fd_install(db, o, pc);
}

void gs_fd_dup(int oldfd, int newfd, bool replaced, uintptr_t pc)
{
    fd_desc *od = fd_get(oldfd), *nd = fd_get(newfd);
    if (!od || !nd)
        return;
    gs_access_range(&od->word, sizeof od->word, false, pc);
    if (replaced)
        gs_access_range(&nd->word, sizeof nd->word, false, pc);
    gs_splock_lock(&od->lock);
    fd_obj *o = fd_ref(od->obj);
    gs_splock_unlock(&od->lock);
    fd_install(nd, o, pc);
}

/* Also called on gosan's own threads: touches only a number the program
 * used (so the engine runs). */
void gs_fd_forget(int fd)
{
    fd_desc *d = fd_slot(fd, false);
    if (!d || !__atomic_load_n(&d->seen, __ATOMIC_ACQUIRE))
        return;
    gs_splock_lock(&d->lock);
    fd_obj *old = d->obj, *aux = d->aux;
    d->obj = d->aux = NULL;
    gs_splock_unlock(&d->lock);
    fd_unref(old);
    fd_unref(aux);
    __atomic_store_n(&d->closed, 0, __ATOMIC_RELEASE);
    gs_shadow_clear_granules((uintptr_t)&d->word, sizeof d->word);
}

/* A use is checked before the call unless the program closed the number:
 * then the call's outcome tells a use after close from a reused number
 * (gs_fd_after). */
void gs_fd_access(int fd, uintptr_t pc)
{
    fd_desc *d = fd_get(fd);
    if (d && !__atomic_load_n(&d->closed, __ATOMIC_ACQUIRE))
        gs_access_range(&d->word, sizeof d->word, false, pc);
}

static void fd_sync_op(fd_desc *d, gs_sync_op op)
{
    gs_splock_lock(&d->lock);
    if (d->obj)
        gs_pthread_sync(d->obj, GS_SYNC_PLAIN, op);
    if (op == GS_SYNC_OP_RELEASE && d->aux)
        gs_pthread_sync(d->aux, GS_SYNC_PLAIN, op);
    gs_splock_unlock(&d->lock);
}

void gs_fd_release(int fd, uintptr_t pc)
{
    fd_desc *d = fd_get(fd);
    if (!d)
        return;
    if (!__atomic_load_n(&d->closed, __ATOMIC_ACQUIRE))
        gs_access_range(&d->word, sizeof d->word, false, pc);
    fd_sync_op(d, GS_SYNC_OP_RELEASE);
}

void gs_fd_acquire(int fd, uintptr_t pc)
{
    (void)pc;
    fd_desc *d = fd_get(fd);
    if (d)
        fd_sync_op(d, GS_SYNC_OP_ACQUIRE);
}

void gs_fd_after(int fd, int err, uintptr_t pc)
{
    fd_desc *d = fd_get(fd);
    if (!d || !__atomic_load_n(&d->closed, __ATOMIC_ACQUIRE))
        return;
    if (err == EBADF)
        gs_access_range(&d->word, sizeof d->word, false, pc);
    else if (!err)
        gs_fd_forget(fd);
}

void gs_fd_close(int fd, uintptr_t pc)
{
    fd_desc *d = fd_get(fd);
    if (!d)
        return;
    /* A second close of a closed number fails with EBADF: it is a use. */
    gs_access_range(&d->word, sizeof d->word, !__atomic_load_n(&d->closed, __ATOMIC_ACQUIRE), pc);
    gs_splock_lock(&d->lock);
    fd_obj *old = d->obj, *aux = d->aux;
    d->obj = d->aux = NULL;
    gs_splock_unlock(&d->lock);
    fd_unref(old);
    fd_unref(aux);
    d->seen = 1;
    d->goid = gs_engine_current_goid();
    d->node = gs_engine_current_node(pc);
    __atomic_store_n(&d->closed, 1, __ATOMIC_RELEASE);
}

void gs_fd_connecting(int fd, uintptr_t pc)
{
    (void)pc;
    if (fd_get(fd))
        gs_pthread_sync(&fd_connect_key, GS_SYNC_PLAIN, GS_SYNC_OP_RELEASE);
}

void gs_fd_accepted(int listen_fd, int newfd, uintptr_t pc)
{
    if (!fd_get(listen_fd))
        return;
    gs_pthread_sync(&fd_connect_key, GS_SYNC_PLAIN, GS_SYNC_OP_ACQUIRE);
    gs_fd_created(newfd, GS_FD_SOCKET, pc);
}

/* An fd belongs to one epoll instance here, the first it was added to:
 * enough for the usual one-loop program, and the release path reads one
 * pointer. */
void gs_fd_poll_add(int epfd, int fd)
{
    fd_desc *ed = fd_get(epfd), *d = fd_get(fd);
    if (!ed || !d || ed == d)
        return;
    gs_splock_lock(&ed->lock);
    fd_obj *o = fd_ref(ed->obj);
    gs_splock_unlock(&ed->lock);
    if (!o)
        return;
    gs_splock_lock(&d->lock);
    if (!d->aux) {
        d->aux = o;
        o = NULL;
    }
    gs_splock_unlock(&d->lock);
    fd_unref(o);
}

void gs_fd_fork_child(void)
{
    for (int i = 0; i < FD_L1; i++) {
        fd_desc *chunk = __atomic_load_n(&fd_tab[i], __ATOMIC_ACQUIRE);
        if (!chunk)
            continue;
        for (int j = 0; j < FD_L2; j++)
            if (chunk[j].seen)
                gs_shadow_clear_granules((uintptr_t)&chunk[j].word, sizeof chunk[j].word);
    }
}

/* Names the descriptor word of a race: "file descriptor N", with who
 * created or closed it last. */
static bool fd_location(uintptr_t addr)
{
    for (int i = 0; i < FD_L1; i++) {
        fd_desc *chunk = __atomic_load_n(&fd_tab[i], __ATOMIC_ACQUIRE);
        if (!chunk || addr < (uintptr_t)chunk || addr >= (uintptr_t)(chunk + FD_L2))
            continue;
        size_t j = (addr - (uintptr_t)chunk) / sizeof(fd_desc);
        fd_desc *d = &chunk[j];
        int fd = i * FD_L2 + (int)j;
        const char *what = d->closed ? "closed" : "created";
        if (d->goid)
            gs_printf("  Location is file descriptor %d, %s by goroutine %lu at:\n", fd, what, (unsigned long)d->goid);
        else
            gs_printf("  Location is file descriptor %d, %s by a thread outside goroutines at:\n", fd, what);
        gs_print_stack(gs_node_to_stack(d->node));
        return true;
    }
    return false;
}
