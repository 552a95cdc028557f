/* internal_alloc.c - the runtime's internal allocator (see internal_alloc.h).
 *
 * Every block has a 16-byte header in front of it holding its size class
 * (small) or its mapping length (large), so gs_free needs no lookup and
 * payloads stay 16-byte aligned.  Small blocks come from per-class free
 * lists refilled by carving 1 MiB chunks; a freed small block goes back to
 * its class list, never to the system.  Blocks above the largest class are
 * their own mapping and are unmapped on free.
 *
 * The classes up to IA_CACHED_MAX have a per-thread cache in front of the
 * global lists, moved to and from them IA_BATCH blocks at a time: the heap
 * registry allocates a record per malloc and frees it wherever the program
 * frees the block, often on another thread, and one global lock per
 * operation made that lock's cache line the hot spot of a channel
 * pipeline.  A thread's cache is bounded (2 * IA_BATCH per class), goes
 * back to the global lists when the thread exits (a pthread key's
 * destructor), and is bypassed while a signal handler interrupts this
 * thread inside the allocator (ia_busy), so the per-thread lists are never
 * seen half-changed.
 */
#include "internal_alloc.h"

#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"
#include "log.h"
#include "spinlock.h"

#define IA_HDR 16u
#define IA_CHUNK (1u << 20)
#define IA_LARGE_TAG 0xffffffffu

typedef struct ia_hdr {
    uint32_t cls;   /* class index, or IA_LARGE_TAG */
    uint32_t magic;
    uint64_t map_len; /* large blocks: the whole mapping's length */
} ia_hdr;
_Static_assert(sizeof(ia_hdr) == IA_HDR, "header keeps 16-byte alignment");

#define IA_MAGIC 0x9a5a110cu

/* Payload sizes: 16..256 in steps of 16, then powers of two and midpoints up
 * to 64 KiB. */
static const uint32_t ia_sizes[] = {
    16,   32,   48,   64,   80,   96,    112,   128,   160,   192,   224,   256,
    384,  512,  768,  1024, 1536, 2048,  3072,  4096,  6144,  8192,  12288, 16384,
    24576, 32768, 49152, 65536,
};
#define IA_NCLASS (sizeof ia_sizes / sizeof ia_sizes[0])

typedef struct ia_free {
    struct ia_free *next;
} ia_free;

static struct {
    gs_splock lock;
    ia_free *head;
} ia_class[IA_NCLASS];

#define IA_CACHED_MAX 12u /* classes 0..11: payloads up to 256 bytes */
#define IA_BATCH 16u

typedef struct ia_cache {
    ia_free *head;
    uint32_t count;
} ia_cache;

static __thread ia_cache ia_tcache[IA_CACHED_MAX];
static __thread int ia_busy;
static __thread int ia_has_cache;
static pthread_key_t ia_key;
static int ia_key_state; /* 0: no key yet, 1: being made, 2: made (or failed) */

static gs_splock ia_chunk_lock = GS_SPLOCK_INIT;
static char *ia_chunk_cur GS_GUARDED_BY(ia_chunk_lock), *ia_chunk_end GS_GUARDED_BY(ia_chunk_lock);

