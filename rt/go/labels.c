/* labels.c - goroutine labels, the analogue of pprof labels.  Each goroutine
 * owns a small array of copied key/value strings (malloc'd: labels are the
 * program's data, and the checker's reports show them); go_spawn copies the
 * parent's array into the child.  Only the owning goroutine changes its own
 * labels, so no lock is needed; readers in dumps see a consistent array
 * because entries are filled before nlabels grows. */
#include <stdlib.h>
#include <string.h>

#include "g.h"
#include "hb.h"

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static void free_entry(go_label *l)
{
    free((void *)l->key);
    free((void *)l->value);
}

/* Runs on the scheduler after the goroutine exited (or on its failed
 * spawn): the library's own bookkeeping, not a program access, so the
 * checker must not take the frees as writes racing with the goroutine's
 * reads of its labels (goroutine exit orders nothing). */
void go_labels_free(go_g *g)
{
    bool ignore = GO_CHECKER_ON() && go_hooks_active->ignore && g->labels;
    if (ignore)
        go_hooks_active->ignore(+1);
    for (size_t i = 0; i < g->nlabels; i++)
        free_entry(&g->labels[i]);
    free(g->labels);
    if (ignore)
        go_hooks_active->ignore(-1);
    g->labels = NULL;
    g->nlabels = g->labels_cap = 0;
}

void go_labels_inherit(go_g *child, const go_g *parent, int *err)
{
    child->labels = malloc(parent->nlabels * sizeof *child->labels);
    if (!child->labels) {
        *err = GO_ENOMEM;
        return;
    }
    child->labels_cap = parent->nlabels;
    for (size_t i = 0; i < parent->nlabels; i++) {
        char *k = dup_str(parent->labels[i].key), *v = dup_str(parent->labels[i].value);
        if (!k || !v) {
            free(k);
            free(v);
            go_labels_free(child);
            *err = GO_ENOMEM;
            return;
        }
        child->labels[i] = (go_label){k, v};
        child->nlabels = i + 1;
    }
}

static go_label *find(go_g *g, const char *key)
{
    for (size_t i = 0; i < g->nlabels; i++)
        if (strcmp(g->labels[i].key, key) == 0)
            return &g->labels[i];
    return NULL;
}

static void label_set(go_g *g, const char *key, const char *value);

/* labels_seq is odd while the array changes: a CPU-profile signal that
 * interrupts the change leaves the labels out of its sample. */
void go_label_set(const char *key, const char *value)
{
    go_g *g = go_self();
    if (!g || !key)
        return;
    atomic_fetch_add_explicit(&g->labels_seq, 1, memory_order_relaxed);
    atomic_signal_fence(memory_order_seq_cst);
    label_set(g, key, value);
    atomic_signal_fence(memory_order_seq_cst);
    atomic_fetch_add_explicit(&g->labels_seq, 1, memory_order_release);
}

static void label_set(go_g *g, const char *key, const char *value)
{
    go_label *l = find(g, key);
    if (!value) {
        if (!l)
            return;
        free_entry(l);
        *l = g->labels[--g->nlabels];
        return;
    }
    char *v = dup_str(value);
    if (!v)
        return;
    if (l) {
        free((void *)l->value);
        l->value = v;
        return;
    }
    char *k = dup_str(key);
    if (!k) {
        free(v);
        return;
    }
    if (g->nlabels == g->labels_cap) {
        size_t ncap = g->labels_cap ? g->labels_cap * 2 : 4;
        go_label *n = realloc(g->labels, ncap * sizeof *n);
        if (!n) {
            free(k);
            free(v);
            return;
        }
        g->labels = n;
        g->labels_cap = ncap;
    }
    g->labels[g->nlabels] = (go_label){k, v};
    g->nlabels++;
}

const char *go_label_get(const char *key)
{
    go_g *g = go_self();
    if (!g || !key)
        return NULL;
    go_label *l = find(g, key);
    return l ? l->value : NULL;
}
