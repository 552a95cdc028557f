/* trace_stack.c - the trace's stack and string tables.
 *
 * Go 1.19 traces carry stacks as EvStack records (id, then per frame: PC,
 * function-name string id, file string id, line) and strings as EvString
 * records, each written once per trace, here into the buffer of the event
 * that first uses it, so a flushed batch carries the stacks it refers to.
 * The tables are global (mmap'd, fixed size: bounded memory; a full table
 * gives stack id 0, "no stack"), guarded by tab_lock; each buffer caches
 * hash -> id so a stack or string seen before takes no lock.  Frames are
 * named from the executable's symbol table (symtab.c) and placed by its
 * line table (pprof_lines.c: the call's line for a return address, the
 * function's first line for an entry); without debug info the file is
 * the module's path and the line 0.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "pprof.h"
#include "trace.h"

extern const char __start_gosan_go_text[] __attribute__((weak));
extern const char __stop_gosan_go_text[] __attribute__((weak));

#define TAB_SIZE 16384 /* entries per table, a power of two */
#define MAX_STRING 1024

typedef struct { uint64_t hash; uint32_t id; } id_ent;
typedef struct { uintptr_t pc; uint32_t fn, file, line; } pc_ent;

static golock tab_lock;
static id_ent *stacks, *strings;
static pc_ent *pcs;
static uint32_t nstacks, nstrings, npcs;

