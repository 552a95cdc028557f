/* stackdepot.c - the stack depot (see stackdepot.h).
 *
 * A fixed hash table of singly linked chains.  Nodes are immutable once
 * published and are only ever prepended with a release CAS, so lookups walk
 * chains with acquire loads and take no lock; an insert takes the bucket's
 * stripe lock only to avoid storing the same stack twice.  Ids index a
 * two-level table filled before the node is published, so gs_stack_load of
 * an id that anyone has seen always finds its node.
 */
#include "stackdepot.h"

#include "api_frame.h"
#include "report_record.h"

#include "log.h"
#include "report.h"
#include "str.h"
#include "check.h"
#include "internal_alloc.h"
#include "own_code.h"
#include "spinlock.h"
#include "symbolize.h"
#include "symtab.h"

#include "go_hooks.h"

/* The library's side, weak so that the runtime links on its own. */
#pragma weak go_hooks_entry_range

#define SD_BUCKETS (1u << 16)
#define SD_STRIPES 256
#define SD_L2 (1u << 16)         /* ids per second-level page */
#define SD_L1 (1u << 16)         /* second-level pages: 2^32 ids in all */

typedef struct sd_node {
    struct sd_node *next;
    uint32_t hash;
    gs_stack_id id;
    uint32_t n;
    uintptr_t pcs[];
} sd_node;

static sd_node *sd_table[SD_BUCKETS];
static gs_splock sd_stripes[SD_STRIPES];
static sd_node **sd_ids[SD_L1];
static gs_splock sd_ids_lock = GS_SPLOCK_INIT;
static uint32_t sd_next_id = 1;

size_t gs_stack_print_max = GS_STACK_MAX_DEPTH;

static uint32_t sd_hash(const uintptr_t *pcs, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull ^ n;
    for (size_t i = 0; i < n; i++) {
        h ^= pcs[i];
        h *= 0x100000001b3ull;
        h ^= h >> 29;
    }
    return (uint32_t)(h ^ (h >> 32));
}