void *gs_mmap_or_die(size_t size, const char *what)
{
    size_t page = GOSAN_PAGE_SIZE;
    size = (size + page - 1) & ~(page - 1);
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        gs_die("out of memory: mmap of %zu bytes for %s failed", size, what ? what : "the runtime");
    return p;
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
#define IA_COMMIT_STEP (64u << 10)

void gs_commit_step(void *base, size_t off, size_t elem, size_t cap)
{
    size_t start = (off + elem - 1) & ~(size_t)(IA_COMMIT_STEP - 1);
    if (start < off)
        return; /* no step begins inside the element: committed already */
    size_t len = cap - start < IA_COMMIT_STEP ? cap - start : IA_COMMIT_STEP;
    (void)madvise((char *)base + start, len, MADV_POPULATE_WRITE);
}

void gs_munmap(void *p, size_t size)
{
    if (p)
        munmap(p, (size + GOSAN_PAGE_SIZE - 1) & ~(GOSAN_PAGE_SIZE - 1));
}

/* The smallest class that holds size (at most the largest class).  The
 * 16-byte steps end at 128. */
static unsigned ia_class_of(size_t size)
{
    if (size <= 128)
        return size == 0 ? 0 : (unsigned)((size + 15) / 16 - 1);
    unsigned c = 8;
    while (ia_sizes[c] < size)
        c++;
    GS_DCHECK(ia_sizes[c] >= size && ia_sizes[c - 1] < size);
    return c;
}

/* Carves n bytes from the current chunk; slow path, rarely taken. */
static void *ia_carve(size_t n)
{
    gs_splock_lock(&ia_chunk_lock);
    if ((size_t)(ia_chunk_end - ia_chunk_cur) < n) {
        ia_chunk_cur = gs_mmap_or_die(IA_CHUNK, "the internal allocator");
        ia_chunk_end = ia_chunk_cur + IA_CHUNK;
    }
    void *p = ia_chunk_cur;
    gs_commit_step(ia_chunk_end - IA_CHUNK, (size_t)(ia_chunk_cur - (ia_chunk_end - IA_CHUNK)), n, IA_CHUNK);
    ia_chunk_cur += n;
    gs_splock_unlock(&ia_chunk_lock);
    return p;
}

static void *ia_alloc_large(size_t size)
{
    size_t len = size + IA_HDR;
    ia_hdr *h = gs_mmap_or_die(len, "a large internal block");
    h->cls = IA_LARGE_TAG;
    h->magic = IA_MAGIC;
    h->map_len = len;
    return (char *)h + IA_HDR;
}

/* The global list of class c: pop one block, or push a chain first..last. */
static ia_free *ia_global_pop(unsigned c)
{
    gs_splock_lock(&ia_class[c].lock);
    ia_free *f = ia_class[c].head;
    if (f)
        ia_class[c].head = f->next;
    gs_splock_unlock(&ia_class[c].lock);
    return f;
}

static void ia_global_push(unsigned c, ia_free *first, ia_free *last)
{
    gs_splock_lock(&ia_class[c].lock);
    last->next = ia_class[c].head;
    ia_class[c].head = first;
    gs_splock_unlock(&ia_class[c].lock);
}

/* Returns one block of class c from the global list (NULL if none) and
 * moves up to IA_BATCH more into this thread's cache, under one lock. */
static ia_free *ia_refill(unsigned c)
{
    ia_cache *tc = &ia_tcache[c];
    gs_splock_lock(&ia_class[c].lock);
    ia_free *f = ia_class[c].head;
    if (f) {
        ia_free *rest = f->next;
        for (uint32_t n = 0; n < IA_BATCH && rest; n++) {
            ia_free *g = rest;
            rest = g->next;
            g->next = tc->head;
            tc->head = g;
            tc->count++;
        }
        ia_class[c].head = rest;
    }
    gs_splock_unlock(&ia_class[c].lock);
    return f;
}

/* Gives IA_BATCH blocks of this thread's cache back to the global list. */
static void ia_spill(unsigned c)
{
    ia_cache *tc = &ia_tcache[c];
    ia_free *first = tc->head, *last = first;
    for (uint32_t n = 1; n < IA_BATCH; n++)
        last = last->next;
    tc->head = last->next;
    tc->count -= IA_BATCH;
    ia_global_push(c, first, last);
}

/* Thread exit: every cached block goes back to the global lists; later
 * allocations of this thread's exit bypass the cache (ia_busy stays set). */
static void ia_flush_thread(void *unused)
{
    (void)unused;
    ia_busy = 1;
    for (unsigned c = 0; c < IA_CACHED_MAX; c++) {
        ia_cache *tc = &ia_tcache[c];
        if (!tc->head)
            continue;
        ia_free *last = tc->head;
        while (last->next)
            last = last->next;
        ia_global_push(c, tc->head, last);
        tc->head = NULL;
        tc->count = 0;
    }
}

static void ia_make_key(void)
{
    if (pthread_key_create(&ia_key, ia_flush_thread) != 0)
        ia_key = (pthread_key_t)-1;
}

/* Not pthread_once: that is intercepted (posix_threads.c), and the
 * interceptor's own allocation would come back here inside the once. */
static void ia_make_key_once(void)
{
    int expect = 0;
    if (__atomic_compare_exchange_n(&ia_key_state, &expect, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)) {
        ia_make_key();
        __atomic_store_n(&ia_key_state, 2, __ATOMIC_RELEASE);
        return;
    }
    while (__atomic_load_n(&ia_key_state, __ATOMIC_ACQUIRE) != 2)
        sched_yield();
}

/* First cached operation of a thread: arrange for the flush at exit.
 * Without a key (creation failed) the thread does not cache at all. */
static bool ia_cache_usable(void)
{
    if (__builtin_expect(ia_has_cache > 0, 1))
        return true;
    if (ia_has_cache < 0)
        return false;
    ia_make_key_once();
    ia_has_cache = ia_key != (pthread_key_t)-1 && pthread_setspecific(ia_key, (void *)1) == 0 ? 1 : -1;
    return ia_has_cache > 0;
}

static ia_free *ia_take(unsigned c)
{
    if (c >= IA_CACHED_MAX || ia_busy || !ia_cache_usable())
        return ia_global_pop(c);
    ia_busy = 1;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    ia_cache *tc = &ia_tcache[c];
    ia_free *f = tc->head;
    GS_DCHECK(!f == !tc->count); /* count is the list's length */
    if (f) {
        tc->head = f->next;
        tc->count--;
    } else {
        f = ia_refill(c);
    }
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    ia_busy = 0;
    return f;
}

static void ia_put(unsigned c, ia_free *f)
{
    if (c >= IA_CACHED_MAX || ia_busy || !ia_cache_usable()) {
        ia_global_push(c, f, f);
        return;
    }
    ia_busy = 1;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    ia_cache *tc = &ia_tcache[c];
    f->next = tc->head;
    tc->head = f;
    GS_DCHECK(tc->count < 2 * IA_BATCH); /* a cache is bounded */
    if (++tc->count >= 2 * IA_BATCH)
        ia_spill(c);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    ia_busy = 0;
}

void *gs_alloc(size_t size)
{
    if (size > ia_sizes[IA_NCLASS - 1])
        return ia_alloc_large(size);
    unsigned c = ia_class_of(size);
    ia_free *f = ia_take(c);
    ia_hdr *h = f ? (ia_hdr *)((char *)f - IA_HDR) : ia_carve(ia_sizes[c] + IA_HDR);
    GS_DCHECK(((uintptr_t)h & (IA_HDR - 1)) == 0); /* payloads stay 16-byte aligned */
    h->cls = c;
    h->magic = IA_MAGIC;
    h->map_len = 0;
    return (char *)h + IA_HDR;
}

void *gs_calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        gs_die("internal calloc overflow: %zu * %zu", n, size);
    void *p = gs_alloc(n * size);
    /* Fresh mmap memory is zero, but recycled blocks are not. */
    memset(p, 0, n * size);
    return p;
}

