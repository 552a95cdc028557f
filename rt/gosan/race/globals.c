/* globals.c - the table of instrumented globals (see globals.h).
 *
 * Each instrumented module's constructor registers its array once; arrays
 * live in the module's read-only data, so we keep pointers, not copies.  A
 * lookup (report time only) scans every array: reports are rare and
 * modules few.  Registrations are prepended with a release store, so a scan
 * needs no lock.
 */
#include "globals.h"

#include "internal_alloc.h"
#include "shadow.h"
#include "spinlock.h"
#include "symbolize.h"

typedef struct gl_table {
    struct gl_table *next;
    const gosan_global *g;
    size_t n;
} gl_table;

static gl_table *gl_tables;
static gs_splock gl_lock = GS_SPLOCK_INIT;

void __gosan_register_globals(const gosan_global *g, size_t n)
{
    if (!g || n == 0)
        return;
    gl_table *t = gs_alloc(sizeof *t);
    t->g = g;
    t->n = n;
    gs_splock_lock(&gl_lock);
    t->next = gl_tables;
    __atomic_store_n(&gl_tables, t, __ATOMIC_RELEASE);
    gs_splock_unlock(&gl_lock);
    for (size_t i = 0; i < n; i++) /* a large array's shadow: 2 MiB pages, as for heap blocks */
        gs_shadow_dense((uintptr_t)g[i].addr, g[i].size, true);
}

bool gs_global_find(uintptr_t addr, gosan_global *out)
{
    for (gl_table *t = __atomic_load_n(&gl_tables, __ATOMIC_ACQUIRE); t; t = t->next) {
        for (size_t i = 0; i < t->n; i++) {
            uintptr_t base = (uintptr_t)t->g[i].addr;
            if (addr >= base && addr < base + (t->g[i].size ? t->g[i].size : 1)) {
                *out = t->g[i];
                if (out->file)
                    out->file = gs_strip_path(out->file);
                return true;
            }
        }
    }
    gs_data_sym d;
    if (!gs_symbolize_data(addr, &d) || !d.name || addr < d.start || addr >= d.start + (d.size ? d.size : 1))
        return false;
    *out = (gosan_global){(const void *)d.start, d.size, d.name, d.file, (uint32_t)d.line, 0};
    return true;
}