static bool sd_equal(const sd_node *nd, uint32_t hash, const uintptr_t *pcs, size_t n)
{
    if (nd->hash != hash || nd->n != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (nd->pcs[i] != pcs[i])
            return false;
    return true;
}

static sd_node *sd_find(sd_node *head, uint32_t hash, const uintptr_t *pcs, size_t n)
{
    for (sd_node *nd = head; nd; nd = __atomic_load_n(&nd->next, __ATOMIC_ACQUIRE))
        if (sd_equal(nd, hash, pcs, n))
            return nd;
    return NULL;
}

static void sd_register_id(sd_node *nd)
{
    uint32_t hi = nd->id / SD_L2, lo = nd->id % SD_L2;
    sd_node **page = __atomic_load_n(&sd_ids[hi], __ATOMIC_ACQUIRE);
    if (!page) {
        gs_splock_lock(&sd_ids_lock);
        page = sd_ids[hi];
        if (!page) {
            page = gs_mmap_or_die(SD_L2 * sizeof(sd_node *), "the stack depot's id table");
            __atomic_store_n(&sd_ids[hi], page, __ATOMIC_RELEASE);
        }
        gs_splock_unlock(&sd_ids_lock);
    }
    __atomic_store_n(&page[lo], nd, __ATOMIC_RELEASE);
}

gs_stack_id gs_stack_save(const uintptr_t *pcs, size_t n)
{
    if (n == 0)
        return 0;
    if (n > GS_STACK_MAX_DEPTH)
        n = GS_STACK_MAX_DEPTH;
    uint32_t hash = sd_hash(pcs, n);
    sd_node **bucket = &sd_table[hash % SD_BUCKETS];
    sd_node *nd = sd_find(__atomic_load_n(bucket, __ATOMIC_ACQUIRE), hash, pcs, n);
    if (nd)
        return nd->id;
    gs_splock *stripe = &sd_stripes[hash % SD_STRIPES];
    gs_splock_lock(stripe);
    sd_node *head = __atomic_load_n(bucket, __ATOMIC_ACQUIRE);
    nd = sd_find(head, hash, pcs, n);
    if (!nd) {
        nd = gs_alloc(sizeof *nd + n * sizeof(uintptr_t));
        nd->hash = hash;
        nd->n = (uint32_t)n;
        for (size_t i = 0; i < n; i++)
            nd->pcs[i] = pcs[i];
        nd->id = __atomic_fetch_add(&sd_next_id, 1, __ATOMIC_RELAXED);
        if (nd->id == 0)
            gs_die("stack depot: more than 2^32 distinct stacks");
        sd_register_id(nd);
        GS_DCHECK(gs_stack_load(nd->id, &(const uintptr_t *){0}, &(size_t){0})); /* loadable before published */
        nd->next = head;
        __atomic_store_n(bucket, nd, __ATOMIC_RELEASE);
    }
    gs_splock_unlock(stripe);
    return nd->id;
}

bool gs_stack_load(gs_stack_id id, const uintptr_t **pcs, size_t *n)
{
    if (id == 0)
        return false;
    sd_node **page = __atomic_load_n(&sd_ids[id / SD_L2], __ATOMIC_ACQUIRE);
    sd_node *nd = page ? __atomic_load_n(&page[id % SD_L2], __ATOMIC_ACQUIRE) : NULL;
    if (!nd)
        return false;
    *pcs = nd->pcs;
    *n = nd->n;
    return true;
}

/* ---- printing */

/* gosan's own frames are noise in a report: the user wants the first frame
 * of their own code.  The checker's frames are known by address
 * (own_code.h), whatever the program names its functions.  The library's
 * goroutine entry is scaffolding every goroutine starts from, known by
 * address too; reports end at the goroutine's function, as Go's and TSan's
 * do.  The C library's start code below main and a thread's entry is cut
 * by sd_trim_bottom.
 *
 * The library's goroutine entry range (go_hooks_entry_range) is asked
 * once: an empty range without the library. */
static uintptr_t sd_entry_lo, sd_entry_hi;
static int sd_entry_known;

bool gs_stack_is_go_entry(uintptr_t pc)
{
    if (!__atomic_load_n(&sd_entry_known, __ATOMIC_ACQUIRE)) {
        uintptr_t lo = 0, hi = 0;
        if (go_hooks_entry_range)
            go_hooks_entry_range(&lo, &hi);
        __atomic_store_n(&sd_entry_lo, lo, __ATOMIC_RELAXED);
        __atomic_store_n(&sd_entry_hi, hi, __ATOMIC_RELAXED);
        __atomic_store_n(&sd_entry_known, 1, __ATOMIC_RELEASE);
    }
    return pc >= __atomic_load_n(&sd_entry_lo, __ATOMIC_RELAXED) && pc < __atomic_load_n(&sd_entry_hi, __ATOMIC_RELAXED);
}

static bool sd_internal_pc(uintptr_t pc)
{
    return gs_pc_in_runtime(pc) || gs_stack_is_go_entry(pc);
}

/* Stacks end at the program's first function: the C library's start code
 * below main or a thread's entry (unnamed without debug info: by address)
 * is cut. */
static size_t sd_trim_bottom(const uintptr_t *pcs, size_t n)
{
    size_t end = n;
    while (end > 1 && (pcs[end - 1] == 0 || gs_symtab_in_libc(pcs[end - 1] - 1)))
        end--;
    return end;
}

/* frame 0 is an access pc; later ones are return addresses: the call
 * instruction is the byte before. */
static uintptr_t sd_lookup_pc(const uintptr_t *pcs, size_t i)
{
    return i == 0 ? pcs[0] : pcs[i] - 1;
}

static void sd_print_pcs(const uintptr_t *pcs, size_t n);

static void sd_print_frame(size_t k, const gs_frame *f)
{
    gs_rec_frame(f);
    if (f->file && f->column)
        gs_printf("    #%zu %s %s:%d:%d\n", k, f->function, f->file, f->line, f->column);
    else if (f->file)
        gs_printf("    #%zu %s %s:%d\n", k, f->function, f->file, f->line);
    else if (f->module)
        gs_printf("    #%zu %s (%s+0x%lx)\n", k, f->function, f->module, (unsigned long)f->module_offset);
    else if (gs_api_frame_call(f->pc)) /* the intercepted call: its name says it all */
        gs_printf("    #%zu %s\n", k, f->function);
    else
        gs_printf("    #%zu %s (%p)\n", k, f->function, (void *)f->pc);
}

/* The record (report_json.h) takes every stack a report prints. */
void gs_print_pcs(const uintptr_t *pcs, size_t n)
{
    gs_rec_stack_begin();
    sd_print_pcs(pcs, n);
    gs_rec_stack_end();
}

static void sd_print_pcs(const uintptr_t *pcs, size_t n)
{
    if (n == 0) {
        gs_printf("    <empty stack>\n");
        return;
    }
    size_t k = 0;
    n = sd_trim_bottom(pcs, n);
    for (size_t i = 0; i < n; i++) {
        if (pcs[i] == 0 || sd_internal_pc(sd_lookup_pc(pcs, i)))
            continue;
        gs_frame fr[16];
        size_t m = gs_symbolize_inlined(sd_lookup_pc(pcs, i), fr, 16);
        for (size_t j = 0; j < m; j++) {
            if (k >= gs_stack_print_max) {
                gs_printf("    ... %zu more frame%s\n", n - i, n - i == 1 ? "" : "s");
                return;
            }
            sd_print_frame(k++, &fr[j]);
        }
    }
    if (k == 0)
        gs_printf("    <empty stack>\n");
}

void gs_print_stack(gs_stack_id id)
{
    const uintptr_t *pcs;
    size_t n;
    if (!gs_stack_load(id, &pcs, &n)) {
        gs_rec_stack_begin();
        gs_printf("    <empty stack>\n");
        gs_rec_stack_end();
        return;
    }
    gs_print_pcs(pcs, n);
}

size_t gs_stack_functions(gs_stack_id id, const char **out, size_t max)
{
    const uintptr_t *pcs;
    size_t n, k = 0;
    if (!gs_stack_load(id, &pcs, &n))
        return 0;
    n = sd_trim_bottom(pcs, n);
    for (size_t i = 0; i < n && k < max; i++) {
        if (pcs[i] == 0 || sd_internal_pc(sd_lookup_pc(pcs, i)))
            continue;
        gs_frame fr[16];
        size_t m = gs_symbolize_inlined(sd_lookup_pc(pcs, i), fr, 16);
        for (size_t j = 0; j < m && k < max; j++)
            out[k++] = fr[j].function;
    }
    return k;
}

uintptr_t gs_stack_top_pc(gs_stack_id id, bool *is_return_addr)
{
    const uintptr_t *pcs;
    size_t n;
    if (!gs_stack_load(id, &pcs, &n))
        return 0;
    n = sd_trim_bottom(pcs, n);
    for (size_t i = 0; i < n; i++) {
        if (pcs[i] == 0 || sd_internal_pc(sd_lookup_pc(pcs, i)))
            continue;
        if (is_return_addr)
            *is_return_addr = i != 0;
        return pcs[i];
    }
    return 0;
}
