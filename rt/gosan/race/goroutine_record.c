/* goroutine_record.c - goroutine records (goroutine_record.h), bounded.
 *
 * Records live in a direct-mapped table of gs_flags.goroutine_records
 * entries (a power of two) indexed by id; goroutine ids grow, so an entry is
 * taken over by the goroutine created that many ids later, which recycles
 * the record (and frees its labels) if its goroutine finished: memory does
 * not grow with the number of goroutines ever created.  Thread ids index
 * the table from its other end.
 *
 * A record whose goroutine is still live when its entry is taken over
 * moves to the long-lived table, a hash by id, so no live goroutine loses
 * its record (those records cost what the live goroutines cost).  Once
 * such a goroutine finishes, its record stays until LONG_KEEP more
 * long-lived ones have finished.
 *
 * Every entry carries its id, so a lookup finds the id's own record or
 * none.  Locks: one byte per entry (creations, starts and exits of
 * different goroutines touch different entries) and long_lock, which is
 * taken after an entry's lock or alone, never before one.
 */
#include "goroutine_record.h"

#include "flags.h"
#include "internal_alloc.h"
#include "spinlock.h"
#include "thread_state.h"

typedef struct grec_ent {
    uint64_t goid; /* 0: empty */
    uint64_t parent;
    char *labels;  /* gs_alloc'd, or NULL */
    uint32_t create_node;
    uint8_t state, is_main;
    uint8_t lock;
} grec_ent;

#define LONG_KEEP 4096u /* finished long-lived records kept */

static grec_ent *table;
static size_t table_mask;
static gs_splock table_init_lock = GS_SPLOCK_INIT;

static gs_splock long_lock = GS_SPLOCK_INIT;
static grec_ent **long_tab; /* open addressing, linear probing */
static size_t long_cap, long_len;
static uint64_t long_done[LONG_KEEP]; /* finished long-lived ids, oldest first */
static size_t long_done_head, long_done_len;

static grec_ent *get_table(void)
{
    grec_ent *t = __atomic_load_n(&table, __ATOMIC_ACQUIRE);
    if (t)
        return t;
    gs_flags_init();
    gs_splock_lock(&table_init_lock);
    if (!table) {
        size_t n = 16;
        while (n < (size_t)gs_flags.goroutine_records)
            n *= 2;
        table_mask = n - 1;
        __atomic_store_n(&table, gs_mmap_or_die(n * sizeof(grec_ent), "goroutine records"), __ATOMIC_RELEASE);
    }
    gs_splock_unlock(&table_init_lock);
    return table;
}

static grec_ent *entry_of(uint64_t goid)
{
    grec_ent *t = get_table();
    size_t i = (size_t)goid;
    if (gs_goid_is_thread(goid))
        i = ~(size_t)(goid & ~GS_THREAD_ID_BIT);
    return &t[i & table_mask];
}

static void ent_lock(grec_ent *e)
{
    for (unsigned spins = 0;; spins++) {
        if (!__atomic_load_n(&e->lock, __ATOMIC_RELAXED) && !__atomic_exchange_n(&e->lock, 1, __ATOMIC_ACQUIRE))
            return;
        if (spins < 64)
            gosan_cpu_relax();
        else
            sched_yield();
    }
}

static void ent_unlock(grec_ent *e) { __atomic_store_n(&e->lock, 0, __ATOMIC_RELEASE); }

static bool is_live(const grec_ent *e) { return e->state == GS_GREC_CREATED || e->state == GS_GREC_RUNNING; }

/* ---- the long-lived table (under long_lock) */
static size_t long_home(uint64_t goid) { return (size_t)(goid * 0x9e3779b97f4a7c15ull >> 20) & (long_cap - 1); }

static size_t long_pos(uint64_t goid)
{
    size_t i = long_home(goid);
    while (long_tab[i] && long_tab[i]->goid != goid)
        i = (i + 1) & (long_cap - 1);
    return i;
}

static grec_ent *long_find(uint64_t goid)
{
    return long_cap ? long_tab[long_pos(goid)] : NULL;
}

static void long_grow(void)
{
    grec_ent **old = long_tab;
    size_t old_cap = long_cap;
    long_cap = old_cap ? old_cap * 2 : 64;
    long_tab = gs_calloc(long_cap, sizeof *long_tab);
    for (size_t i = 0; i < old_cap; i++)
        if (old[i])
            long_tab[long_pos(old[i]->goid)] = old[i];
    gs_free(old);
}

static void long_insert(const grec_ent *e)
{
    if (2 * (long_len + 1) > long_cap)
        long_grow();
    grec_ent *c = gs_alloc(sizeof *c);
    *c = *e;
    c->lock = 0;
    long_tab[long_pos(c->goid)] = c;
    long_len++;
}

