/* leaktest.c - goleak for test programs: the ignore lists of
 * gosan_leak_ignore_*, gosan_verify_none and gosan_verify_test_main, and
 * go_hooks_leak_ignored, through which the checker's leak check asks the
 * same lists (so both builds ignore alike).
 *
 * Invariants: the lists only grow, under lt_lock (a golock: never held
 * across a call out of this file), in malloc'd memory owned here; names are
 * copies.  A goroutine's functions are its stack's frames of the program's
 * own code, innermost first: the checker passes them symbolized; without
 * it they come from the library's frame-pointer walk (frames of the
 * library's code dropped, as its tracebacks drop the entry).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gosan/gosan.h>

#include "g.h"
#include "hb.h"

#define LT_MAX_FRAMES 64

typedef struct lt_list {
    void *items; /* char *[] or uint64_t[] */
    size_t n, cap;
} lt_list;

static golock lt_lock;
static lt_list lt_top, lt_any, lt_ids;

static void lt_push(lt_list *l, const void *item, size_t size)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        void *p = realloc(l->items, cap * size);
        if (!p)
            return; /* out of memory: the ignore is dropped, a leak shown */
        l->items = p;
        l->cap = cap;
    }
    memcpy((char *)l->items + l->n * size, item, size);
    l->n++;
}

static void lt_add_name(lt_list *l, const char *name)
{
    char *copy = name ? strdup(name) : NULL;
    if (!copy)
        return;
    golock_lock(&lt_lock);
    lt_push(l, &copy, sizeof copy);
    golock_unlock(&lt_lock);
}

void gosan_leak_ignore_top_function(const char *name) { lt_add_name(&lt_top, name); }
void gosan_leak_ignore_any_function(const char *name) { lt_add_name(&lt_any, name); }

void gosan_leak_ignore_current(void)
{
    go_g *self = go_self();
    golock_lock(&go_sched.all_lock);
    golock_lock(&lt_lock);
    for (go_g *g = go_sched.all; g; g = g->all_next)
        if (g != self)
            lt_push(&lt_ids, &g->id, sizeof g->id);
    golock_unlock(&lt_lock);
    golock_unlock(&go_sched.all_lock);
}

static bool lt_has_name(const lt_list *l, const char *fn)
{
    char *const *names = l->items;
    for (size_t i = 0; fn && i < l->n; i++)
        if (strcmp(names[i], fn) == 0)
            return true;
    return false;
}

static bool lt_has_id(uint64_t id)
{
    const uint64_t *ids = lt_ids.items;
    for (size_t i = 0; i < lt_ids.n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

/* The library's own view of goroutine id's functions (not started yet:
 * the checker's snapshot has no stack for it then). */
static size_t lt_functions_of(uint64_t id, const char **out, size_t max)
{
    size_t n = 0;
    golock_lock(&go_sched.all_lock);
    for (go_g *g = go_sched.all; g; g = g->all_next)
        if (g->id == id) {
            n = go_leak_functions(g, out, max);
            break;
        }
    golock_unlock(&go_sched.all_lock);
    return n;
}

bool go_hooks_leak_ignored(uint64_t id, const char *const *functions, size_t n)
{
    const char *own[LT_MAX_FRAMES];
    if (n == 0) {
        n = lt_functions_of(id, own, LT_MAX_FRAMES);
        functions = own;
    }
    return go_leak_ignored(id, functions, n);
}

bool go_leak_ignored(uint64_t id, const char *const *functions, size_t n)
{
    golock_lock(&lt_lock);
    bool ignored = lt_has_id(id) || (n > 0 && lt_has_name(&lt_top, functions[0]));
    for (size_t i = 0; !ignored && i < n; i++)
        ignored = lt_has_name(&lt_any, functions[i]);
    golock_unlock(&lt_lock);
    return ignored;
}

/* ---- without the checker: the functions of a parked goroutine */

extern const char __start_gosan_go_text[], __stop_gosan_go_text[];

static bool lt_library_pc(const char *pc)
{
    return pc >= __start_gosan_go_text && pc < __stop_gosan_go_text;
}

/* A parked or runnable goroutine's stack from its saved context.  One
 * without a stack to walk (not started yet, or running on another
 * thread, whose saved context is stale) is its goroutine function alone,
 * which is at the bottom of whatever stack it has. */
size_t go_leak_functions(go_g *g, const char **out, size_t max)
{
    if (max == 0)
        return 0;
    int st = atomic_load(&g->status);
    void *const *sp = g->sp;
    bool parked = (st == G_WAITING || st == G_RUNNABLE) && !g->bound_m && sp;
    if (!parked || sp[7] == (void *)go_ctx_trampoline) {
        const char *fn = g->fn ? go_symbol_name((void *)g->fn) : NULL;
        out[0] = fn;
        return fn != NULL;
    }
    void *pcs[LT_MAX_FRAMES];
    pcs[0] = sp[7];
    size_t n = 1 + go_hooks_fp_chain(sp[6], g->stack_lo, g->stack_hi, pcs + 1, LT_MAX_FRAMES - 1);
    size_t k = 0;
    for (size_t i = 0; i < n && k < max; i++) {
        const char *pc = (const char *)pcs[i] - (i ? 1 : 0);
        if (go_is_entry_pc(pc))
            break;
        if (lt_library_pc(pc))
            continue;
        const char *fn = go_symbol_name((void *)pc);
        if (fn)
            out[k++] = fn;
    }
    return k;
}

/* ---- the checks */

int gosan_verify_none(void)
{
    int n = gosan_leakcheck();
    if (n > 0)
        fprintf(stderr, "gosan: %d goroutine%s leaked\n", n, n == 1 ? "" : "s");
    return n;
}

int gosan_verify_test_main(int argc, char **argv, int (*run)(int argc, char **argv))
{
    int status = run(argc, argv);
    if (status != 0)
        return status;
    return gosan_verify_none() > 0 ? 1 : 0;
}