static void *tab_alloc(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* Zeroes a table a previous trace used.  Giving its pages back costs no
 * more than the pages it touched; writing zeros would fault in all of
 * them (about 900 KiB, a few ms at every trace's start). */
static void tab_clear(void *p, size_t size)
{
    if (madvise(p, size, MADV_DONTNEED) != 0)
        memset(p, 0, size);
}

void go_trace_tables_reset(void)
{
    golock_lock(&tab_lock);
    if (!stacks) { /* fresh mappings are zero */
        stacks = tab_alloc(TAB_SIZE * sizeof *stacks);
        strings = tab_alloc(TAB_SIZE * sizeof *strings);
        pcs = tab_alloc(TAB_SIZE * sizeof *pcs);
    } else if (stacks && strings && pcs && (nstacks || nstrings)) { /* else untouched */
        tab_clear(stacks, TAB_SIZE * sizeof *stacks);
        tab_clear(strings, TAB_SIZE * sizeof *strings);
        tab_clear(pcs, TAB_SIZE * sizeof *pcs);
    }
    nstacks = nstrings = npcs = 0;
    golock_unlock(&tab_lock);
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v;
    h *= 0x100000001b3ull;
    return h ^ (h >> 29);
}

/* A hash -> id table: the entry for hash, or NULL if the table is full. */
static id_ent *id_slot(id_ent *tab, uint64_t hash)
{
    for (uint32_t i = 0, k = (uint32_t)hash; i < TAB_SIZE / 2; i++, k++) {
        id_ent *e = &tab[k & (TAB_SIZE - 1)];
        if (!e->hash || e->hash == hash)
            return e;
    }
    return NULL;
}

/* The worker's cache is two-way: a hash may sit in either slot of its
 * pair, so two stacks a loop alternates between never evict each other.
 * The pair is picked by the hash's top bits (multiplied through): the low
 * bits are not mixed well enough, and stack and string hashes fix bits 0
 * and 1, so indexing by them used a quarter of the cache and let two of
 * a loop's stacks collide and miss on every event. */
static id_ent *cache_pair(go_trace_buf *b, uint64_t hash)
{
    size_t i = (size_t)((hash * 0x9e3779b97f4a7c15ull) >> 56) % (TRACE_STACK_CACHE / 2);
    return (id_ent *)(void *)&b->stack_cache[2 * i];
}

static inline bool cache_find(go_trace_buf *b, uint64_t hash, uint32_t *id)
{
    id_ent *p = cache_pair(b, hash);
    if (p[0].hash == hash) {
        *id = p[0].id;
        return true;
    }
    if (p[1].hash == hash) {
        *id = p[1].id;
        return true;
    }
    return false;
}

/* A new entry goes to an empty slot of its pair, else replaces the older
 * one (slot 1; the newer moves to slot 0). */
static void cache_put(go_trace_buf *b, uint64_t hash, uint32_t id)
{
    id_ent *p = cache_pair(b, hash);
    if (p[0].hash)
        p[1] = p[0];
    p[0].hash = hash;
    p[0].id = id;
}

static void put_string(go_trace_buf *b, uint32_t id, const char *s, size_t len)
{
    go_trace_reserve(b, 1 + 10 + 10 + len);
    go_trace_put_byte(b, TEV_STRING);
    go_trace_put_varint(b, id);
    go_trace_put_varint(b, len);
    go_trace_put_bytes(b, s, len);
}

static uint32_t string_locked(go_trace_buf *b, const char *s, size_t len, uint64_t hash)
{
    id_ent *e = id_slot(strings, hash);
    if (!e)
        return 0;
    if (!e->hash) {
        e->hash = hash;
        e->id = ++nstrings;
        put_string(b, e->id, s, len);
    }
    return e->id;
}

static uint64_t string_hash(const char *s, size_t *len)
{
    uint64_t h = 0xcbf29ce484222325ull;
    size_t n = 0;
    for (; s[n] && n < MAX_STRING; n++)
        h = (h ^ (uint8_t)s[n]) * 0x100000001b3ull;
    *len = n;
    return mix(h, 0x5354u) | 1; /* never 0, and apart from stack hashes */
}

uint32_t go_trace_string(go_trace_buf *b, const char *s)
{
    if (!s || !*s || !strings)
        return 0;
    size_t len;
    uint64_t h = string_hash(s, &len);
    uint32_t id;
    if (cache_find(b, h, &id))
        return id;
    golock_lock(&tab_lock);
    id = string_locked(b, s, len, h);
    golock_unlock(&tab_lock);
    cache_put(b, h, id);
    return id;
}

static uint32_t intern_cstr_locked(go_trace_buf *b, const char *s)
{
    size_t len;
    uint64_t h = string_hash(s, &len);
    return string_locked(b, s, len, h);
}

/* The frame for pc: function and file string ids, interned on first use. */
static pc_ent *frame_locked(go_trace_buf *b, uintptr_t pc)
{
    for (uint32_t i = 0, k = (uint32_t)mix(0, pc); i < TAB_SIZE / 2; i++, k++) {
        pc_ent *e = &pcs[k & (TAB_SIZE - 1)];
        if (e->pc == pc)
            return e;
        if (e->pc)
            continue;
        char hex[32];
        const char *name = go_symbol_name((void *)pc);
        if (!name) {
            snprintf(hex, sizeof hex, "0x%lx", (unsigned long)pc);
            name = hex;
        }
        const char *file;
        int line = 0;
        /* a return address's line is its call's, one byte back */
        uintptr_t at = go_symbol_start((void *)pc) == pc ? pc : pc - 1;
        if (!go_pprof_line(at, &file, &line)) {
            Dl_info di;
            file = dladdr((void *)pc, &di) && di.dli_fname && *di.dli_fname ? di.dli_fname : "?";
            line = 0;
        }
        e->pc = pc;
        e->fn = intern_cstr_locked(b, name);
        e->file = intern_cstr_locked(b, file);
        e->line = line > 0 ? (uint32_t)line : 0;
        return e;
    }
    return NULL;
}

static void put_stack(go_trace_buf *b, uint32_t id, void *const *pc, size_t n)
{
    uint8_t tmp[10 * (2 + 4 * TRACE_MAX_FRAMES)];
    size_t len = 0;
    uint64_t vals[2 + 4 * TRACE_MAX_FRAMES];
    size_t nv = 0;
    vals[nv++] = id;
    size_t nframes_at = nv++;
    size_t nf = 0;
    for (size_t i = 0; i < n; i++) {
        pc_ent *f = frame_locked(b, (uintptr_t)pc[i]);
        if (!f)
            break;
        vals[nv++] = (uint64_t)(uintptr_t)pc[i];
        vals[nv++] = f->fn;
        vals[nv++] = f->file;
        vals[nv++] = f->line;
        nf++;
    }
    vals[nframes_at] = nf;
    for (size_t i = 0; i < nv; i++)
        for (uint64_t v = vals[i];; v >>= 7) {
            tmp[len++] = (uint8_t)(v >= 0x80 ? (v | 0x80) : v);
            if (v < 0x80)
                break;
        }
    go_trace_reserve(b, 1 + 10 + len);
    go_trace_put_byte(b, TEV_STACK | 3 << 6);
    go_trace_put_varint(b, len);
    go_trace_put_bytes(b, tmp, len);
}

/* The id of the stack with hash h: from this worker's cache, else from the
 * shared table, where a stack seen for the first time gets the next id and
 * its EvStack is written by put(b, id, arg). */
static uint32_t intern_stack(go_trace_buf *b, uint64_t h, void (*put)(go_trace_buf *, uint32_t, const void *),
                             const void *arg)
{
    uint32_t id = 0;
    if (cache_find(b, h, &id))
        return id;
    golock_lock(&tab_lock);
    id_ent *e = id_slot(stacks, h);
    if (e) {
        if (!e->hash) {
            e->hash = h;
            e->id = ++nstacks;
            put(b, e->id, arg);
        }
        id = e->id;
    }
    golock_unlock(&tab_lock);
    cache_put(b, h, id);
    return id;
}

typedef struct {
    void *const *pc;
    size_t n;
} pcs_arg;

static void put_pcs(go_trace_buf *b, uint32_t id, const void *arg)
{
    const pcs_arg *a = arg;
    put_stack(b, id, a->pc, a->n);
}

#define STACK_SEED 0x9e3779b97f4a7c15ull
static uint64_t stack_hash_final(uint64_t h)
{
    return (h | 2) & ~1ull; /* never 0, and apart from string hashes (odd) */
}

uint32_t go_trace_stack_pcs(go_trace_buf *b, void *const *pc, size_t n)
{
    if (!n || !stacks)
        return 0;
    uint64_t h = STACK_SEED;
    for (size_t i = 0; i < n; i++)
        h = mix(h, (uint64_t)(uintptr_t)pc[i]);
    h = stack_hash_final(h);
    pcs_arg a = {pc, n};
    return intern_stack(b, h, put_pcs, &a);
}

/* One frame whose function is the name, at the name's address: a PC of 0
 * would read as "no stack" to the viewer.  Called under tab_lock. */
static void put_named(go_trace_buf *b, uint32_t id, const void *arg)
{
    const char *name = arg;
    size_t len;
    uint64_t sh = string_hash(name, &len);
    uint32_t fn = string_locked(b, name, len, sh);
    uint8_t tmp[64];
    size_t n = 0;
    uint64_t vals[6] = {id, 1, (uint64_t)(uintptr_t)name, fn, 0, 0};
    for (int i = 0; i < 6; i++)
        for (uint64_t v = vals[i];; v >>= 7) {
            tmp[n++] = (uint8_t)(v >= 0x80 ? (v | 0x80) : v);
            if (v < 0x80)
                break;
        }
    go_trace_reserve(b, 1 + 10 + n);
    go_trace_put_byte(b, TEV_STACK | 3 << 6);
    go_trace_put_varint(b, n);
    go_trace_put_bytes(b, tmp, n);
}

/* A one-frame stack naming a goroutine that has no function of its own
 * (goroutine 1, adopted threads): the viewer wants every creation to have
 * a stack. */
uint32_t go_trace_stack_named(go_trace_buf *b, const char *name)
{
    if (!stacks)
        return 0;
    size_t len;
    uint64_t h = (string_hash(name, &len) | 2) & ~1ull;
    return intern_stack(b, h, put_named, name);
}

/* Walks g's frame-pointer chain from fp (a library frame on g's stack, as
 * go_hooks_fp_chain: inside the stack, moving up): drops the library's own
 * frames, ends at the goroutine entry or after TRACE_MAX_FRAMES, stores
 * the pcs in out when out is not NULL, and returns their count and the
 * hash go_trace_stack_pcs gives them. */
static inline size_t user_frames(const go_g *g, const char *fp, void **out, uint64_t *hash)
{
    const char *lo = g->stack_lo, *hi = g->stack_hi;
    /* the library's bounds, read once (weak symbols: loads through the GOT) */
    const char *lib_lo = __start_gosan_go_text, *lib_hi = __stop_gosan_go_text;
    uint64_t h = STACK_SEED;
    size_t n = 0;
    bool in_lib = true;
    while (fp && fp >= lo && fp + 16 <= hi && ((uintptr_t)fp & 7) == 0) {
        void *const *frame = (void *const *)fp;
        void *pc = frame[1];
        if (!pc)
            break;
        if (!in_lib || !(in_lib = (const char *)pc >= lib_lo && (const char *)pc < lib_hi)) {
            if (go_is_entry_pc(pc) || n == TRACE_MAX_FRAMES)
                break;
            if (out)
                out[n] = pc;
            h = mix(h, (uint64_t)(uintptr_t)pc);
            n++;
        }
        const char *next = (const char *)frame[0];
        if (next <= fp)
            break;
        fp = next;
    }
    *hash = stack_hash_final(h);
    return n;
}

/* A stack not in this worker's cache: walked again into an array, then
 * looked up in (or added to) the shared table. */
static __attribute__((noinline)) uint32_t stack_of_slow(go_trace_buf *b, go_g *g, const void *fp)
{
    void *pc[TRACE_MAX_FRAMES];
    uint64_t h;
    size_t n = user_frames(g, fp, pc, &h);
    return go_trace_stack_pcs(b, pc, n);
}

/* The calling goroutine g's frames below the library, walked up from fp:
 * a frame of the library on the calling thread's chain of frames (the
 * caller's own, or one further up, so that the frames in between, all
 * the library's, are not crossed).  Go caches stacks by their frames'
 * hash; so does each worker, and a stack seen before costs the walk, its
 * hash and one lookup. */
uint32_t go_trace_stack_from(go_trace_buf *b, go_g *g, const void *fp)
{
    if (!g || !g->stack_lo || !stacks)
        return 0;
    uint64_t h;
    if (!user_frames(g, fp, NULL, &h))
        return 0;
    uint32_t id;
    if (__builtin_expect(cache_find(b, h, &id), 1))
        return id;
    return stack_of_slow(b, g, fp);
}

__attribute__((noinline)) uint32_t go_trace_stack_of(go_trace_buf *b, go_g *g)
{
    return go_trace_stack_from(b, g, __builtin_frame_address(0));
}

uint32_t go_trace_stack_here(go_trace_buf *b) { return go_trace_stack_of(b, go_cur_g()); }