/* Backward-shift deletion keeps every probe chain unbroken. */
static void long_remove(uint64_t goid)
{
    if (!long_cap)
        return;
    size_t i = long_pos(goid);
    grec_ent *e = long_tab[i];
    if (!e)
        return;
    gs_free(e->labels);
    gs_free(e);
    long_len--;
    for (size_t j = (i + 1) & (long_cap - 1); long_tab[j]; j = (j + 1) & (long_cap - 1)) {
        size_t h = long_home(long_tab[j]->goid);
        bool stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
        if (!stays) {
            long_tab[i] = long_tab[j];
            i = j;
        }
    }
    long_tab[i] = NULL;
}

static void long_finished(uint64_t goid)
{
    if (long_done_len == LONG_KEEP) {
        long_remove(long_done[long_done_head]);
        long_done_head = (long_done_head + 1) % LONG_KEEP;
        long_done_len--;
    }
    long_done[(long_done_head + long_done_len++) % LONG_KEEP] = goid;
}

/* ---- access to one id's record */
typedef struct held {
    grec_ent *ent;   /* its table entry, locked, if it lives there */
    bool in_long;    /* else long_lock is held */
    uint64_t resident; /* on NULL: the id that holds the entry */
} held;

/* The id's record with its lock held, or NULL (no lock held). */
/* Not analysed (nor rec_unlock): which lock is held is chosen at run time
 * and recorded in h. */
GS_NO_THREAD_SAFETY_ANALYSIS static grec_ent *rec_lock(uint64_t goid, held *h)
{
    grec_ent *s = entry_of(goid);
    ent_lock(s);
    if (s->goid == goid) {
        h->ent = s;
        h->in_long = false;
        return s;
    }
    h->resident = s->goid;
    ent_unlock(s);
    /* not in the entry: moved to the long-lived table before the entry's
     * lock was released, or recycled */
    gs_splock_lock(&long_lock);
    grec_ent *r = long_find(goid);
    if (r) {
        h->in_long = true;
        return r;
    }
    gs_splock_unlock(&long_lock);
    return NULL;
}

GS_NO_THREAD_SAFETY_ANALYSIS static void rec_unlock(held *h)
{
    if (h->in_long)
        gs_splock_unlock(&long_lock);
    else
        ent_unlock(h->ent);
}

void gs_grec_created(uint64_t goid, uint64_t parent, uint32_t create_node, uint8_t state, bool is_main)
{
    if (!goid)
        return;
    grec_ent *s = entry_of(goid);
    ent_lock(s);
    if (s->goid != goid) {
        if (s->goid && is_live(s)) {
            gs_splock_lock(&long_lock);
            long_insert(s);
            gs_splock_unlock(&long_lock);
        } else {
            gs_free(s->labels);
        }
        s->labels = NULL;
        s->goid = goid;
    }
    s->parent = parent;
    s->create_node = create_node;
    s->state = state;
    s->is_main = is_main;
    ent_unlock(s);
    /* Ids are handed out in order (the library's counter), so the next
     * spawn takes the next entry: fetching its line now hides the miss a
     * spawn-heavy program otherwise takes at every other spawn. */
    __builtin_prefetch(entry_of(goid + 1), 1);
}

void gs_grec_set_state(uint64_t goid, uint8_t state)
{
    held h;
    grec_ent *r = rec_lock(goid, &h);
    if (!r)
        return;
    bool done_long = h.in_long && is_live(r) && state == GS_GREC_FINISHED;
    r->state = state;
    if (done_long)
        long_finished(goid);
    rec_unlock(&h);
}

void gs_grec_set_origin(uint64_t goid, uint64_t parent, uint32_t create_node)
{
    held h;
    grec_ent *r = rec_lock(goid, &h);
    if (!r)
        return;
    r->parent = parent;
    r->create_node = create_node;
    rec_unlock(&h);
}

void gs_grec_set_labels(uint64_t goid, const char *labels)
{
    if (!labels || !labels[0])
        return;
    char *copy = gs_strdup(labels);
    held h;
    grec_ent *r = rec_lock(goid, &h);
    if (r && !r->labels) {
        r->labels = copy;
        copy = NULL;
    }
    if (r)
        rec_unlock(&h);
    gs_free(copy);
}

gs_grec_lookup_result gs_grec_lookup(uint64_t goid, gs_grec *out, char *labels, size_t size)
{
    if (labels && size)
        labels[0] = 0;
    held h;
    grec_ent *r = rec_lock(goid, &h);
    if (!r) {
        /* taken over by a later id of its kind: it existed and was recycled */
        uint64_t res = h.resident;
        bool same_kind = gs_goid_is_thread(res) == gs_goid_is_thread(goid);
        return res && !(same_kind && res < goid) ? GS_GREC_RECYCLED : GS_GREC_NONE;
    }
    out->parent = r->parent;
    out->create_node = r->create_node;
    out->state = r->state;
    out->is_main = r->is_main;
    if (labels && size && r->labels) {
        size_t i = 0;
        for (; i + 1 < size && r->labels[i]; i++)
            labels[i] = r->labels[i];
        labels[i] = 0;
    }
    rec_unlock(&h);
    return GS_GREC_FOUND;
}