static ia_hdr *ia_header(void *p)
{
    ia_hdr *h = (ia_hdr *)((char *)p - IA_HDR);
    if (h->magic != IA_MAGIC)
        gs_die("internal allocator: %p is not a gosan block (corrupted or double free)", p);
    return h;
}

static size_t ia_usable(ia_hdr *h)
{
    return h->cls == IA_LARGE_TAG ? h->map_len - IA_HDR : ia_sizes[h->cls];
}

void gs_free(void *p)
{
    if (!p)
        return;
    ia_hdr *h = ia_header(p);
    if (h->cls == IA_LARGE_TAG) {
        h->magic = 0;
        gs_munmap(h, h->map_len);
        return;
    }
    h->magic = 0;
    ia_put(h->cls, p);
}

void *gs_realloc(void *p, size_t size)
{
    if (!p)
        return gs_alloc(size);
    size_t have = ia_usable(ia_header(p));
    if (size <= have)
        return p;
    void *q = gs_alloc(size);
    memcpy(q, p, have);
    gs_free(p);
    return q;
}

char *gs_strndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    size_t len = 0;
    while (len < n && s[len])
        len++;
    char *d = gs_alloc(len + 1);
    memcpy(d, s, len);
    d[len] = 0;
    return d;
}

char *gs_strdup(const char *s)
{
    return gs_strndup(s, SIZE_MAX);
}
