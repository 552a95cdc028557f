/* lock_order_groups.c - lock-order reports grouped by code locations (see
 * lock_order_groups.h): an open-addressing table of shapes, each with its
 * count and the location its report named.  When the table is full a new
 * shape is reported without grouping (a report too many rather than one
 * lost).
 *
 * Invariant: lg_lock guards the table and is held only inside
 * gs_lo_group_first, which calls nothing while holding it.  The location
 * text is written before the entry is published (lg_used), so the exit
 * note (async-signal-safe: loads and writes only) reads whole entries.
 */
#include "lock_order_groups.h"

#include "exit_status.h"
#include "flags.h"
#include "log.h"
#include "printf.h"
#include "spinlock.h"
#include "symbolize.h"

#define LG_SLOTS 1024
#define LG_WHERE 160

typedef struct lg_group {
    uint64_t shape;
    uint64_t count; /* sets of mutexes with this shape, the reported one included */
    char where[LG_WHERE];
} lg_group;

static lg_group lg_table[LG_SLOTS];
static int lg_used[LG_SLOTS]; /* 1 once lg_table[i] is filled */
static gs_splock lg_lock = GS_SPLOCK_INIT;

/* `FILE:LINE in FN` of the SUMMARY line of the group's report. */
static void lg_where(gs_stack_id top, char *buf, size_t size)
{
    bool ret = false;
    uintptr_t pc = gs_stack_top_pc(top, &ret);
    gs_frame f;
    if (pc && ret)
        pc--;
    if (pc && gs_symbolize(pc, &f) && f.file)
        gs_snprintf(buf, size, "%s:%d in %s", f.file, f.line, f.function);
    else if (pc && gs_symbolize(pc, &f) && f.function[0] != '?')
        gs_snprintf(buf, size, "(%s+0x%lx) in %s", f.module ? f.module : "<unknown module>",
                    (unsigned long)f.module_offset, f.function);
    else
        gs_snprintf(buf, size, "an unknown location");
}

static void lg_print_notes(int fd)
{
    for (size_t i = 0; i < LG_SLOTS; i++) {
        if (!__atomic_load_n(&lg_used[i], __ATOMIC_ACQUIRE))
            continue;
        uint64_t n = __atomic_load_n(&lg_table[i].count, __ATOMIC_RELAXED);
        if (n > 1)
            gs_fdprintf(fd,
                        "gosan: the lock-order inversion reported at %s was seen between %llu different "
                        "sets of mutexes; reported once\n",
                        lg_table[i].where, (unsigned long long)n);
    }
}

/* The slot of shape, or of the empty slot it would take (SIZE_MAX: full).
 * Under lg_lock. */
static size_t lg_find(uint64_t shape)
{
    size_t home = (size_t)((shape * 0x9e3779b97f4a7c15ull) >> 40) % LG_SLOTS;
    for (size_t k = 0; k < LG_SLOTS; k++) {
        size_t i = (home + k) % LG_SLOTS;
        if (!lg_used[i] || lg_table[i].shape == shape)
            return i;
    }
    return (size_t)-1;
}

/* An existing group of shape counts one more set of mutexes. */
static bool lg_count(uint64_t shape)
{
    gs_splock_lock(&lg_lock);
    size_t i = lg_find(shape);
    bool found = i != (size_t)-1 && lg_used[i];
    if (found)
        __atomic_store_n(&lg_table[i].count, lg_table[i].count + 1, __ATOMIC_RELAXED);
    gs_splock_unlock(&lg_lock);
    return found;
}

bool gs_lo_group_first(uint64_t shape, gs_stack_id top)
{
    if (!gs_flags.report_dedup)
        return true;
    if (lg_count(shape)) {
        gs_exit_status_on_count(lg_print_notes);
        return false;
    }
    char where[LG_WHERE];
    lg_where(top, where, sizeof where); /* outside lg_lock: it symbolizes */
    bool first = true;
    gs_splock_lock(&lg_lock);
    size_t i = lg_find(shape);
    if (i != (size_t)-1 && lg_used[i]) { /* another thread made it meanwhile */
        __atomic_store_n(&lg_table[i].count, lg_table[i].count + 1, __ATOMIC_RELAXED);
        first = false;
    } else if (i != (size_t)-1) {
        lg_table[i].shape = shape;
        lg_table[i].count = 1;
        __builtin_memcpy(lg_table[i].where, where, sizeof where);
        __atomic_store_n(&lg_used[i], 1, __ATOMIC_RELEASE);
    }
    gs_splock_unlock(&lg_lock);
    if (!first)
        gs_exit_status_on_count(lg_print_notes);
    return first;
}
